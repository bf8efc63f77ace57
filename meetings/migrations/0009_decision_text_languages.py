# The decision's text in English, Arabic and French, and the language it was written in (issue 17).
# Step 1 of 3: the new columns; 0010 copies each text into its language; 0011 drops the old column.

from django.db import migrations, models

LANGUAGES = [("en", "English"), ("ar", "Arabic"), ("fr", "French")]


def _columns(model_name):
    operations = [migrations.AddField(
        model_name=model_name, name="language",
        field=models.CharField(choices=LANGUAGES, default="en", max_length=2, verbose_name="language of the original"),
    )]
    for code, name in LANGUAGES:
        operations.append(migrations.AddField(
            model_name=model_name, name=f"text_{code}",
            field=models.TextField(blank=True, help_text="Markdown is allowed.", verbose_name=f"decision ({name})"),
        ))
    return operations


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0008_rcm_sessions"),
    ]

    operations = [*_columns("decision"), *_columns("historicaldecision")]
