"""Meetings of the Group, their agenda items, and the changes made after the invitations went out.

Every model keeps its history (django-simple-history), so the secretariat can see who
changed what and when.
"""

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
    TIME_ZONE_CHOICES,
    AgendaItemKind,
    MeetingCity,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    MinutesStatus,
)
from rwg_portal.timezones import zone_label
from rwg_portal.translated import Shown, check_original, language_field, reader_language, shown, translated

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
