# A good practice's texts in English, Arabic and French (issue 17). Step 1 of 3: the new columns, and the
# English title becomes optional (the original's title is required by the model instead); 0006 copies each
# text into the column of the practice's language; 0007 drops the single-language columns.

from django.db import migrations, models

LANGUAGES = [("en", "English"), ("ar", "Arabic"), ("fr", "French")]
TEXTS = [("practice", "the practice"), ("evidence", "evidence of results"), ("lessons", "lessons learned"),
         ("replication", "conditions for replication")]


def _operations(model_name):
    operations = [migrations.AlterField(
        model_name=model_name, name="title_en",
        field=models.CharField(blank=True, max_length=255, verbose_name="title (English)"),
    )]
    for name, label in TEXTS:
        for code, language in LANGUAGES:
            operations.append(migrations.AddField(
                model_name=model_name, name=f"{name}_{code}",
                field=models.TextField(blank=True, verbose_name=f"{label} ({language})"),
            ))
    return operations


class Migration(migrations.Migration):

    dependencies = [
        ("programmes", "0004_government_recommendations"),
    ]

    operations = [*_operations("goodpractice"), *_operations("historicalgoodpractice")]
