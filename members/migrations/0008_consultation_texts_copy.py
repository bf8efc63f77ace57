# Step 2 of 3 (issue 17): each consultation's texts, and each of its past versions', go into the columns of the
# language it was written in (its ``language``, kept as it is); backwards, the original goes back.

from django.db import migrations

from rwg_portal.translated import into_languages

forward, backward = into_languages("members", ["Consultation", "HistoricalConsultation"],
                                   ["title", "question", "summary"], guess=False)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0007_consultation_texts_languages"),
    ]

    operations = [migrations.RunPython(forward, backward)]
