"""Who takes part in meetings: invitations and answers, attendance, guests, and calendar feeds."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.choices import GuestOrganisationKind, GuestResponse, InvitationResponse, Representation
from meetings.models.meetings import Meeting

USER = settings.AUTH_USER_MODEL


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
