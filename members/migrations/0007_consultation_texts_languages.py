# A consultation's title, question and summary in English, Arabic and French (issue 17). Step 1 of 3: the new
# columns, and ``language`` becomes the language of the original (same codes); 0008 copies each text into the
# column of the consultation's language; 0009 drops the single-language columns.

from django.db import migrations, models

LANGUAGES = [("en", "English"), ("ar", "Arabic"), ("fr", "French")]


def _operations(model_name):
    operations = [migrations.AlterField(
        model_name=model_name, name="language",
        field=models.CharField(choices=LANGUAGES, default="en", max_length=2, verbose_name="language of the original"),
    )]
    for code, name in LANGUAGES:
        operations += [
            migrations.AddField(model_name=model_name, name=f"title_{code}",
                                field=models.CharField(blank=True, max_length=255, verbose_name=f"title ({name})")),
            migrations.AddField(model_name=model_name, name=f"question_{code}",
                                field=models.TextField(blank=True, verbose_name=f"question ({name})")),
            migrations.AddField(model_name=model_name, name=f"summary_{code}",
                                field=models.TextField(blank=True, help_text="Shown on the public page once the "
                                                       "consultation is closed.",
                                                       verbose_name=f"summary by the secretariat ({name})")),
        ]
    return operations


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0006_stakeholders"),
    ]

    operations = [*_operations("consultation"), *_operations("historicalconsultation")]
