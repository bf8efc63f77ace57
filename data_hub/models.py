"""The data hub's records: places, indicators, datasets and their releases, observations, import jobs.

Every figure (``Observation``) belongs to one ``Release``, which says where it comes from
(publisher, revision, licence, citation, the file's checksum, who imported it and when).
Group figures (the Arab region, the GCC, ...) are never stored: they are computed from
the countries' figures when asked for.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from data_hub.choices import IMPORT_STAGES, Aggregation, FileKind, ImportAction, ImportState, PlaceKind, Sex, Unit
from data_hub.reference import FIRST_YEAR
from rwg_portal.jobs import Job
from rwg_portal.uploads import extension_of, generated_name


class TranslatedNameMixin:
    """``.name``: the English, Arabic or French name for the active language, falling back to English."""

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en


class Place(TranslatedNameMixin, models.Model):
    """A country or area (with its UN M49 and ISO 3166 codes), or a group of countries.

    Groups hold their member countries; they never hold figures of their own.
    """

    code = models.CharField(
        _("code"), max_length=20, unique=True,
        help_text=_("ISO 3166-1 alpha-3 code for a country or area; a short upper-case code for a group."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PlaceKind.choices)
    m49 = models.PositiveSmallIntegerField(_("UN M49 code"), null=True, blank=True, unique=True)
    iso2 = models.CharField(_("ISO alpha-2 code"), max_length=2, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    aliases = models.JSONField(
        _("other names"), default=list, blank=True,
        help_text=_("Other spellings met in sources, used to match names in imported files."),
    )
    former_m49 = models.JSONField(_("former M49 codes"), default=list, blank=True)
    members = models.ManyToManyField(
        "self", symmetrical=False, related_name="groups", blank=True, verbose_name=_("member countries"),
        limit_choices_to={"kind": PlaceKind.COUNTRY},
    )
    is_builtin = models.BooleanField(
        _("reference group"), default=False, help_text=_("Seeded from the reference facts; not editable."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["kind", "name_en"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=PlaceKind.GROUP) | Q(m49__isnull=False), name="data_hub_country_has_m49",
                violation_error_message=_("A country or area needs its UN M49 code."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_group(self) -> bool:
        return self.kind == PlaceKind.GROUP


class Indicator(TranslatedNameMixin, models.Model):
    """What a figure measures, e.g. the international migrant stock, or an agency's own measure."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PERSONS)
    has_origin = models.BooleanField(
        _("by origin"), default=False, help_text=_("Figures also name a place of origin (origin-destination data)."),
    )
    additive = models.BooleanField(
        _("additive"), default=True,
        help_text=_("Male and female add up to both sexes, and countries add up to groups."),
    )
    aggregation = models.CharField(_("group figures"), max_length=30, choices=Aggregation.choices,
                                   default=Aggregation.SUM)
    agency = models.ForeignKey(
        "members.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("agency"), help_text=_("The agency that added this indicator, if any."),
    )
    is_builtin = models.BooleanField(_("built in"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["is_builtin", "name_en"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


class Dataset(TranslatedNameMixin, models.Model):
    """A series published over several revisions, e.g. UN DESA's International Migrant Stock.

    A dataset with an ``agency`` is that agency's own data: only the agency's focal points and
    alternates and the secretariat may change its releases.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255)
    agency = models.ForeignKey(
        "members.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("agency"), help_text=_("Set when the data are the agency's own."),
    )
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self):
        return self.name


class ReleaseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def current(self):
        return self.filter(is_current=True)


class Release(models.Model):
    """One revision of a dataset, with its provenance. Several revisions sit side by side;
    at most one per dataset is current.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="releases",
                                verbose_name=_("dataset"))
    revision = models.CharField(_("revision"), max_length=100, help_text=_("e.g. POP/DB/MIG/Stock/Rev.2019"))
    title = models.CharField(_("title"), max_length=255)
    publisher = models.CharField(_("publisher"), max_length=255)
    licence = models.CharField(_("licence"), max_length=255, blank=True)
    citation = models.TextField(_("citation"))
    source_url = models.URLField(_("source address"), blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_sha256 = models.CharField(_("file checksum (SHA-256)"), max_length=64, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    is_current = models.BooleanField(_("current revision"), default=False)
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Published releases are open to everyone, including the API."),
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True,
                               help_text=_("Indicators, years and counts, recorded at import."))
    history = HistoricalRecords()

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "revision"], name="data_hub_release_unique_revision",
                                    violation_error_message=_("This dataset already has a release of this revision.")),
            models.UniqueConstraint(fields=["dataset"], condition=Q(is_current=True),
                                    name="data_hub_one_current_release_per_dataset"),
        ]

    def __str__(self):
        return f"{self.dataset.name_en} — {self.revision}"

    @property
    def indicator_codes(self) -> list[str]:
        return list(self.summary.get("indicators", []))

    @property
    def years(self) -> list[int]:
        return list(self.summary.get("years", []))


class Observation(models.Model):
    """One figure: indicator, place (of destination), origin where it applies, year, sex, value.

    The database forbids two values for the same key in one release (two partial unique
    indexes, because the origin is empty for most indicators). Observations have no
    history table of their own: they are written in bulk by imports, and their provenance
    is their release (whose history records every import).
    """

    # No database-level foreign keys here, on purpose: PostgreSQL checks those with one trigger per
    # row and key, which made loading the 385,000 figures of an origin-destination matrix five times
    # slower. The importer checks every id with one set-based query inside its transaction instead
    # (loading.check_references), and Django still enforces PROTECT and CASCADE when rows are deleted.
    # Lookups go through the composite indexes below, not through per-column indexes.
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="observations", db_index=False,
                                db_constraint=False)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+", db_index=False,
                                  db_constraint=False)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    origin = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               db_index=False, db_constraint=False)
    year = models.PositiveSmallIntegerField(_("year"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    value = models.FloatField(_("value"))
    note = models.CharField(_("type of data"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "indicator", "place", "year", "sex"], condition=Q(origin__isnull=True),
                name="data_hub_obs_unique_key",
            ),
            models.UniqueConstraint(
                fields=["release", "indicator", "origin", "place", "year", "sex"], condition=Q(origin__isnull=False),
                name="data_hub_obs_unique_od_key",
            ),
            models.CheckConstraint(condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=2100), name="data_hub_obs_year"),
            models.CheckConstraint(condition=Q(sex__in=["T", "M", "F"]), name="data_hub_obs_sex"),
            models.CheckConstraint(condition=Q(value__gte=0), name="data_hub_obs_value_not_negative"),
        ]
        indexes = [
            # By place whatever the origin: the API's figures of some countries (in its order, so that a page
            # of them is read without a sort) and the main origins of a destination. The unique keys above
            # cannot serve these: they are partial, and the origin-destination one starts with the origin.
            models.Index(fields=["release", "indicator", "place", "origin", "year", "sex"],
                         name="data_hub_obs_by_place"),
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.place_id} {self.year} {self.sex} = {self.value}"


def import_upload_to(instance, filename: str) -> str:
    """A generated name in the data hub's folder; the uploader's name is kept in ``original_name``."""
    return generated_name("data_hub/imports", extension_of(filename))


class ImportJob(Job):
    """An upload on its way into the data hub: first a preview, then (once confirmed) the import.

    The job row carries the state, progress and result so that the page can show them while a
    Celery worker does the work.
    """

    task = "data_hub.tasks.run_import_job"
    # A lost worker's release was never half written: _write_release is one transaction, rolled
    # back when the worker's connection dropped.
    time_limit = 600

    state = models.CharField(_("state"), max_length=10, choices=ImportState.choices, default=ImportState.PENDING)
    action = models.CharField(_("next step"), max_length=10, choices=ImportAction.choices,
                              default=ImportAction.PREVIEW)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    # Emptied once the file is imported or the import cancelled: the release keeps its name and checksum.
    file = models.FileField(_("file"), upload_to=import_upload_to, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64, blank=True)
    kind = models.CharField(_("kind of file"), max_length=30, choices=FileKind.choices, blank=True)
    dataset = models.ForeignKey(Dataset, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                verbose_name=_("dataset"))
    agency = models.ForeignKey("members.Agency", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("agency"))
    options = models.JSONField(_("release details"), default=dict, blank=True)
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    release = models.ForeignKey(Release, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                verbose_name=_("release"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["progress", "stage"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="data_hub_import_progress_max"),
        ]

    def __str__(self):
        return self.original_name

    def lost_error(self) -> str:
        with translation.override(self.options.get("language") or "en"):
            return gettext("The worker stopped before the import finished (it may have been restarted); "
                           "nothing was imported. Upload the file again.")

    def on_lost(self) -> None:
        self.stage = ""

    @property
    def stage_label(self) -> str:
        return str(IMPORT_STAGES.get(self.stage, self.stage))

    @property
    def problems(self) -> list[dict]:
        return list(self.preview.get("errors", []))

    @property
    def warnings(self) -> list[dict]:
        return list(self.preview.get("warnings", []))
