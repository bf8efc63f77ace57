# Step 2 of 3 (issue 17): each good practice's texts, and each past version's, go into the columns of the
# language the practice was written in (its ``language``); backwards, the original goes back.

from django.db import migrations

from rwg_portal.translated import into_languages

forward, backward = into_languages("programmes", ["GoodPractice", "HistoricalGoodPractice"],
                                   ["practice", "evidence", "lessons", "replication"], guess=False)


class Migration(migrations.Migration):

    dependencies = [
        ("programmes", "0005_goodpractice_texts_languages"),
    ]

    operations = [migrations.RunPython(forward, backward)]
