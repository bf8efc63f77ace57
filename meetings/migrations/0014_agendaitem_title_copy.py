# Step 2 of 3 (issue 17): each agenda item's title, and each of its past versions', goes into the column of
# the language it is written in (Arabic script: Arabic, else English); backwards, the original goes back.

from django.db import migrations

from rwg_portal.translated import into_languages

forward, backward = into_languages("meetings", ["AgendaItem", "HistoricalAgendaItem"], ["title"])


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0013_agendaitem_title_languages"),
    ]

    operations = [migrations.RunPython(forward, backward)]
