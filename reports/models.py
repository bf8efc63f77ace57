"""The reports app's records: reports and their chapters, sources, PDF builds and the questionnaire."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import OrganisationProposal
from reports.choices import (
    ACTIVE_BUILD_STATUSES,
    BuildStatus,
    ChapterState,
    CommentKind,
    LibraryKind,
    LibraryLanguage,
    LibraryVisibility,
    LikertScore,
    QuestionDimension,
    QuestionKind,
    QuestionnaireStatus,
    ReportKind,
    ReportLanguage,
    ResponseStatus,
)
from rwg_portal.jobs import Job
from rwg_portal.translated import check_original, shown, translated

FIRST_YEAR = 2013  # the Group was set up in 2013 (terms of reference, section 1)


class Report(models.Model):
    """A document the Group writes together and publishes.

    Either an edition of the biennial Situation Report on International Migration in the
    Arab States (chapters written by the member agencies), or the yearly assessment that
    the Group presents to the Regional Coordination Mechanism (figures compiled by the
    portal, the secretariat's findings and the focal points' questionnaire answers).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)],
        help_text=_("The edition's year, or the year an RCM assessment covers."),
    )
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_ar = models.CharField(_("title (Arabic)"), max_length=255, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True,
                                  help_text=_("A few sentences shown on the downloads pages."))
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True)
    findings_en = models.TextField(_("findings (English)"), blank=True, help_text=_("Markdown."))
    findings_ar = models.TextField(_("findings (Arabic)"), blank=True, help_text=_("Markdown."))
    recommendations_en = models.TextField(_("recommendations (English)"), blank=True, help_text=_("Markdown."))
    recommendations_ar = models.TextField(_("recommendations (Arabic)"), blank=True, help_text=_("Markdown."))
    questionnaire_status = models.CharField(
        _("questionnaire"), max_length=20, choices=QuestionnaireStatus.choices, default=QuestionnaireStatus.PREPARING
    )
    questionnaire_deadline = models.DateField(_("answers due by"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"], name="one_report_per_kind_and_year",
                violation_error_message=_("There is already a report of this kind for this year."),
            ),
        ]

    def __str__(self):
        return self.title_en

    @property
    def is_situation_report(self) -> bool:
        return self.kind == ReportKind.SITUATION_REPORT

    @property
    def is_assessment(self) -> bool:
        return self.kind == ReportKind.RCM_ASSESSMENT

    def title_in(self, language: str | None = None) -> str:
        return shown(self, "title", language).text

    @property
    def title(self) -> str:
        return self.title_in()

    def summary_in(self, language: str | None = None) -> str:
        return shown(self, "summary", language).text

    @property
    def summary(self) -> str:
        return self.summary_in()


class Chapter(models.Model):
    """One chapter of a Situation Report edition, written in Markdown by its lead agency.

    Text can change while the chapter is a draft or has been returned with comments;
    once submitted it waits for the secretariat, who returns or approves it. Every saved
    version is kept in the history, and ``revision`` counts them so that two people
    editing at once cannot overwrite each other unnoticed.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="chapters", verbose_name=_("report"))
    position = models.PositiveSmallIntegerField(_("position"), validators=[MinValueValidator(1)])
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_ar = models.CharField(_("title (Arabic)"), max_length=255, blank=True)
    lead_agency = models.ForeignKey("members.Agency", on_delete=models.PROTECT, related_name="led_report_chapters",
                                    verbose_name=_("lead agency"))
    contributing_agencies = models.ManyToManyField(
        "members.Agency", blank=True, related_name="contributed_report_chapters",
        verbose_name=_("contributing agencies"),
    )
    deadline = models.DateField(_("deadline"))
    body_en = models.TextField(_("text (English)"), blank=True)
    body_ar = models.TextField(_("text (Arabic)"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=ChapterState.choices, default=ChapterState.DRAFT)
    state_changed_at = models.DateTimeField(_("state changed at"), default=timezone.now)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[contributing_agencies])

    class Meta:
        ordering = ["report", "position"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "position"], name="one_chapter_per_position",
                violation_error_message=_("Another chapter already has this position in the outline."),
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.title_en}"

    def title_in(self, language: str | None = None) -> str:
        return shown(self, "title", language).text

    @property
    def title(self) -> str:
        return self.title_in()

    @property
    def is_overdue(self) -> bool:
        return self.state != ChapterState.APPROVED and self.deadline < timezone.localdate()

    @property
    def has_arabic(self) -> bool:
        return bool(self.body_ar.strip())


class ChapterComment(models.Model):
    """A remark on a chapter: a plain comment, or the note that goes with a review decision."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=CommentKind.choices, default=CommentKind.COMMENT)
    body = models.TextField(_("comment"))
    revision = models.PositiveIntegerField(_("revision"), help_text=_("The chapter revision the comment is about."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.chapter}: {self.get_kind_display()} by {self.author}"


source_key_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]*$", _("Use lower-case letters, digits and hyphens, e.g. undesa-2024.")
)


class Source(models.Model):
    """An entry in a report's list of sources, cited in chapter text as ``[@key]``."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sources")
    key = models.CharField(_("key"), max_length=60, validators=[source_key_validator],
                           help_text=_("Cite it in a chapter as [@key]."))
    citation_en = models.TextField(_("citation (English)"))
    citation_ar = models.TextField(_("citation (Arabic)"), blank=True)
    url = models.URLField(_("address"), blank=True)
    # Whoever added it corrects it (reports/permissions.py): that agency's authors, or the
    # secretariat (empty: added by the secretariat).
    agency = models.ForeignKey("members.Agency", verbose_name=_("added by"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_source_per_key",
                                    violation_error_message=_("This report already has a source with this key.")),
        ]

    def __str__(self):
        return self.key

    def citation_in(self, language: str | None = None) -> str:
        return shown(self, "citation", language).text


def build_upload_to(build: "Build", filename: str) -> str:
    return f"reports/{build.report_id}/{filename}"


class Build(Job):
    """One request to turn a report into a PDF in one language: a job row.

    The worker moves it from pending to running with a conditional update, writes the
    PDF to a temporary file beside its final place and moves it there only when the
    PDF is complete, then records the checksum and the page count; a failure records
    the error and touches no other build's file. At most one build per report and
    language is pending or running at a time (a partial unique constraint).
    """

    # Named before the shared job model was: the state is "status", asked for at "requested_at".
    state_field, created_field = "status", "requested_at"
    task = "reports.tasks.build_report"
    time_limit = 300
    pending_stale_after = datetime.timedelta(minutes=30)  # no worker picked it up: the worker is down

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="builds", verbose_name=_("report"))
    language = models.CharField(_("language"), max_length=2, choices=ReportLanguage.choices)
    status = models.CharField(_("status"), max_length=10, choices=BuildStatus.choices, default=BuildStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    message_language = models.CharField(
        _("language of messages"), max_length=7, default="en", editable=False,
        help_text=_("The interface language of whoever asked for the build: its error is written in it."),
    )
    progress_note = models.CharField(_("step"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=build_upload_to, max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    is_draft = models.BooleanField(
        _("draft"), default=True, help_text=_("Built while some chapters were not yet approved."),
    )
    content_revisions = models.JSONField(_("chapter revisions built"), default=dict, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    is_public = models.BooleanField(_("public"), default=False,
                                    help_text=_("Also shown on the public publications page."))
    download_count = models.PositiveIntegerField(_("downloads"), default=0)
    # Progress and download counts change often and say nothing about the document.
    history = HistoricalRecords(excluded_fields=["progress", "progress_note", "download_count"])

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("PDF build")
        verbose_name_plural = _("PDF builds")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "language"], condition=Q(status__in=ACTIVE_BUILD_STATUSES),
                name="one_active_build_per_report_and_language",
            ),
            models.CheckConstraint(condition=Q(approved_at__isnull=True) | Q(status=BuildStatus.DONE),
                                   name="build_approved_only_when_done"),
            models.CheckConstraint(condition=Q(published_at__isnull=True) | Q(approved_at__isnull=False),
                                   name="build_published_only_when_approved"),
            models.CheckConstraint(condition=Q(is_public=False) | Q(published_at__isnull=False),
                                   name="build_public_only_when_published"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="build_progress_at_most_100"),
        ]
        indexes = [models.Index(fields=["report", "language", "status"], name="reports_build_lookup")]

    def __str__(self):
        return f"{self.report} ({self.language}) #{self.pk}"

    @property
    def folder(self) -> Path:
        """Where the report's PDFs are written (``build_run`` writes a temporary file there first)."""
        return Path(settings.MEDIA_ROOT) / "reports" / str(self.report_id)

    def lost_error(self) -> str:
        with translation.override(self.message_language):
            if self.status == BuildStatus.RUNNING:
                return gettext("The worker stopped before the build finished (it may have been restarted). "
                               "Build again.")
            return gettext("No worker picked the build up within 30 minutes: is the reports worker running? "
                           "Build again.")

    def on_lost(self) -> None:
        # A worker killed while writing leaves its temporary file behind (a PDF in place is kept).
        for leftover in self.folder.glob(f".build-{self.pk}-*.part"):
            leftover.unlink(missing_ok=True)

    @property
    def is_done(self) -> bool:
        return self.status == BuildStatus.DONE and bool(self.file)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def download_name(self) -> str:
        """The file name offered to the reader, e.g. ``RWG-situation-report-2027-ar.pdf``."""
        kind = self.report.kind.replace("_", "-")
        draft = "-draft" if self.is_draft else ""
        return f"RWG-{kind}-{self.report.year}-{self.language}{draft}.pdf"


class DownloadVisit(models.Model):
    """One visitor's download of one file on one day (a build's PDF or a library item's file): the download
    counters count a visit once.

    ``visitor`` is a keyed hash (HMAC with SECRET_KEY, the day mixed in) of the signed-in user, or of
    the client address and user agent of an anonymous visitor: no address is stored, and a key says
    nothing about the same visitor on another day. The counter is raised only when this row is
    inserted; an insert that meets a unique constraint (the same visitor again, or a concurrent
    request of theirs) is not counted. Old days are pruned by ``reports.tasks.prune_download_visits``.
    """

    build = models.ForeignKey(Build, on_delete=models.CASCADE, related_name="+", null=True, blank=True)
    library_item = models.ForeignKey("LibraryItem", on_delete=models.CASCADE, related_name="+", null=True,
                                     blank=True)
    day = models.DateField()
    visitor = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["build", "day", "visitor"], name="reports_download_once_per_visitor_day"),
            models.UniqueConstraint(fields=["library_item", "day", "visitor"],
                                    name="library_download_once_per_visitor_day"),
            models.CheckConstraint(condition=Q(build__isnull=True) ^ Q(library_item__isnull=True),
                                   name="download_visit_of_one_file"),
        ]
        indexes = [models.Index(fields=["day"], name="reports_download_visit_day")]

    def __str__(self):
        return f"{self.build_id or self.library_item_id} {self.day}"


class Question(models.Model):
    """A question of the detailed assessment of the Group's relevance and effectiveness."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    dimension = models.CharField(_("dimension"), max_length=20, choices=QuestionDimension.choices)
    text_en = models.TextField(_("question (English)"))
    text_ar = models.TextField(_("question (Arabic)"), blank=True)
    required = models.BooleanField(_("answer required"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="one_question_per_position",
                                    violation_error_message=_("Another question already has this position.")),
        ]

    def __str__(self):
        return f"Q{self.position}. {self.text_en[:60]}"

    def text_in(self, language: str | None = None) -> str:
        return shown(self, "text", language).text

    @property
    def text(self) -> str:
        return self.text_in()


class QuestionnaireResponse(models.Model):
    """One agency's answers to a year's questionnaire, given by its focal point or alternate."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="responses")
    agency = models.ForeignKey("members.Agency", on_delete=models.PROTECT, related_name="report_responses")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "agency__acronym"]
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        constraints = [
            models.UniqueConstraint(fields=["report", "agency"], name="one_response_per_agency_and_report"),
            models.CheckConstraint(condition=Q(status=ResponseStatus.DRAFT) | Q(submitted_at__isnull=False),
                                   name="response_submitted_has_date"),
        ]

    def __str__(self):
        return f"{self.report} — {self.agency}"


class Answer(models.Model):
    """The answer to one question: a score from 1 to 5 (or none: "don't know"), or text."""

    response = models.ForeignKey(QuestionnaireResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(_("score"), choices=LikertScore.choices, null=True, blank=True)
    text = models.TextField(_("answer"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["response", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                                   name="answer_score_from_1_to_5"),
        ]

    def __str__(self):
        return f"{self.response}: {self.question}"


# Research and information library (terms of reference, 3(a) and 3(d)(ii)) ---------------------------


def library_upload_to(instance, filename: str) -> str:
    """A generated name: the uploader's file name is never used on disk (rwg_portal.uploads)."""
    from rwg_portal.uploads import generated_name

    return generated_name("library", instance.extension)


def _library_years():
    return [MinValueValidator(1950), MaxValueValidator(2100)]


class LibraryItem(models.Model):
    """A study, report, data note or policy brief that a member agency shares with the Group or the public.

    Owned by one agency (whose focal points and alternates edit it; the secretariat edits all), written by
    that agency and any partner agencies. It holds either a checked file (served through a view that asks
    who reads it) or a link to where the document lives. ``title`` and ``abstract`` are written in
    ``language``, the original's, and may be translated into the portal's other languages (docs/translations.md).
    ``text`` is read from the file by a Celery task, for the portal's search.
    Countries and topics are JSON lists of codes (``rwg_portal.reference``), mirrored in ``LibraryTag``
    rows so that lists can filter on them on any database.
    """

    TEXTS = ("title", "abstract")

    kind = models.CharField(_("type"), max_length=20, choices=LibraryKind.choices)
    # Written in ``language``, translated into the others where someone has (rwg_portal/translated.py).
    title = translated(models.CharField(_("title"), max_length=300))
    abstract = translated(models.TextField(_("abstract"), max_length=5000))
    language = models.CharField(_("language"), max_length=2, choices=LibraryLanguage.choices,
                                default=LibraryLanguage.ENGLISH,
                                help_text=_("The language of the document, and of the title and abstract as "
                                            "first written (the original)."))
    year = models.PositiveSmallIntegerField(_("year of publication"), validators=_library_years())
    agency = models.ForeignKey("members.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="library_items",
                               help_text=_("The agency that shares the item; its focal points keep it up to date."))
    partner_agencies = models.ManyToManyField("members.Agency", verbose_name=_("partner agencies"), blank=True,
                                              related_name="library_partner_items")
    countries = models.JSONField(_("countries"), default=list, blank=True)
    gcm_objectives = models.JSONField(_("GCM objectives"), default=list, blank=True)
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    visibility = models.CharField(_("who may see it"), max_length=10, choices=LibraryVisibility.choices,
                                  default=LibraryVisibility.MEMBERS)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=library_upload_to, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    extension = models.CharField(max_length=10, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    text = models.TextField(_("text of the file"), blank=True, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    is_demo = models.BooleanField(_("demo content"), default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    # The extracted text and the download count change without anyone editing the item.
    history = HistoricalRecords(excluded_fields=["text", "download_count"], m2m_fields=[partner_agencies])

    class Meta:
        ordering = ["-year", "-created_at", "-pk"]
        verbose_name = _("library item")
        verbose_name_plural = _("library items")
        constraints = [
            models.CheckConstraint(condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                                   name="library_item_file_or_link"),
            models.CheckConstraint(condition=Q(year__gte=1950) & Q(year__lte=2100), name="library_item_year_range"),
        ]
        indexes = [models.Index(fields=["visibility", "-year"], name="library_item_listing")]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == LibraryVisibility.PUBLIC

    @property
    def has_file(self) -> bool:
        return bool(self.file)

    @property
    def download_name(self) -> str:
        """The file name offered to the reader: the uploader's, or a plain one."""
        return self.original_name or f"RWG-library-{self.pk}.{self.extension}"

    @property
    def agency_list(self) -> list:
        """The sharing agency first, then the partners (prefetched by the selectors)."""
        return [self.agency, *[a for a in self.partner_agencies.all() if a.pk != self.agency_id]]

    @property
    def place_names(self) -> list[str]:
        from rwg_portal import reference

        return [reference.place_name(code) for code in self.countries]

    @property
    def gcm_labels(self) -> list[str]:
        from rwg_portal import reference

        return [reference.gcm_label(number) for number in self.gcm_objectives]

    @property
    def sdg_labels(self) -> list[str]:
        from rwg_portal import reference

        return [str(reference.SDG_TARGETS.get(code, code)) for code in self.sdg_targets]

    def clean(self):
        from rwg_portal import reference

        errors = check_original(self, *self.TEXTS)
        for field, allowed in (("countries", reference.ARAB_STATE_CODES),
                               ("gcm_objectives", list(reference.GCM_OBJECTIVES)),
                               ("sdg_targets", list(reference.SDG_TARGETS))):
            values = getattr(self, field)
            if not isinstance(values, list) or any(value not in allowed for value in values) \
                    or len(set(values)) != len(values):
                errors[field] = _("Choose from the list only, each once.")
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            errors["url"] = _("The link must start with http:// or https://.")
        if errors:
            raise ValidationError(errors)


class LibraryTag(models.Model):
    """Derived index of a library item's countries and topics, for filtering (no history: rebuilt on save)."""

    COUNTRY, GCM, SDG = "country", "gcm", "sdg"

    item = models.ForeignKey(LibraryItem, on_delete=models.CASCADE, related_name="tags")
    dimension = models.CharField(max_length=10, choices=[(COUNTRY, COUNTRY), (GCM, GCM), (SDG, SDG)])
    code = models.CharField(max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "dimension", "code"], name="library_tag_unique")]
        indexes = [models.Index(fields=["dimension", "code"], name="library_tag_lookup")]

    def __str__(self):
        return f"{self.dimension}:{self.code}"


def library_proposal_upload_to(instance, filename: str) -> str:
    """A generated name, as for the library's own files (rwg_portal.uploads)."""
    from rwg_portal.uploads import generated_name

    return generated_name("library-proposals", instance.extension)


class LibraryProposal(OrganisationProposal):
    """A study, report, data note or policy brief proposed for the library by a civil-society or migrants'
    organisation through the public form (ToR 3(d)(i)), with a checked file or a link.

    Moderated like a proposed good practice (``members.stakeholders.services``): accepting creates a
    members-only ``LibraryItem`` of the member agency that takes it up (``library_item``), credited to the
    organisation, which the secretariat may then make public; returning or rejecting e-mails ``message`` to
    the organisation, in ``language``, the language it wrote in.
    """

    language = models.CharField(_("language of the text"), max_length=2, choices=LibraryLanguage.choices,
                                help_text=_("The language the title and abstract are written in: we write back "
                                            "in it."))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("type"), max_length=20, choices=LibraryKind.choices)
    year = models.PositiveSmallIntegerField(_("year of publication"), validators=_library_years())
    authors = models.CharField(_("authors or publisher"), max_length=300, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    abstract = models.TextField(_("abstract"), max_length=5000)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=library_proposal_upload_to, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    extension = models.CharField(max_length=10, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    library_item = models.OneToOneField(
        LibraryItem, verbose_name=_("library item"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="proposal", help_text=_("The library item created when it was accepted."))
    is_demo = models.BooleanField(_("demo content"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta(OrganisationProposal.Meta):
        verbose_name = _("proposed library item")
        verbose_name_plural = _("proposed library items")
        constraints = [
            models.CheckConstraint(condition=Q(status="new") | Q(decided_at__isnull=False),
                                   name="libraryproposal_moderated_has_date"),
            models.CheckConstraint(condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                                   name="library_proposal_file_or_link"),
        ]

    @property
    def has_file(self) -> bool:
        return bool(self.file)

    @property
    def place_names(self) -> list[str]:
        from rwg_portal import reference

        return [reference.place_name(code) for code in self.countries]

    def clean(self):
        from rwg_portal import reference

        errors = {}
        if not isinstance(self.countries, list) or any(c not in reference.ARAB_STATE_CODES for c in self.countries):
            errors["countries"] = _("Choose from the list only, each once.")
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            errors["url"] = _("The link must start with http:// or https://.")
        if errors:
            raise ValidationError(errors)
