from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A person's standing role; focal points and alternates come from designations."""

    NONE = "", _("No role")
    SECRETARIAT = "secretariat", _("Secretariat")
    RCM_DELEGATE = "rcm_delegate", _("RCM delegate")
    MEMBER = "member", _("Member agency staff")


class AgencyKind(models.TextChoices):
    UN_ENTITY = "un", _("UN entity")
    INTERGOVERNMENTAL = "igo", _("Intergovernmental body")
    NGO = "ngo", _("Non-governmental organisation")
    BILATERAL = "bilateral", _("Bilateral or multilateral agency")
    OTHER = "other", _("Other")


class Membership(models.TextChoices):
    CORE = "core", _("Core member")
    PARTICIPANT = "participant", _("Participant")
    FORMER = "former", _("Former member")


class OfficeCity(models.TextChoices):
    CAIRO = "cairo", _("Cairo")
    BEIRUT = "beirut", _("Beirut")
    OTHER = "other", _("Other")


class DesignationRole(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point")
    ALTERNATE = "alternate", _("Alternate")


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ContactMessageStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed without an answer")


class OrganisationKind(models.TextChoices):
    """Who proposes a practice or answers a consultation from outside the Group (ToR 3(d)(i))."""

    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    MIGRANTS = "migrants", _("Migrants' or diaspora organisation")
    TRADE_UNION = "trade_union", _("Trade union or employers' organisation")
    ACADEMIC = "academic", _("Academic or research institution")
    OTHER = "other", _("Other")


class ProposalStatus(models.TextChoices):
    """States of a good practice proposed through the public form."""

    NEW = "new", _("Awaiting moderation")
    RETURNED = "returned", _("Returned to the organisation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class AnswerStatus(models.TextChoices):
    """States of an answer to a public consultation."""

    NEW = "new", _("Awaiting moderation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
