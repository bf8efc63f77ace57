"""Long work done by a Celery worker, kept as a row with a state (docs/STYLE.md, 6), written once.

Imports (data_hub), report builds (reports) and papers bundles (meetings) inherit :class:`Job`: its
claim (one conditional UPDATE, so a task delivered twice runs its job once), its sweep of jobs whose
worker was lost, and its re-publication of jobs saved while the broker was away. Each app registers
its job model with ``rwg_portal.registry.register_job``; one beat task (``rwg_portal.tasks.sweep_jobs``)
sweeps them all. Services queue work with :func:`enqueue`, never by importing their tasks.
"""

import datetime
from typing import ClassVar

from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


def enqueue(task: str, *args, **options) -> None:
    """Send the Celery task at dotted path ``task`` with ``args`` once the transaction commits
    (at once outside one), so that the worker finds the rows it is given; ``options`` are those
    of ``apply_async`` (``countdown``, say).

    The task is named by its path so that services need not import their app's tasks (the tasks
    import the services); it is resolved now, so a misspelt path fails in the request, not later.
    """
    function = import_string(task)
    transaction.on_commit(lambda: function.apply_async(args, **options) if options else function.delay(*args))


class Job(models.Model):
    """A piece of work a worker does: pending, running, then done or failed, with its progress,
    when it started and finished, and the error that stopped it.

    The model declares its state field (with its own choices, which include these four values) and
    the moment it was asked for; ``state_field`` and ``created_field`` name them.
    """

    PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"

    state_field: ClassVar[str] = "state"
    created_field: ClassVar[str] = "created_at"
    task: ClassVar[str]  # dotted path of the task that runs one job, given its id
    time_limit: ClassVar[int]  # the task's time limit, in seconds: running longer, its worker was lost
    STALE_MARGIN: ClassVar[datetime.timedelta] = datetime.timedelta(minutes=2)
    # Still pending after this long, the job was most likely never published (broker away): publish again ...
    requeue_after: ClassVar[datetime.timedelta] = datetime.timedelta(minutes=2)
    # ... until this long, when it is given up (failed) instead; None waits for ever.
    pending_stale_after: ClassVar[datetime.timedelta | None] = None

    progress = models.PositiveSmallIntegerField(_("progress"), default=0, validators=[MaxValueValidator(100)])
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def claim(cls, pk: int, **values) -> bool:
        """Move job ``pk`` from pending to running (setting ``values`` too); False if it was not
        pending. One conditional UPDATE: of two workers given the same job, one wins."""
        return bool(cls.objects.filter(pk=pk, **{cls.state_field: cls.PENDING}).update(
            **{cls.state_field: cls.RUNNING, "started_at": timezone.now(), "error": "", **values}))

    @property
    def is_active(self) -> bool:
        """Waiting for a worker or in its hands: the job's page keeps asking how far it got."""
        return getattr(self, self.state_field) in (self.PENDING, self.RUNNING)

    def enqueue(self) -> None:
        """Queue this job's task once the transaction commits."""
        enqueue(self.task, self.pk)

    def lost_error(self) -> str:
        """The error recorded on a job whose worker was lost (or that no worker picked up)."""
        return "worker lost"

    def on_lost(self) -> None:
        """Clean up after a lost worker before the job is saved as failed (a temporary file, say)."""

    @classmethod
    def running_stale_after(cls) -> datetime.timedelta:
        return datetime.timedelta(seconds=cls.time_limit) + cls.STALE_MARGIN

    @classmethod
    def fail_stale(cls, *, now: datetime.datetime | None = None, **filters) -> int:
        """Fail the jobs (among those matching ``filters``) whose worker was lost, and those pending
        past ``pending_stale_after``, so that they can be asked for again; returns how many."""
        now = now or timezone.now()
        stale = Q(**{cls.state_field: cls.RUNNING, "started_at__lt": now - cls.running_stale_after()})
        if cls.pending_stale_after is not None:
            stale |= Q(**{cls.state_field: cls.PENDING, f"{cls.created_field}__lt": now - cls.pending_stale_after})
        count = 0
        with transaction.atomic():
            # skip_locked: a job a worker is finishing right now is not stale.
            for job in cls.objects.select_for_update(skip_locked=True, of=("self",)).filter(stale, **filters):
                job.error = job.lost_error()
                job.on_lost()
                setattr(job, cls.state_field, cls.FAILED)
                job.finished_at = now
                job._change_reason = "lost"
                job.save()
                count += 1
        return count

    @classmethod
    def requeue_waiting(cls, *, now: datetime.datetime | None = None) -> int:
        """Publish again the task of jobs pending since ``requeue_after`` and not yet given up; returns
        how many. Safe if the first publication arrived after all: the task claims its job."""
        now = now or timezone.now()
        created = cls.created_field
        waiting = cls.objects.filter(**{cls.state_field: cls.PENDING, f"{created}__lt": now - cls.requeue_after})
        if cls.pending_stale_after is not None:
            waiting = waiting.filter(**{f"{created}__gte": now - cls.pending_stale_after})
        ids = list(waiting.values_list("pk", flat=True))
        task = import_string(cls.task)
        for pk in ids:
            task.delay(pk)
        return len(ids)
