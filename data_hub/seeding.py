"""Reference data the data hub needs before any import: countries and groups, indicators, datasets.

Called by a data migration (with the migration's historical models) and by ``rwg_seed``-style
refreshes; every function is idempotent.
"""

from data_hub import reference
from data_hub.places import seed_places


def seed_indicators(Indicator) -> None:  # noqa: N803 - a model class
    for code, en, ar, fr, unit, has_origin, additive, aggregation in reference.INDICATORS:
        Indicator.objects.update_or_create(
            code=code,
            defaults=dict(name_en=en, name_ar=ar, name_fr=fr, unit=unit, has_origin=has_origin, additive=additive,
                          aggregation=aggregation, is_builtin=True),
        )


def seed_datasets(Dataset) -> None:  # noqa: N803 - a model class
    for code, en, ar, fr, publisher in reference.DATASETS:
        Dataset.objects.get_or_create(code=code, defaults=dict(name_en=en, name_ar=ar, name_fr=fr, publisher=publisher))


def seed_all(*, Place, Indicator, Dataset) -> None:  # noqa: N803 - model classes
    seed_places(Place)
    seed_indicators(Indicator)
    seed_datasets(Dataset)


def ensure_reference_data() -> None:
    """Seed the reference data with the live models if it is missing (a flushed or restored database)."""
    from data_hub.models import Dataset, Indicator, Place

    if not (Place.objects.filter(code="ARAB").exists() and Dataset.objects.filter(code="undesa-od").exists()):
        seed_all(Place=Place, Indicator=Indicator, Dataset=Dataset)
