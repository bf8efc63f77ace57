"""Controlled vocabularies of the programmes app.

Codes are stored; labels are translated. Reference lists that are not simple enumerations
(countries, SDG targets, GCM objectives) live in ``rwg_portal/reference.py``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    NORMATIVE = "normative", _("Normative")
    TECHNICAL = "technical", _("Technical cooperation")
    RESEARCH = "research", _("Research")
    CAPACITY = "capacity", _("Capacity building")
    ADVOCACY = "advocacy", _("Advocacy")
    DATA = "data", _("Data and statistics")




class TargetGroup(models.TextChoices):
    MIGRANT_WORKERS = "migrant_workers", _("Migrant workers")
    DOMESTIC_WORKERS = "domestic_workers", _("Domestic workers")
    WOMEN_GIRLS = "women_girls", _("Women and girls")
    CHILDREN = "children", _("Children and youth")
    REFUGEES = "refugees", _("Refugees and asylum seekers")
    IDPS = "idps", _("Internally displaced persons")
    RETURNEES = "returnees", _("Returnees")
    VICTIMS = "victims", _("Victims of trafficking")
    DIASPORA = "diaspora", _("Diaspora communities")
    GOVERNMENTS = "governments", _("Government officials")
    SOCIAL_PARTNERS = "social_partners", _("Employers' and workers' organisations")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    HOST_COMMUNITIES = "host_communities", _("Host communities")


class ActivityStatus(models.TextChoices):
    """Lifecycle of an activity; each maps to an IATI ActivityStatus code (see ``IATI_STATUS``)."""

    PIPELINE = "pipeline", _("Pipeline")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


def status_for_dates(starts_on, ends_on, today) -> "ActivityStatus":
    """The status a new activity's dates imply: planned (pipeline) before it starts, ongoing while it
    runs, completed once its end date has passed (an open-ended activity never completes by itself)."""
    if starts_on > today:
        return ActivityStatus.PIPELINE
    if ends_on is not None and ends_on < today:
        return ActivityStatus.COMPLETED
    return ActivityStatus.ONGOING


IATI_STATUS = {
    ActivityStatus.PIPELINE: "1",
    ActivityStatus.ONGOING: "2",
    ActivityStatus.COMPLETED: "3",
    ActivityStatus.CANCELLED: "5",
    ActivityStatus.SUSPENDED: "6",
}


class FundingSource(models.TextChoices):
    CORE = "core", _("Agency core or regular budget")
    DONOR = "donor", _("Earmarked donor contribution")
    POOLED = "pooled", _("Pooled or joint fund")
    GOVERNMENT = "government", _("Government cost-sharing")
    PRIVATE = "private", _("Private sector or foundation")
    OTHER = "other", _("Other")


class Currency(models.TextChoices):
    USD = "USD", "USD"
    EUR = "EUR", "EUR"
    CHF = "CHF", "CHF"
    GBP = "GBP", "GBP"
    EGP = "EGP", "EGP"
    JOD = "JOD", "JOD"
    LBP = "LBP", "LBP"
    MAD = "MAD", "MAD"
    SAR = "SAR", "SAR"
    AED = "AED", "AED"


class Marker(models.IntegerChoices):
    """OECD-DAC style policy marker scale, used for the gender and human-rights markers."""

    NONE = 0, _("0 - not targeted")
    LIMITED = 1, _("1 - limited contribution")
    SIGNIFICANT = 2, _("2 - significant objective")
    PRINCIPAL = 3, _("3 - principal objective")


class ParticipantRole(models.TextChoices):
    """Roles of agencies in a joint programme; the lead agency is the activity's ``lead_agency``."""

    CO_LEAD = "co_lead", _("Co-lead")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")


class AttachmentKind(models.TextChoices):
    LINK = "link", _("Link")
    DOCUMENT = "document", _("Document")


class PrioritySource(models.TextChoices):
    CAIRO_2013 = "cairo_2013", _("Cairo regional consultative meeting (4-5 June 2013)")
    GOVERNMENT = "government", _("Government request or national strategy")
    RCM = "rcm", _("Regional Coordination Mechanism")
    LAS = "las", _("League of Arab States resolution")
    OTHER = "other", _("Other")


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for validation")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")


class PairVerdict(models.TextChoices):
    COMPLEMENTARY = "complementary", _("Complementary")
    JOINT_CANDIDATE = "joint_candidate", _("Candidate for a joint programme")
    DUPLICATION = "duplication", _("Duplication to raise at the next meeting")


class ImportState(models.TextChoices):
    """States of a bulk update; nothing is written to activities before ``applied``."""

    FAILED = "failed", _("Rejected")
    VALIDATED = "validated", _("Ready to apply")
    APPLIED = "applied", _("Applied")
    DISCARDED = "discarded", _("Discarded")


class RecommendationForum(models.TextChoices):
    """Where governments made a recommendation (ToR 3(b)(ii)); the Cairo meeting first."""

    CAIRO_2013 = "cairo_2013", _("Regional consultative meeting for the Arab region on the second High-Level "
                                 "Dialogue on International Migration and Development (Cairo, 4-5 June 2013)")
    OTHER = "other", _("Another meeting of governments")


class RecommendationStatus(models.TextChoices):
    """Where the implementation of a governments' recommendation stands, as the secretariat reviewed it."""

    NOT_REVIEWED = "not_reviewed", _("Not reviewed yet")
    NOT_STARTED = "not_started", _("Not started")
    UNDER_WAY = "under_way", _("Under way")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_PURSUED = "not_pursued", _("No longer pursued")
