"""Choices of the meetings app (terms of reference, section 5: how the Group meets)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    EXTRAORDINARY = "extraordinary", _("Extraordinary")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEOCONFERENCE = "videoconference", _("Videoconference")
    HYBRID = "hybrid", _("Hybrid (in person and videoconference)")


class MeetingCity(models.TextChoices):
    """The Group meets in Cairo or Beirut, or by videoconference (ToR section 5)."""

    CAIRO = "cairo", _("Cairo")
    BEIRUT = "beirut", _("Beirut")


# The venue's time zone follows from the city; a videoconference takes the organiser's.
CITY_TIME_ZONES = {MeetingCity.CAIRO: "Africa/Cairo", MeetingCity.BEIRUT: "Asia/Beirut"}

# Time zones an organiser of a videoconference may be in: the Arab region, the UN duty
# stations that often organise, and UTC. Only canonical IANA names (not the "backward"
# aliases, which some systems no longer install). IANA names are not translated.
TIME_ZONES = [
    "Asia/Beirut", "Africa/Cairo", "Africa/Algiers", "Africa/Casablanca", "Africa/Khartoum", "Africa/Nairobi",
    "Africa/Tripoli", "Africa/Tunis", "Asia/Amman", "Asia/Baghdad", "Asia/Damascus", "Asia/Dubai", "Asia/Gaza",
    "Asia/Qatar", "Asia/Riyadh", "Europe/Zurich", "Europe/Brussels", "America/New_York", "Asia/Bangkok", "Etc/UTC",
]
TIME_ZONE_CHOICES = [(name, name) for name in TIME_ZONES]


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class AgendaItemKind(models.TextChoices):
    ITEM = "item", _("Agenda item")
    MINUTES_APPROVAL = "minutes_approval", _("Approval of the minutes of the previous meeting")
    ACTION_FOLLOW_UP = "action_follow_up", _("Follow-up of open action items")


class InvitationResponse(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    IN_PERSON = "in_person", _("Will attend in person")
    REMOTE = "remote", _("Will attend remotely")
    CANNOT_ATTEND = "cannot_attend", _("Cannot attend")


class Representation(models.TextChoices):
    """Who represented an agency at a meeting, as the secretariat recorded it."""

    FOCAL_POINT = "focal_point", _("Focal point")
    ALTERNATE = "alternate", _("Alternate")
    OTHER = "other", _("Other representative")
    ABSENT = "absent", _("Absent")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SHARED = "shared", _("Shared with members for comments")
    APPROVED = "approved", _("Approved")


class JoinRequestOutcome(models.TextChoices):
    """How a decision settles a request to join; mirrors members' accepted/declined."""

    ACCEPTED = "accepted", _("Accept the request")
    DECLINED = "declined", _("Decline the request")


class ActionItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ACTION_STATUSES = (ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS)


class FollowUp(models.TextChoices):
    """Where a decision's follow-up stands, from the action items that arise from it."""

    NONE = "none", _("No action item")
    OPEN = "open", _("Under way")
    DONE = "done", _("Completed")


class ReminderKind(models.TextChoices):
    MEETING = "meeting", _("Meeting reminder")
    ACTION_DUE = "action_due", _("Action item due soon")
    ACTION_OVERDUE = "action_overdue", _("Action item overdue")


class JobState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class GuestResponse(models.TextChoices):
    """A guest's answer, given through their signed link."""

    PENDING = "pending", _("No answer yet")
    ATTENDING = "attending", _("Will attend")
    MAYBE = "maybe", _("May attend")
    NOT_ATTENDING = "not_attending", _("Will not attend")


class GuestOrganisationKind(models.TextChoices):
    """The kinds of organisation the Group may open participation to (ToR section 5)."""

    UN_AGENCY = "un_agency", _("UN agency")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental body")
    NGO = "ngo", _("Non-governmental organisation")
    DEVELOPMENT_AGENCY = "development_agency", _("Bilateral or multilateral agency")
    OTHER = "other", _("Other")
