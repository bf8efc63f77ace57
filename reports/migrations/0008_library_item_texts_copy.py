# Step 2 of 3 (issue 17): each library item's title and abstract, and each past version's, go into the columns of
# the item's language (its ``language``, already chosen by whoever shared it); backwards, the original goes back.

from django.db import migrations

from rwg_portal.translated import into_languages

forward, backward = into_languages("reports", ["LibraryItem", "HistoricalLibraryItem"], ["title", "abstract"],
                                   guess=False)


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0007_library_item_texts_languages"),
    ]

    operations = [migrations.RunPython(forward, backward)]
