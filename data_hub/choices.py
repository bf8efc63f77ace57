from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    COUNTRY = "country", _("Country or area")
    GROUP = "group", _("Group of countries")


class Sex(models.TextChoices):
    BOTH = "T", _("Both sexes")
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Unit(models.TextChoices):
    PERSONS = "persons", _("persons")
    PERCENT = "percent", _("per cent")
    USD = "usd", _("US dollars")
    NUMBER = "number", _("number")


class Aggregation(models.TextChoices):
    """How a group's figure is computed from its countries' figures."""

    SUM = "sum", _("Sum of the countries")
    FEMALE_SHARE = "female_share", _("Female migrants as a share of all migrants")
    SHARE_OF_POPULATION = "share_of_population", _("Migrants as a share of the population")
    NONE = "none", _("Not aggregated")


class ImportState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    READY = "ready", _("Preview ready")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ImportAction(models.TextChoices):
    PREVIEW = "preview", _("Preview")
    IMPORT = "import", _("Import")


class FileKind(models.TextChoices):
    UNDESA_DESTINATION = "undesa_destination", _("UN DESA migrant stock by destination (workbook)")
    MATRIX = "matrix", _("Origin-destination matrix (wide table)")
    TIDY = "tidy", _("Portal template (tidy table)")


# What an import is doing, as the job row records it (a code) and the page shows it.
IMPORT_STAGES = {
    "starting": _("Starting"),
    "reading": _("Reading the file"),
    "recognising": _("Recognising the tables"),
    "checking": _("Checking the figures"),
    "comparing": _("Comparing with the figures already held"),
    "writing": _("Writing the figures"),
}
