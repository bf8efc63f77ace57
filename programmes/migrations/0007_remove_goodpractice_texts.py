# Step 3 of 3 (issue 17): the single-language columns, now copied into <text>_<language>, go. They are first
# made optional, so that going backwards can add them again to tables that have rows (0006 then fills them).

from django.db import migrations, models

TEXTS = [("practice", "the practice"), ("evidence", "evidence of results"), ("lessons", "lessons learned"),
         ("replication", "conditions for replication")]


class Migration(migrations.Migration):

    dependencies = [
        ("programmes", "0006_goodpractice_texts_copy"),
    ]

    operations = [
        *(migrations.AlterField(model_name=model, name=name, field=models.TextField(blank=True, verbose_name=label))
          for model in ("goodpractice", "historicalgoodpractice") for name, label in TEXTS),
        *(migrations.RemoveField(model_name=model, name=name)
          for model in ("goodpractice", "historicalgoodpractice") for name, _label in TEXTS),
    ]
