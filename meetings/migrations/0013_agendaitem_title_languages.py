# An agenda item's title in English, Arabic and French, and the language it was written in (issue 17).
# Step 1 of 3: the new columns; 0013 copies each title into its language; 0014 drops the old column.

from django.db import migrations, models

LANGUAGES = [("en", "English"), ("ar", "Arabic"), ("fr", "French")]


def _columns(model_name):
    operations = [migrations.AddField(
        model_name=model_name, name="language",
        field=models.CharField(choices=LANGUAGES, default="en", max_length=2, verbose_name="language of the original"),
    )]
    for code, name in LANGUAGES:
        operations.append(migrations.AddField(
            model_name=model_name, name=f"title_{code}",
            field=models.CharField(blank=True, max_length=255, verbose_name=f"title ({name})"),
        ))
    return operations


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0012_papers_bundle_job_fields"),
    ]

    operations = [*_columns("agendaitem"), *_columns("historicalagendaitem")]
