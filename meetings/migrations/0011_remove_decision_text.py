# Step 3 of 3 (issue 17): the single-language column, now copied into text_<language>, goes. It is first
# made optional, so that going backwards can add it again to tables that have rows (0010 then fills it).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0010_decision_text_copy"),
    ]

    operations = [
        migrations.AlterField(model_name="decision", name="text",
                              field=models.TextField(blank=True, help_text="Markdown is allowed.", verbose_name="decision")),
        migrations.AlterField(model_name="historicaldecision", name="text",
                              field=models.TextField(blank=True, help_text="Markdown is allowed.", verbose_name="decision")),
        migrations.RemoveField(model_name="decision", name="text"),
        migrations.RemoveField(model_name="historicaldecision", name="text"),
    ]
