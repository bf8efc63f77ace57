"""Seed the countries (pycountry + UN names), the reference groups, built-in indicators and datasets."""

from django.db import migrations


def seed(apps, schema_editor):
    from data_hub.seeding import seed_all

    seed_all(Place=apps.get_model("data_hub", "Place"), Indicator=apps.get_model("data_hub", "Indicator"),
             Dataset=apps.get_model("data_hub", "Dataset"))


def unseed(apps, schema_editor):
    # Only the reference rows that nothing refers to can go; imported data keeps its places.
    Place = apps.get_model("data_hub", "Place")
    Indicator = apps.get_model("data_hub", "Indicator")
    Dataset = apps.get_model("data_hub", "Dataset")
    Dataset.objects.filter(releases__isnull=True, code__in=["undesa-stock", "undesa-od"]).delete()
    Indicator.objects.filter(is_builtin=True).delete()
    Place.objects.filter(is_builtin=True).delete()


class Migration(migrations.Migration):
    dependencies = [("data_hub", "0001_data_hub_initial")]

    operations = [migrations.RunPython(seed, unseed)]
