"""The facets of each search document on its row too, so that a search counts them from the matches it reads."""

from django.db import migrations, models


def copy_facets(apps, schema_editor):
    """Fill the new column from the existing ``SearchFacet`` rows (documents indexed before it existed)."""
    SearchDocument = apps.get_model("rwg_portal", "SearchDocument")
    SearchFacet = apps.get_model("rwg_portal", "SearchFacet")
    lines: dict[int, list] = {}
    for document_id, facet, value in SearchFacet.objects.order_by("pk").values_list("document_id", "facet", "value"):
        lines.setdefault(document_id, []).append(f"{facet}={value}")
    documents = list(SearchDocument.objects.filter(pk__in=lines).only("pk"))
    for document in documents:
        document.facet_values = "\n".join(lines[document.pk])
    SearchDocument.objects.bulk_update(documents, ["facet_values"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("rwg_portal", "0003_search_documents")]

    operations = [
        migrations.AddField(model_name="searchdocument", name="facet_values",
                            field=models.TextField(blank=True)),
        migrations.RunPython(copy_facets, migrations.RunPython.noop),
    ]
