# Step 3 of 3 (issue 17): the single-language columns, now copied into <text>_<language>, go. They are first
# made optional, so that going backwards can add them again to tables that have rows (0008 then fills them).

from django.db import migrations, models


def _operations(model_name):
    return [
        migrations.AlterField(model_name=model_name, name="title",
                              field=models.CharField(blank=True, max_length=255, verbose_name="title")),
        migrations.AlterField(model_name=model_name, name="question",
                              field=models.TextField(blank=True, verbose_name="question")),
        migrations.RemoveField(model_name=model_name, name="title"),
        migrations.RemoveField(model_name=model_name, name="question"),
        migrations.RemoveField(model_name=model_name, name="summary"),
    ]


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0008_consultation_texts_copy"),
    ]

    operations = [*_operations("consultation"), *_operations("historicalconsultation")]
