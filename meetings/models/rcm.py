"""The Regional Coordination Mechanism (ToR sections 5 and 6): its sessions and the follow-up they asked for."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.choices import OPEN_ACTION_STATUSES, ActionItemStatus
from meetings.models.records import ActionItem, Decision

USER = settings.AUTH_USER_MODEL


class RcmSession(models.Model):
    """A session of the Arab States Regional Coordination Mechanism (RCM) at which the Group reported.

    The Group "will report on its activities and recommendations at the scheduled Regional
    Coordination Meetings" and presents its assessment "to the RCM on a yearly basis" (terms of
    reference, sections 5 and 6). A session records what the Group presented (report editions and
    assessments, decisions flagged for the RCM, a note), the RCM's feedback and recommendations,
    and the follow-up it asked for (``RcmFollowUp``). The secretariat records it; RCM delegates and
    the Group's members read it.
    """

    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200,
                             help_text=_("For example “Beirut, UN House” or “Videoconference”."))
    title = models.CharField(_("title"), max_length=255, blank=True,
                             help_text=_("Optional, e.g. “Regional Coordination Mechanism, annual meeting”."))
    presented_reports = models.ManyToManyField(
        "reports.Report", verbose_name=_("reports presented"), blank=True, related_name="rcm_sessions",
        help_text=_("Situation Report editions and RCM assessments the Group presented."))
    presented_decisions = models.ManyToManyField(
        Decision, verbose_name=_("decisions presented"), blank=True, related_name="rcm_sessions",
        help_text=_("Only decisions flagged “report to the RCM” can be presented."))
    presentation = models.TextField(_("what the Group presented"), blank=True, help_text=_("Markdown is allowed."))
    feedback = models.TextField(_("the RCM's feedback"), blank=True, help_text=_("Markdown is allowed."))
    recommendations = models.TextField(_("the RCM's recommendations"), blank=True,
                                       help_text=_("Markdown is allowed."))
    is_demo = models.BooleanField(_("demo content"), default=False, editable=False)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords(m2m_fields=[presented_reports, presented_decisions])

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("RCM session")
        verbose_name_plural = _("RCM sessions")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.title or gettext("RCM session of %(date)s") % {"date": date_format(self.held_on, "j F Y")}


class RcmFollowUp(models.Model):
    """Something the RCM asked for at a session, owned by an agency, followed up to completion.

    Like a meeting's ``ActionItem`` (same statuses), but agreed at the RCM rather than at one of
    the Group's meetings; when the Group takes it up at a meeting, ``action_item`` links the two.
    Numbered within its session ("F1", "F2"…).
    """

    session = models.ForeignKey(RcmSession, on_delete=models.CASCADE, related_name="follow_ups")
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    title = models.CharField(_("action"), max_length=255)
    owner_agency = models.ForeignKey("members.Agency", verbose_name=_("owner agency"), on_delete=models.PROTECT,
                                     related_name="rcm_follow_ups")
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionItemStatus.choices,
                              default=ActionItemStatus.OPEN)
    progress_note = models.TextField(_("progress note"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    action_item = models.ForeignKey(ActionItem, verbose_name=_("taken up as the action item"),
                                    on_delete=models.SET_NULL, null=True, blank=True, related_name="rcm_follow_ups")
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "number"]
        verbose_name = _("RCM follow-up")
        verbose_name_plural = _("RCM follow-ups")
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="rcm_follow_up_number_unique"),
            models.CheckConstraint(condition=Q(status="done") | Q(completed_on__isnull=True),
                                   name="rcm_follow_up_completed_only_when_done"),
        ]

    def __str__(self):
        return f"F{self.number}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()
