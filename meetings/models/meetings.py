"""Meetings of the Group: agenda, papers, invitations, attendance, minutes, decisions, action items.

Every model keeps its history (django-simple-history), so the secretariat can see who
changed what and when, and minutes keep their revisions.
"""

import datetime
import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.choices import (
    CITY_TIME_ZONES,
    OPEN_ACTION_STATUSES,
    TIME_ZONE_CHOICES,
    ActionItemStatus,
    AgendaItemKind,
    FollowUp,
    GuestOrganisationKind,
    GuestResponse,
    InvitationResponse,
    JobState,
    JoinRequestOutcome,
    MeetingCity,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    MinutesStatus,
    ReminderKind,
    Representation,
)
from rwg_portal.jobs import Job
from rwg_portal.timezones import zone_label
from rwg_portal.translated import Shown, check_original, language_field, reader_language, shown, translated
from rwg_portal.uploads import generated_name

USER = settings.AUTH_USER_MODEL


class Meeting(models.Model):
    """A meeting of the Group, quoted by its reference "RWG <year>/<number>".

    ``year`` and ``number`` are given when the meeting is scheduled (the next number in
    the year of its start, in the venue's time zone) and never reused, so references in
    minutes and e-mails stay valid. Times are stored in UTC; ``time_zone`` is the venue's
    (the organiser's for a videoconference) and is shown beside the reader's.
    """

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveSmallIntegerField(_("number in the year"), editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    title = models.CharField(
        _("subject"), max_length=255, blank=True,
        help_text=_("Optional, e.g. “Preparation of the Regional Coordination Mechanism meeting”."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(_("time zone of the venue"), max_length=64, choices=TIME_ZONE_CHOICES,
                                 default="Asia/Beirut")
    mode = models.CharField(_("mode"), max_length=20, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON)
    city = models.CharField(_("city"), max_length=20, choices=MeetingCity.choices, blank=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True, help_text=_("Building and room."))
    video_link = models.URLField(_("videoconference link"), max_length=500, blank=True,
                                 help_text=_("Shown only to members of the Group and to invitees."))
    chair_agency = models.ForeignKey("members.Agency", verbose_name=_("chairing agency"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="chaired_meetings")
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    status_note = models.CharField(_("reason for the status"), max_length=255, blank=True,
                                   help_text=_("Why the meeting was postponed or cancelled."))
    cloned_from = models.ForeignKey("self", verbose_name=_("planned from"), on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="clones")
    minutes_status = models.CharField(_("minutes"), max_length=20, choices=MinutesStatus.choices,
                                      default=MinutesStatus.DRAFT)
    minutes_shared_at = models.DateTimeField(_("minutes shared at"), null=True, blank=True)
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)
    minutes_approved_at_meeting = models.ForeignKey(
        "self", verbose_name=_("minutes approved at"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="approved_minutes_of",
    )
    # The public calendar (/<language>/meetings/) lists every meeting's date, place and status; the summary and
    # the decisions appear there only once the secretariat publishes them.
    public_summary = models.TextField(_("public summary"), blank=True,
                                      help_text=_("A short account of the meeting for the public calendar."))
    publish_summary = models.BooleanField(_("publish the summary"), default=False,
                                          help_text=_("Show the public summary on the public calendar."))
    publish_decisions = models.BooleanField(
        _("publish the decisions"), default=False,
        help_text=_("Show the meeting's decisions on the public calendar once its minutes are approved."))
    # iCalendar SEQUENCE: grows when the time, place or status changes, so that calendar
    # programs replace their copy of the event.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="meeting_reference_unique"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(condition=Q(minutes_status="approved") | Q(minutes_approved_on__isnull=True),
                                   name="meeting_minutes_approved_has_status"),
        ]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["year", "status"])]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"RWG {self.year}/{self.number}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def zone_label(self) -> str:
        """The venue's zone as a city in the reader's language ("بيروت (لبنان)"), not its IANA name."""
        return zone_label(self.time_zone)

    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def minutes_locked(self) -> bool:
        """Approved minutes (and the decisions in them) are the record: they no longer change."""
        return self.minutes_status == MinutesStatus.APPROVED

    @property
    def is_online(self) -> bool:
        return self.mode in (MeetingMode.VIDEOCONFERENCE, MeetingMode.HYBRID)

    def clean(self):
        errors = {}
        if self.mode in (MeetingMode.IN_PERSON, MeetingMode.HYBRID):
            if not self.city:
                errors["city"] = _("A meeting in person takes place in Cairo or Beirut.")
            else:
                # The venue's zone follows from the city, so it cannot disagree with it.
                self.time_zone = CITY_TIME_ZONES[self.city]
        if self.mode in (MeetingMode.VIDEOCONFERENCE, MeetingMode.HYBRID):
            if not self.video_link:
                errors["video_link"] = _("Give the link of the videoconference.")
            elif not self.video_link.lower().startswith("https://"):
                errors["video_link"] = _("The videoconference link must start with https://.")
        if self.mode == MeetingMode.VIDEOCONFERENCE and self.city:
            self.city = ""
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting must end after it starts.")
        if self.publish_summary and not self.public_summary.strip():
            errors["public_summary"] = _("Write the summary before publishing it.")
        if self.status in (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED) and not self.status_note:
            errors["status_note"] = _("Say why the meeting was postponed or cancelled.")
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    """An item of a meeting's agenda, in ``position`` order.

    A regular meeting's agenda starts with the approval of the previous meeting's minutes
    (``minutes_of``) and carries the open action items of earlier meetings for follow-up
    (``follow_up_items``, a snapshot taken when the agenda is prepared).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.ITEM)
    # Written in ``language``, translated into the others where someone has (rwg_portal/translated.py).
    title = translated(models.CharField(_("title"), max_length=255))
    language = language_field()
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    presenting_agency = models.ForeignKey("members.Agency", verbose_name=_("presented by"),
                                          on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    minutes_of = models.ForeignKey(Meeting, verbose_name=_("minutes to approve"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="minutes_approval_items")
    follow_up_items = models.ManyToManyField("meetings.ActionItem", verbose_name=_("action items to follow up"),
                                             blank=True, related_name="followed_up_in")
    history = HistoricalRecords(m2m_fields=[follow_up_items])

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return f"{self.meeting}: {self.position}. {self.title}"

    @property
    def shown_title(self) -> Shown:
        """The title as the reader sees it: the standard items in the reader's language (from the catalogue),
        others in theirs where it was written or translated, else the original, marked "(shown in …)"."""
        reader = reader_language()
        if self.kind == AgendaItemKind.MINUTES_APPROVAL and self.minutes_of_id:
            text = gettext("Approval of the minutes of %(reference)s") % {"reference": self.minutes_of.reference}
            return Shown(text=text, language=reader, reader=reader)
        if self.kind == AgendaItemKind.ACTION_FOLLOW_UP:
            text = gettext("Follow-up of the action items of earlier meetings")
            return Shown(text=text, language=reader, reader=reader)
        return shown(self, "title")

    @property
    def display_title(self) -> str:
        """The title's text in the reader's language (see ``shown_title``), without the marker."""
        return self.shown_title.text

    @property
    def display_title_marked(self) -> str:
        """For plain text (e-mails, calendars): the title, followed by "(shown in English)" when it is not in
        the reader's language."""
        title = self.shown_title
        return f"{title.text} {title.marker}" if title.marker else title.text

    def clean(self):
        errors = check_original(self, "title")
        if errors:
            raise ValidationError(errors)


def document_upload_to(instance, filename: str) -> str:
    """A generated name: the person's file name is never used on disk."""
    return generated_name("meetings/documents", instance.extension)


class Document(models.Model):
    """A paper of a meeting (or of one of its agenda items); its file lives in its versions."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    # Guests (observers without an account) read only the papers shared with them, through their link.
    shared_with_guests = models.BooleanField(_("shared with guests"), default=False,
                                             help_text=_("Guests of the meeting can download it through their "
                                                         "invitation link."))
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


class DocumentVersion(models.Model):
    """One uploaded file of a document. Replacing a document adds a version; none is deleted."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(upload_to=document_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    # Read from the file after the upload (a Celery task, PDF and DOCX), for the portal's search.
    text = models.TextField(_("text of the file"), blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self):
        return f"{self.document} v{self.number}"


class Invitation(models.Model):
    """A person invited to a meeting, and their answer."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(USER, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="meeting_invitations")
    agency = models.ForeignKey("members.Agency", verbose_name=_("agency represented"), on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="+")
    response = models.CharField(_("answer"), max_length=20, choices=InvitationResponse.choices,
                                default=InvitationResponse.PENDING)
    response_note = models.CharField(_("note"), max_length=500, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    invited_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    email_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "agency__acronym", "person__last_name", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="invitation_once_per_person")]

    def __str__(self):
        return f"{self.meeting}: {self.person}"


class Attendance(models.Model):
    """Who represented an agency at a held meeting. Attendance rates are computed from these rows.

    A row means the agency was expected at the meeting; ``representation`` says whether
    and how it was represented.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey("members.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="meeting_attendance")
    representation = models.CharField(_("represented by"), max_length=20, choices=Representation.choices)
    person = models.ForeignKey(USER, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    representative_name = models.CharField(_("name of the representative"), max_length=200, blank=True)
    remote = models.BooleanField(_("attended remotely"), default=False)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "agency__acronym"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "agency"], name="attendance_once_per_agency")]

    def __str__(self):
        return f"{self.meeting}: {self.agency} ({self.get_representation_display()})"

    @property
    def attended(self) -> bool:
        return self.representation != Representation.ABSENT

    @property
    def representative(self) -> str:
        return str(self.person) if self.person_id else self.representative_name

    def clean(self):
        if self.representation == Representation.ABSENT:
            self.person = None
            self.representative_name = ""
            self.remote = False
        elif self.representation == Representation.OTHER and not (self.person_id or self.representative_name):
            raise ValidationError({"representative_name": _("Give the name of the representative.")})


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


class CalendarFeed(models.Model):
    """A personal iCalendar feed: a secret URL that a calendar program subscribes to.

    Only a hash of the secret is stored; the URL is shown once, when it is created. Revoking
    it (or creating a new one) stops the old URL from working.
    """

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token_hash", "last_used_at"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(revoked_at__isnull=True),
                                    name="one_active_calendar_feed_per_user"),
        ]

    def __str__(self):
        return f"{self.user} ({'revoked' if self.revoked_at else 'active'})"


def bundle_upload_to(instance, filename: str) -> str:
    return f"meetings/bundles/{uuid.uuid4().hex}.zip"


class PapersBundle(Job):
    """A job that packs the current version of every paper of a meeting into one ZIP.

    Built by a Celery task; ``signature`` names the versions it holds, so an up-to-date
    bundle is reused instead of built again.
    """

    task = "meetings.tasks.build_papers_bundle"
    time_limit = 660
    pending_stale_after = datetime.timedelta(hours=1)  # not waited for any more: asked for again instead

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="bundles")
    signature = models.CharField(max_length=64)
    state = models.CharField(max_length=20, choices=JobState.choices, default=JobState.PENDING)
    file = models.FileField(upload_to=bundle_upload_to, max_length=255, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    requested_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("papers bundle")
        verbose_name_plural = _("papers bundles")

    def __str__(self):
        return f"{self.meeting} papers ({self.state})"

    @property
    def progress_step(self) -> int:
        """Progress rounded down to tens, for the progress bar's CSS class (no inline styles)."""
        return min(100, self.progress // 10 * 10)


class MeetingChange(models.Model):
    """A change to a meeting after its invitations went out, kept until the invitees are told.

    ``changes`` lists what changed, old and new (times as ISO 8601 in UTC, codes for mode and
    city, agenda item titles), so each invitee's e-mail can say it in their language and time
    zone. ``sequence`` is the meeting's iCalendar SEQUENCE after the change. Changes not yet
    e-mailed (``notified_at`` empty) are told together in one message per invitee.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    sequence = models.PositiveIntegerField()
    changes = models.JSONField(default=list)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("change to a meeting")
        verbose_name_plural = _("changes to meetings")
        indexes = [models.Index(fields=["meeting", "notified_at"])]

    def __str__(self):
        return f"{self.meeting} #{self.sequence}"


def new_link_nonce() -> str:
    return secrets.token_hex(16)


class GuestInvitation(models.Model):
    """A guest without an account, invited by e-mail address (ToR section 5: other UN agencies,
    intergovernmental bodies, NGOs, bilateral and multilateral agencies).

    The guest answers and downloads the papers shared with guests through a signed link
    (``meetings.guests``) naming this row and its ``link_nonce``; a new nonce revokes the old
    link. Attendance records guests as observers with their organisation (``attended``).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guest_invitations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(_("organisation"), max_length=255)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=30,
                                         choices=GuestOrganisationKind.choices, default=GuestOrganisationKind.OTHER)
    language = models.CharField(_("language of the e-mails"), max_length=10, choices=settings.LANGUAGES,
                                default="en")
    response = models.CharField(_("answer"), max_length=20, choices=GuestResponse.choices,
                                default=GuestResponse.PENDING)
    response_note = models.CharField(_("note"), max_length=500, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    attended = models.BooleanField(_("attended as an observer"), null=True, blank=True)
    link_nonce = models.CharField(max_length=32, default=new_link_nonce, editable=False)
    invited_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    email_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["link_nonce"])

    class Meta:
        ordering = ["meeting", "organisation", "name", "pk"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        constraints = [models.UniqueConstraint(fields=["meeting", "email"], name="guest_once_per_meeting")]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def get_full_name(self) -> str:
        """As ``User.get_full_name``, so the e-mails address guests and members alike."""
        return self.name

    def clean(self):
        self.email = (self.email or "").strip().lower()
# The Regional Coordination Mechanism (ToR sections 5 and 6) ---------------------------------


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
        from django.utils.formats import date_format

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
