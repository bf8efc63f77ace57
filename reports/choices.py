from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportKind(models.TextChoices):
    """The two documents the terms of reference ask for (sections 3(b)(iii) and 6)."""

    SITUATION_REPORT = "situation_report", _("Situation Report")
    RCM_ASSESSMENT = "rcm_assessment", _("RCM assessment")


class ReportLanguage(models.TextChoices):
    """The languages a report is built in; Arabic is right-to-left.

    Texts are written in English and Arabic: the French edition has French headings, labels, figures
    and dates, and prints the English texts (marked as such)."""

    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    FRENCH = "fr", _("French")


class ChapterState(models.TextChoices):
    """Where a chapter stands: written, handed in, returned with comments, or accepted."""

    DRAFT = "draft", pgettext_lazy("chapter state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("chapter state", "Submitted")
    REVIEWED = "reviewed", pgettext_lazy("chapter state", "Reviewed, changes requested")
    APPROVED = "approved", pgettext_lazy("chapter state", "Approved")


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    REVIEW = "review", _("Review")
    APPROVAL = "approval", _("Approval")
    REOPENING = "reopening", _("Reopening")


class BuildStatus(models.TextChoices):
    """A PDF build is a job: queued, running, then done or failed."""

    PENDING = "pending", pgettext_lazy("build status", "Queued")
    RUNNING = "running", pgettext_lazy("build status", "Running")
    DONE = "done", pgettext_lazy("build status", "Done")
    FAILED = "failed", pgettext_lazy("build status", "Failed")


ACTIVE_BUILD_STATUSES = (BuildStatus.PENDING, BuildStatus.RUNNING)


class QuestionnaireStatus(models.TextChoices):
    """The detailed assessment's questionnaire: prepared, open to focal points, then closed."""

    PREPARING = "preparing", _("Being prepared")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Scale from 1 to 5")
    OPEN = "open", _("Open answer")


class QuestionDimension(models.TextChoices):
    """What a question assesses (terms of reference, section 6)."""

    RELEVANCE = "relevance", _("Relevance")
    EFFECTIVENESS = "effectiveness", _("Effectiveness")
    ORGANISATION = "organisation", _("Organisation and functioning")


class LikertScore(models.IntegerChoices):
    STRONGLY_DISAGREE = 1, _("Strongly disagree")
    DISAGREE = 2, _("Disagree")
    NEUTRAL = 3, _("Neither agree nor disagree")
    AGREE = 4, _("Agree")
    STRONGLY_AGREE = 5, _("Strongly agree")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("questionnaire response", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("questionnaire response", "Submitted")


# Research and information library (terms of reference, 3(a) and 3(d)(ii)) ---------------------------


class LibraryKind(models.TextChoices):
    """What kind of document a library item is."""

    STUDY = "study", _("Study")
    REPORT = "report", pgettext_lazy("library item", "Report")
    DATA_NOTE = "data_note", _("Data note")
    POLICY_BRIEF = "policy_brief", _("Policy brief")


class LibraryVisibility(models.TextChoices):
    """Who may find and open a library item: anyone, or the members of the Group only."""

    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the Group only")


class LibraryLanguage(models.TextChoices):
    """The language the item (its title, abstract and file) is written in."""

    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    FRENCH = "fr", _("French")
