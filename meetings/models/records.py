"""The record of a meeting: minutes and comments on them, decisions, action items, and reminders sent.

simple-history keeps every revision of the minutes.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.choices import OPEN_ACTION_STATUSES, ActionItemStatus, FollowUp, JoinRequestOutcome, ReminderKind
from meetings.models.meetings import AgendaItem, Meeting
from rwg_portal.translated import check_original, language_field, translated

USER = settings.AUTH_USER_MODEL


class MinutesSection(models.Model):
    """The minutes of one agenda item, in Markdown; simple-history keeps every revision."""

    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"), blank=True, help_text=_("Markdown is allowed."))
    updated_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes of an agenda item")
        verbose_name_plural = _("minutes of agenda items")

    def __str__(self):
        return str(self.agenda_item)


class MinutesComment(models.Model):
    """A member's comment on draft minutes shared for comments."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_comments")
    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="minutes_comments")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("comment on minutes")
        verbose_name_plural = _("comments on minutes")

    def __str__(self):
        return f"{self.meeting}: {self.author}"


class Decision(models.Model):
    """A decision of a meeting, numbered within it ("RWG 2027/2 D3").

    Decisions flagged ``report_to_rcm`` are published to RCM delegates once the minutes
    that record them are approved; decisions the secretariat marks ``public`` (approved minutes
    only) are shown to everyone in the decisions register. A decision may settle a request to
    join the Group.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="decisions")
    # Written in ``language``, translated into the others where someone has (rwg_portal/translated.py).
    text = translated(models.TextField(_("decision"), help_text=_("Markdown is allowed.")))
    language = language_field()
    report_to_rcm = models.BooleanField(_("report to the RCM"), default=False,
                                        help_text=_("Published to RCM delegates once the minutes are approved."))
    public = models.BooleanField(_("published on the public site"), default=False,
                                 help_text=_("Shown to everyone in the decisions register; only decisions of "
                                             "approved minutes can be published."))
    join_request = models.ForeignKey("members.JoinRequest", verbose_name=_("request to join"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="decisions")
    join_request_outcome = models.CharField(_("outcome of the request"), max_length=20,
                                            choices=JoinRequestOutcome.choices, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="decision_number_unique"),
            models.UniqueConstraint(fields=["join_request"], condition=Q(join_request__isnull=False),
                                    name="decision_once_per_join_request"),
            models.CheckConstraint(
                condition=Q(join_request__isnull=True, join_request_outcome="")
                | Q(join_request__isnull=False) & ~Q(join_request_outcome=""),
                name="decision_join_request_has_outcome",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.meeting.reference} D{self.number}"

    @property
    def follow_up(self) -> str:
        """A ``FollowUp`` value; needs the counts annotated by ``selectors.decision_register_for_user``."""
        if not self.action_count:
            return FollowUp.NONE
        return FollowUp.OPEN if self.open_action_count else FollowUp.DONE

    def get_follow_up_display(self) -> str:
        return str(FollowUp(self.follow_up).label)

    def clean(self):
        errors = check_original(self, "text")
        if bool(self.join_request_id) != bool(self.join_request_outcome):
            errors["join_request_outcome"] = _("A decision on a request to join says whether it is accepted or "
                                               "declined.")
        if errors:
            raise ValidationError(errors)


class ActionItem(models.Model):
    """Something an agency agreed to do at a meeting, possibly following a decision."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="action_items")
    title = models.CharField(_("action"), max_length=255)
    description = models.TextField(_("details"), blank=True, help_text=_("Markdown is allowed."))
    owner_agency = models.ForeignKey("members.Agency", verbose_name=_("owner agency"), on_delete=models.PROTECT,
                                     related_name="action_items")
    assignee = models.ForeignKey(USER, verbose_name=_("assignee"), on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="assigned_action_items")
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=20, choices=ActionItemStatus.choices,
                              default=ActionItemStatus.OPEN)
    progress_note = models.TextField(_("progress note"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="action_item_number_unique"),
            models.CheckConstraint(condition=Q(status="done") | Q(completed_on__isnull=True),
                                   name="action_item_completed_only_when_done"),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    @property
    def reference(self) -> str:
        return f"{self.meeting.reference} A{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    def clean(self):
        if self.decision_id and self.decision.meeting_id != self.meeting_id:
            raise ValidationError({"decision": _("The decision must be one of this meeting's.")})


class Reminder(models.Model):
    """A reminder e-mail that was sent. The unique ``key`` is what makes reminders idempotent:
    a second run of the task finds the row and sends nothing."""

    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    key = models.CharField(max_length=200, unique=True)
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders")
    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="reminders")
    sent_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return self.key
