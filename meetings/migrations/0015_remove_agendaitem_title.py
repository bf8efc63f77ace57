# Step 3 of 3 (issue 17): the single-language column, now copied into title_<language>, goes. It is first
# made optional, so that going backwards can add it again to tables that have rows (0013 then fills it).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0014_agendaitem_title_copy"),
    ]

    operations = [
        migrations.AlterField(model_name="agendaitem", name="title",
                              field=models.CharField(blank=True, max_length=255, verbose_name="title")),
        migrations.AlterField(model_name="historicalagendaitem", name="title",
                              field=models.CharField(blank=True, max_length=255, verbose_name="title")),
        migrations.RemoveField(model_name="agendaitem", name="title"),
        migrations.RemoveField(model_name="historicalagendaitem", name="title"),
    ]
