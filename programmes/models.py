"""The programmes catalogue: activities and joint programmes, priority areas, good practices.

Multi-valued codes (countries, themes, target groups, SDG targets, GCM objectives) are stored as
JSON lists on the record itself, so that their history reads naturally and exports are simple;
``ActivityTag`` and ``GoodPracticePlace`` are derived indexes, rebuilt by the services on every
save, that let lists filter on those codes on any database (SQLite cannot filter inside JSON).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.choices import (
    ActivityKind,
    ActivityStatus,
    AttachmentKind,
    Currency,
    FundingSource,
    ImportState,
    Marker,
    PairVerdict,
    ParticipantRole,
    PracticeStatus,
    PrioritySource,
    RecommendationForum,
    RecommendationStatus,
    TargetGroup,
)
from rwg_portal import reference
from rwg_portal.reference import Theme
from rwg_portal.translated import check_original, translated
from rwg_portal.uploads import extension_of, generated_name

LANGUAGE_CHOICES = [("en", _("English")), ("ar", _("Arabic")), ("fr", _("French"))]


def _check_codes(errors: dict, field: str, values, allowed) -> None:
    """Record an error when ``values`` is not a list of distinct codes from ``allowed``."""
    if not isinstance(values, list):
        errors[field] = _("Expected a list of codes.")
        return
    unknown = [str(v) for v in values if v not in allowed]
    if unknown:
        errors[field] = _("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown)}
    elif len(set(values)) != len(values):
        errors[field] = _("A code is listed twice.")


class PriorityArea(models.Model):
    """A government priority area for cooperation (ToR 3(b)(ii)), entered by the secretariat.

    A place and a theme, and where it was stated: for instance one of the recommendations of the
    Cairo regional consultative meeting of 4-5 June 2013.
    """

    # In English, Arabic and French (rwg_portal/translated.py): written in English (required), translated.
    title = translated(models.CharField(_("title"), max_length=255), en={"blank": False})
    place = models.CharField(_("country or area"), max_length=3, choices=reference.PLACE_CHOICES)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    source = models.CharField(_("where it was stated"), max_length=20, choices=PrioritySource.choices)
    source_reference = models.CharField(
        _("reference"), max_length=255, blank=True,
        help_text=_("For example the number of the recommendation or the title of the strategy."),
    )
    stated_on = models.DateField(_("stated on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "theme", "title_en"]
        verbose_name = _("priority area")
        verbose_name_plural = _("priority areas")

    def __str__(self):
        return self.title


    @property
    def place_name(self) -> str:
        return reference.place_name(self.place)


class Activity(models.Model):
    """A migration programme, project or activity of a member agency (ToR 3(a)).

    With one or more ``Participation`` rows besides its lead agency it is a joint programme.
    """

    lead_agency = models.ForeignKey(
        "members.Agency", verbose_name=_("lead agency"), on_delete=models.PROTECT, related_name="led_activities"
    )
    iati_identifier = models.CharField(
        _("IATI identifier"), max_length=150, blank=True,
        help_text=_("The agency's own IATI activity identifier, if it publishes to IATI."),
    )
    # In English, Arabic and French (rwg_portal/translated.py): written in English (required), translated.
    title = translated(models.CharField(_("title"), max_length=255), en={"blank": False})
    summary = translated(models.TextField(_("summary")), en={"blank": False})
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    themes = models.JSONField(_("thematic areas"), default=list, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    countries = models.JSONField(_("countries and areas"), default=list, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True, help_text=_("Leave empty if open-ended."))
    status = models.CharField(_("status"), max_length=20, choices=ActivityStatus.choices,
                              default=ActivityStatus.ONGOING)
    # Deny by default: an activity is for the Group's members until its lead agency (or the secretariat)
    # publishes it; then its title, summary, dates, status and countries show on the agency's public page.
    public = models.BooleanField(
        _("show on the public pages"), default=False,
        help_text=_("Anyone may then read its title, summary, dates, status and countries on the lead agency's "
                    "public page and find it by search. Budget, funding, indicators, documents and contacts "
                    "stay within the Group."),
    )
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.USD)
    funding_source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices, blank=True)
    funding_detail = models.CharField(_("funding details"), max_length=255, blank=True,
                                      help_text=_("For example the donor or the fund."))
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    gcm_objectives = models.JSONField(_("GCM objectives"), default=list, blank=True)
    gender_marker = models.PositiveSmallIntegerField(_("gender-equality marker"), choices=Marker.choices,
                                                     default=Marker.NONE)
    gender_justification = models.CharField(_("gender marker justification"), max_length=255, blank=True)
    human_rights_marker = models.PositiveSmallIntegerField(_("human-rights marker"), choices=Marker.choices,
                                                           default=Marker.NONE)
    human_rights_justification = models.CharField(_("human-rights marker justification"), max_length=255,
                                                  blank=True)
    priority_areas = models.ManyToManyField(
        PriorityArea, verbose_name=_("priority areas and Cairo 2013 recommendations served"), blank=True,
        related_name="activities",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords(m2m_fields=[priority_areas])

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                                   name="activity_ends_after_start"),
            models.CheckConstraint(condition=Q(gender_marker__lte=3) & Q(human_rights_marker__lte=3),
                                   name="activity_markers_0_to_3"),
            models.CheckConstraint(condition=Q(budget__isnull=True) | Q(budget__gte=0),
                                   name="activity_budget_not_negative"),
        ]

    def __str__(self):
        return self.title



    def clean(self):
        errors: dict = {}
        _check_codes(errors, "themes", self.themes, Theme.values)
        _check_codes(errors, "target_groups", self.target_groups, TargetGroup.values)
        _check_codes(errors, "countries", self.countries, reference.PLACE_CODES)
        _check_codes(errors, "sdg_targets", self.sdg_targets, reference.SDG_TARGETS)
        _check_codes(errors, "gcm_objectives", self.gcm_objectives, reference.GCM_OBJECTIVES)
        if "themes" not in errors and not self.themes:
            errors["themes"] = _("Choose at least one thematic area.")
        if "countries" not in errors and not self.countries:
            errors["countries"] = _("Choose at least one country or area.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date is before the start date.")
        for marker, justification in (("gender_marker", "gender_justification"),
                                      ("human_rights_marker", "human_rights_justification")):
            if getattr(self, marker) and not getattr(self, justification).strip():
                errors[justification] = _("Justify a marker above 0 in one line.")
        if self.budget is not None and not self.currency:
            errors["currency"] = _("Give the currency of the budget.")
        if errors:
            raise ValidationError(errors)

    def active_in(self, year: int) -> bool:
        return self.starts_on <= datetime.date(year, 12, 31) and (
            self.ends_on is None or self.ends_on >= datetime.date(year, 1, 1)
        )

    @property
    def place_names(self) -> list[str]:
        return [reference.place_name(code) for code in self.countries]

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [labels.get(code, code) for code in self.themes]

    @property
    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [labels.get(code, code) for code in self.target_groups]

    @property
    def sdg_labels(self) -> list[str]:
        return [reference.SDG_TARGETS.get(code, code) for code in self.sdg_targets]

    @property
    def gcm_labels(self) -> list[str]:
        return [reference.gcm_label(number) for number in self.gcm_objectives]


class ActivityTag(models.Model):
    """Derived index of an activity's countries and themes, for filtering (no history: rebuilt on save)."""

    COUNTRY, THEME = "country", "theme"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="tags")
    dimension = models.CharField(max_length=10, choices=[(COUNTRY, COUNTRY), (THEME, THEME)])
    code = models.CharField(max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "dimension", "code"], name="activity_tag_unique")]
        indexes = [models.Index(fields=["dimension", "code"], name="activity_tag_lookup")]

    def __str__(self):
        return f"{self.activity_id} {self.dimension} {self.code}"


class Participation(models.Model):
    """An agency other than the lead taking part in an activity, which makes it a joint programme."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    agency = models.ForeignKey("members.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="participations")
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "agency__acronym"]
        verbose_name = _("participating agency")
        verbose_name_plural = _("participating agencies")
        constraints = [models.UniqueConstraint(fields=["activity", "agency"], name="one_participation_per_agency")]

    def __str__(self):
        return f"{self.agency} ({self.get_role_display()})"

    def clean(self):
        if self.activity_id and self.agency_id and self.agency_id == self.activity.lead_agency_id:
            raise ValidationError({"agency": _("The lead agency is already part of the activity.")})


class Indicator(models.Model):
    """A results indicator with baseline, target and actual values, by sex where it counts people."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="indicators")
    # In a joint programme a partner edits only what its agency added (programmes/permissions.py);
    # empty for the lead's own (and for rows from before parts had an owner).
    agency = models.ForeignKey("members.Agency", verbose_name=_("added by"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    title = models.CharField(_("indicator"), max_length=255)
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("For example: people, laws, studies."))
    concerns_people = models.BooleanField(_("counts people (disaggregate by sex)"), default=False)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True,
                                                     validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_women = models.DecimalField(_("baseline, women"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_men = models.DecimalField(_("baseline, men"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_women = models.DecimalField(_("target, women"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_men = models.DecimalField(_("target, men"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual_women = models.DecimalField(_("actual, women"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual_men = models.DecimalField(_("actual, men"), max_digits=14, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        for value in ("baseline", "target", "actual"):
            women, men, total = (getattr(self, f"{value}_women"), getattr(self, f"{value}_men"),
                                 getattr(self, value))
            if not self.concerns_people and (women is not None or men is not None):
                errors[f"{value}_women"] = _("Split by sex only an indicator that counts people.")
            elif total is not None and (women or 0) + (men or 0) > total:
                errors[value] = _("Women and men together exceed the total.")
        if errors:
            raise ValidationError(errors)


def _attachment_path(instance, filename: str) -> str:
    """A generated name in the activity's folder; the uploader's name is kept in ``original_name``."""
    return generated_name(f"programmes/activities/{instance.activity_id}", extension_of(filename))


class Attachment(models.Model):
    """A link or a document about an activity; documents are served through a permission check."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    # In a joint programme a partner edits only what its agency added (programmes/permissions.py);
    # empty for the lead's own (and for rows from before parts had an owner).
    agency = models.ForeignKey("members.Agency", verbose_name=_("added by"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices, default=AttachmentKind.LINK)
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address"), blank=True, max_length=500)
    file = models.FileField(_("file"), upload_to=_attachment_path, blank=True, max_length=300)
    # The uploader's file name, offered again on download; the name on disk is generated. Empty for
    # files stored before names were generated: their stored name is the uploader's.
    original_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("link or document")
        verbose_name_plural = _("links and documents")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="link") & ~Q(url="")) | (Q(kind="document") & ~Q(file="")),
                name="attachment_link_has_url_document_has_file",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def download_name(self) -> str:
        return self.original_name or self.file.name.rsplit("/", 1)[-1]

    def clean(self):
        if self.kind == AttachmentKind.LINK and not self.url:
            raise ValidationError({"url": _("Give the address of the link.")})
        if self.kind == AttachmentKind.DOCUMENT and not self.file:
            raise ValidationError({"file": _("Choose the document to upload.")})


class SynergyReview(models.Model):
    """The secretariat's verdict on a pair found by the synergy finder.

    Keyed by the two activity ids in ascending order, so a pair has one review whatever the order
    in which the finder presents it, and stays reviewed as the catalogue changes.
    """

    activity_a = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    activity_b = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(_("verdict"), max_length=20, choices=PairVerdict.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = _("synergy review")
        verbose_name_plural = _("synergy reviews")
        constraints = [
            models.UniqueConstraint(fields=["activity_a", "activity_b"], name="one_review_per_pair"),
            models.CheckConstraint(condition=Q(activity_a__lt=models.F("activity_b")), name="review_pair_ordered"),
        ]

    def __str__(self):
        return f"{self.activity_a_id}-{self.activity_b_id}: {self.verdict}"


class GoodPractice(models.Model):
    """A good or innovative practice (ToR 3(c)): submitted by an agency, published by the secretariat."""

    agency = models.ForeignKey("members.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="good_practices")
    # Written in ``language``, translated into the others where someone has (rwg_portal/translated.py).
    title = translated(models.CharField(_("title"), max_length=255))
    language = models.CharField(_("language of the text"), max_length=2, choices=LANGUAGE_CHOICES, default="en")
    countries = models.JSONField(_("countries and areas"), default=list, blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    activity = models.ForeignKey(Activity, verbose_name=_("related activity"), on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="good_practices")
    practice = translated(models.TextField(_("the practice")))
    evidence = translated(models.TextField(_("evidence of results")))
    lessons = translated(models.TextField(_("lessons learned")))
    replication = translated(models.TextField(_("conditions for replication")))
    status = models.CharField(_("status"), max_length=20, choices=PracticeStatus.choices,
                              default=PracticeStatus.DRAFT)
    review_note = models.TextField(_("note from the secretariat"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    TEXTS = ("title", "practice", "evidence", "lessons", "replication")  # the translated texts

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        constraints = [
            models.CheckConstraint(condition=~Q(status="published") | Q(published_at__isnull=False),
                                   name="published_practice_has_date"),
        ]

    def __str__(self):
        return self.title

    @property
    def place_names(self) -> list[str]:
        return [reference.place_name(code) for code in self.countries]

    def clean(self):
        errors: dict = check_original(self, *self.TEXTS)
        _check_codes(errors, "countries", self.countries, reference.PLACE_CODES)
        if "countries" not in errors and not self.countries:
            errors["countries"] = _("Choose at least one country or area.")
        if errors:
            raise ValidationError(errors)


class GoodPracticePlace(models.Model):
    """Derived index of a good practice's countries, for filtering (no history: rebuilt on save)."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="places")
    code = models.CharField(max_length=3)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["practice", "code"], name="practice_place_unique")]
        indexes = [models.Index(fields=["code"], name="practice_place_lookup")]

    def __str__(self):
        return f"{self.practice_id} {self.code}"


def _import_path(instance, filename: str) -> str:
    """A generated name in the agency's folder; the uploader's name is kept in ``original_name``."""
    return generated_name(f"programmes/imports/{instance.agency_id}", extension_of(filename))


class ActivityImport(models.Model):
    """One bulk update of an agency's activities from a spreadsheet: a job row with a state.

    The upload is validated row by row when it arrives; ``changes`` then holds exactly what
    applying it would write, and ``errors`` every problem with its row and column. Applying
    writes all the changes in one transaction, or none.
    """

    agency = models.ForeignKey("members.Agency", on_delete=models.CASCADE, related_name="activity_imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    file = models.FileField(upload_to=_import_path, max_length=300)
    original_name = models.CharField(max_length=255)
    state = models.CharField(max_length=20, choices=ImportState.choices)
    rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    changes = models.JSONField(default=list, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.agency} {self.uploaded_at:%Y-%m-%d %H:%M} ({self.state})"


class GovernmentRecommendation(models.Model):
    """A recommendation made by governments that the Group takes into account (ToR 3(b)(ii)).

    Starting with those of the regional consultative meeting for the Arab region held in Cairo on
    4-5 June 2013 ahead of the second High-Level Dialogue on International Migration and Development.
    The secretariat enters the text as adopted (English, optionally Arabic and French), its theme, the
    Arab States it concerns, the activities and joint programmes that respond to it, and reviews the
    status of its implementation (who reviewed it and when is kept; every change is in the history).
    """

    forum = models.CharField(_("made at"), max_length=20, choices=RecommendationForum.choices,
                             default=RecommendationForum.CAIRO_2013)
    forum_detail = models.CharField(_("meeting"), max_length=255, blank=True,
                                    help_text=_("For another meeting of governments: its name and place."))
    made_on = models.DateField(_("made on"), default=datetime.date(2013, 6, 4),
                               help_text=_("For a meeting of several days, its first day."))
    reference = models.CharField(_("reference"), max_length=60,
                                 help_text=_("Its number in the outcome document, e.g. “12” or “III.4”."))
    # As adopted, in English (the original), with the Arabic and French where entered (rwg_portal/translated.py).
    text = translated(models.TextField(_("text")))
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    countries = models.JSONField(_("countries concerned"), default=list, blank=True)
    activities = models.ManyToManyField(
        Activity, verbose_name=_("activities and joint programmes responding"), blank=True,
        related_name="government_recommendations")
    status = models.CharField(_("status of implementation"), max_length=20, choices=RecommendationStatus.choices,
                              default=RecommendationStatus.NOT_REVIEWED)
    status_note = models.TextField(_("review note"), blank=True)
    status_reviewed_at = models.DateTimeField(_("status reviewed at"), null=True, blank=True)
    status_reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("status reviewed by"),
                                           on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    is_demo = models.BooleanField(_("demo content"), default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords(m2m_fields=[activities])

    class Meta:
        ordering = ["-made_on", "forum", "reference", "pk"]
        verbose_name = _("governments' recommendation")
        verbose_name_plural = _("governments' recommendations")
        constraints = [
            models.UniqueConstraint(fields=["forum", "forum_detail", "reference"],
                                    name="government_recommendation_reference_unique"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        where = _("Cairo 2013") if self.forum == RecommendationForum.CAIRO_2013 else self.forum_detail
        return f"{where} — {self.reference}"

    @property
    def country_names(self) -> list[str]:
        return [reference.place_name(code) for code in self.countries]

    def clean(self):
        errors: dict = {}
        _check_codes(errors, "countries", self.countries, reference.ARAB_STATE_CODES)
        if "countries" not in errors and not self.countries:
            errors["countries"] = _("Choose at least one of the Arab States.")
        if self.forum == RecommendationForum.OTHER and not self.forum_detail.strip():
            errors["forum_detail"] = _("Name the meeting of governments.")
        if not self.text_en.strip():  # the original (no ``language`` field: always English) must be entered
            errors["text_en"] = _("Enter the recommendation's text as adopted.")
        if not self.reference.strip():
            errors["reference"] = _("Give the recommendation's number in the outcome document.")
        if errors:
            raise ValidationError(errors)
