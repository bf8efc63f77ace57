"""The research and information library: sharing items (who may, what is refused), the file checks, the
text read for the search, the lists and their filters, the item's page with its citation, downloads."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse

from reports.choices import LibraryVisibility
from reports.models import DownloadVisit, LibraryItem, LibraryTag
from reports.services.downloads import download_visits_prune
from reports.services.library import library_item_count_download, library_item_extract_text, library_item_save
from tests.access import client_for
from tests.meetings.files import pdf_bytes, upload
from tests.reports.factories import LibraryItemFactory

pytestmark = pytest.mark.django_db


def _fields(agency, **changes) -> dict:
    return {
        "kind": "study",
        "title_en": "Women migrant domestic workers in the Gulf",
        "abstract_en": "What we found.",
        "language": "en",
        "year": 2025,
        "agency": agency,
        "countries": ["JOR", "LBN"],
        "gcm_objectives": [6, 7],
        "sdg_targets": ["8.8"],
        "visibility": LibraryVisibility.PUBLIC,
        "url": "",
        **changes,
    }


def _form(agency, **changes) -> dict:
    data = {
        "kind": "study",
        "title_en": "Remittances to Egypt",
        "language": "en",
        "year": "2024",
        "agency": str(agency.pk),
        "abstract_en": "Costs of sending money home.",
        "countries": ["EGY"],
        "gcm_objectives": ["20"],
        "sdg_targets": ["10.c"],
        "visibility": "public",
        "url": "",
    }
    data.update(changes)
    return data


# Services -----------------------------------------------------------------------------


def test_a_focal_point_shares_a_file_for_their_agency(people, media):
    item = library_item_save(
        item=None,
        fields=_fields(people.owning),
        upload=upload("Study (final).pdf", pdf_bytes()),
        partner_agencies=[people.other],
        by=people.focal_point,
    )
    assert item.original_name == "Study (final).pdf" and item.extension == "pdf" and item.size > 0
    assert "Study" not in item.file.name and item.file.name.startswith("library/")  # a generated name
    assert item.url == "" and len(item.sha256) == 64
    assert [a.acronym for a in item.agency_list] == ["OWN", "OTH"]
    assert set(LibraryTag.objects.filter(item=item).values_list("dimension", "code")) == {
        ("country", "JOR"),
        ("country", "LBN"),
        ("gcm", "6"),
        ("gcm", "7"),
        ("sdg", "8.8"),
    }
    assert {version.history_user for version in item.history.all()} == {people.focal_point}


def test_a_focal_point_cannot_share_for_another_agency_or_edit_its_items(people, media):
    with pytest.raises(ValidationError) as refused:
        library_item_save(item=None, fields=_fields(people.other, url="https://example.org/a"), by=people.focal_point)
    assert "agency" in refused.value.message_dict
    theirs = LibraryItemFactory(agency=people.other, title="Theirs")
    with pytest.raises(PermissionDenied):
        library_item_save(item=theirs, fields={"title_en": "Mine now"}, by=people.focal_point)
    with pytest.raises(PermissionDenied):
        library_item_save(item=None, fields=_fields(people.owning, url="https://example.org/a"), by=people.rcm_delegate)
    theirs.refresh_from_db()
    assert theirs.title == "Theirs" and LibraryItem.objects.count() == 1


def test_the_secretariat_edits_any_agency_item_and_history_is_kept(people):
    item = LibraryItemFactory(agency=people.other, title="Before")
    library_item_save(item=item, fields={"title_en": "After"}, by=people.secretariat)
    item.refresh_from_db()
    assert item.title == "After"
    assert item.history.first().history_user == people.secretariat


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "ftp://example.org/file.pdf"}, "url"),
        ({"url": ""}, "upload"),
        ({"url": "https://example.org", "countries": ["FRA"]}, "countries"),
        ({"url": "https://example.org", "gcm_objectives": [24]}, "gcm_objectives"),
        ({"url": "https://example.org", "sdg_targets": ["99.9"]}, "sdg_targets"),
        ({"url": "https://example.org", "year": 1800}, "year"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(people, changes, field):
    with pytest.raises(ValidationError) as refused:
        library_item_save(item=None, fields=_fields(people.owning, **changes), by=people.focal_point)
    assert field in refused.value.message_dict
    assert not LibraryItem.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("study.pdf", b"MZ\x90\x00 an executable in disguise" * 10),  # content sniffed, not the name
        ("study.exe", pdf_bytes()),  # type not accepted
        ("study.pdf", b""),  # empty
    ],
)
def test_a_refused_file_leaves_nothing_behind(people, media, name, content):
    with pytest.raises(ValidationError):
        library_item_save(item=None, fields=_fields(people.owning), upload=upload(name, content), by=people.focal_point)
    assert not LibraryItem.objects.exists()
    assert not list(media.rglob("*.*"))


def test_a_file_larger_than_the_limit_is_refused(people, media, settings):
    settings.RWG_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError, match="larger"):
        library_item_save(
            item=None, fields=_fields(people.owning), upload=upload("a.pdf", pdf_bytes()), by=people.focal_point
        )


def test_the_text_of_the_file_is_read_for_the_search(people, media):
    item = library_item_save(
        item=None,
        fields=_fields(people.owning),
        upload=upload("a.pdf", pdf_bytes("Kafala sponsorship reform")),
        by=people.focal_point,
    )
    assert item.text == ""
    library_item_extract_text(item_id=item.pk)  # what the worker runs once the upload is committed
    item.refresh_from_db()
    assert "Kafala sponsorship reform" in item.text
    from rwg_portal.models import SearchDocument

    assert "kafala" in SearchDocument.objects.get(source="reports.library", object_id=item.pk).plain


def test_a_link_replaces_the_file(people, media):
    item = library_item_save(
        item=None, fields=_fields(people.owning), upload=upload("a.pdf", pdf_bytes()), by=people.focal_point
    )
    library_item_save(item=item, fields={"url": "https://example.org/new"}, by=people.focal_point)
    item.refresh_from_db()
    assert not item.file and item.url == "https://example.org/new" and item.sha256 == ""


def _visitor(address: str, agent: str = "Firefox/140", user=None):
    request = RequestFactory().get("/", REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    request.user = user or AnonymousUser()
    return request


def test_downloads_are_counted_once_per_visitor_and_day(people, time_machine):
    item = LibraryItemFactory()
    time_machine.move_to(datetime.datetime(2031, 5, 6, 9, tzinfo=datetime.UTC), tick=False)
    assert library_item_count_download(item=item, request=_visitor("203.0.113.5"))
    assert not library_item_count_download(item=item, request=_visitor("203.0.113.5"))  # the same visitor again
    assert library_item_count_download(item=item, request=_visitor("203.0.113.6"))
    assert library_item_count_download(item=item, request=_visitor("203.0.113.5", user=people.focal_point))
    assert not library_item_count_download(item=item, request=_visitor("198.51.100.1", user=people.focal_point))
    other = LibraryItemFactory()  # another item: the same visitor counts there
    assert library_item_count_download(item=other, request=_visitor("203.0.113.5"))
    time_machine.move_to(datetime.datetime(2031, 5, 7, 9, tzinfo=datetime.UTC), tick=False)
    assert library_item_count_download(item=item, request=_visitor("203.0.113.5"))  # the next day counts again
    item.refresh_from_db()
    assert item.download_count == 4
    assert item.history.count() == 1  # counting is not an edit: no new version
    visits = DownloadVisit.objects.filter(library_item=item)
    assert visits.count() == 4
    assert not any("203.0.113" in visit.visitor for visit in visits)  # no address in clear


def test_the_prune_forgets_old_library_visits_but_keeps_the_count(people, time_machine):
    item = LibraryItemFactory()
    time_machine.move_to(datetime.datetime(2031, 5, 6, 9, tzinfo=datetime.UTC), tick=False)
    library_item_count_download(item=item, request=_visitor("203.0.113.5"))
    time_machine.move_to(datetime.datetime(2031, 5, 9, 9, tzinfo=datetime.UTC), tick=False)
    assert download_visits_prune() == 1
    item.refresh_from_db()
    assert item.download_count == 1


# Pages ---------------------------------------------------------------------------------


def test_the_public_library_shows_public_items_only_and_filters(people, client):
    jordan = LibraryItemFactory(
        title="Jordan labour study", countries=["JOR"], gcm_objectives=[6], sdg_targets=[], year=2024
    )
    LibraryItemFactory(
        title="Morocco policy brief",
        kind="policy_brief",
        countries=["MAR"],
        gcm_objectives=[],
        sdg_targets=["10.7"],
        year=2023,
        language="fr",
    )
    LibraryItemFactory(title="Secret note", visibility=LibraryVisibility.MEMBERS)
    url = reverse("reports_public:library")
    page = client.get(url).content.decode()
    assert "Jordan labour study" in page and "Morocco policy brief" in page and "Secret note" not in page
    for query, shown, hidden in (
        ({"country": "JOR"}, "Jordan labour study", "Morocco policy brief"),
        ({"kind": "policy_brief"}, "Morocco policy brief", "Jordan labour study"),
        ({"topic": "gcm-6"}, "Jordan labour study", "Morocco policy brief"),
        ({"topic": "sdg-10.7"}, "Morocco policy brief", "Jordan labour study"),
        ({"year": "2023"}, "Morocco policy brief", "Jordan labour study"),
        ({"language": "fr"}, "Morocco policy brief", "Jordan labour study"),
        ({"agency": str(jordan.agency_id)}, "Jordan labour study", "Morocco policy brief"),
    ):
        page = client.get(url, query).content.decode()
        assert shown in page and hidden not in page, query


def test_the_public_library_is_paginated(people, client):
    for n in range(23):
        LibraryItemFactory(title=f"Numbered study {n:02d}")
    first = client.get(reverse("reports_public:library")).content.decode()
    second = client.get(reverse("reports_public:library"), {"page": 2}).content.decode()
    assert first.count("Numbered study") == 20 and second.count("Numbered study") == 3


def test_members_see_members_only_items_in_their_list(people):
    LibraryItemFactory(title="Secret note", visibility=LibraryVisibility.MEMBERS)
    assert (
        "Secret note" in client_for(people, "other_focal_point").get(reverse("reports:library_list")).content.decode()
    )
    assert client_for(people, "rcm_delegate").get(reverse("reports:library_list")).status_code == 403


def test_the_item_page_cites_it_at_its_stable_address(people, client):
    item = LibraryItemFactory(title="Return and reintegration", year=2022, agency=people.owning)
    item.partner_agencies.add(people.other)
    page = client.get(reverse("reports_public:library_item", args=[item.pk])).content.decode()
    assert 'OWN, OTH (2022). <cite lang="en" dir="ltr">Return and reintegration</cite>' in page
    assert f"http://testserver/en/library/{item.pk}/" in page


def test_a_download_serves_the_checked_file_and_counts_it(people, media, client):
    item = library_item_save(
        item=None, fields=_fields(people.owning), upload=upload("My study.pdf", pdf_bytes()), by=people.focal_point
    )
    response = client.get(reverse("reports:library_download", args=[item.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff" and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    item.refresh_from_db()
    assert item.download_count == 1
    client.get(reverse("reports:library_download", args=[item.pk]))  # the same visitor, the same day
    item.refresh_from_db()
    assert item.download_count == 1
    assert "Downloaded 1 time" in client.get(reverse("reports_public:library_item", args=[item.pk])).content.decode()


def test_members_only_files_are_not_found_by_outsiders(people, media, client):
    item = library_item_save(
        item=None,
        fields=_fields(people.owning, visibility="members"),
        upload=upload("a.pdf", pdf_bytes()),
        by=people.focal_point,
    )
    assert client.get(reverse("reports:library_download", args=[item.pk])).status_code == 404
    assert (
        client_for(people, "rcm_delegate").get(reverse("reports:library_download", args=[item.pk])).status_code == 404
    )
    assert (
        client_for(people, "other_focal_point").get(reverse("reports:library_download", args=[item.pk])).status_code
        == 200
    )
    item.refresh_from_db()
    assert item.download_count == 1


def test_the_form_shares_an_item_with_a_file(people, media):
    client = client_for(people, "focal_point")
    response = client.post(
        reverse("reports:library_create"), {**_form(people.owning), "upload": upload("r.pdf", pdf_bytes())}
    )
    item = LibraryItem.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports_public:library_item", args=[item.pk]
    )
    assert item.countries == ["EGY"] and item.gcm_objectives == [20] and item.created_by == people.focal_point


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "Upload a file or give a link to the document."),
        ({"url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"url": "ftp://example.org/a.pdf"}, "The link must start with http:// or https://."),
        ({"title_en": ""}, "Write this in the language of the original (English)"),
        ({"language": "ar"}, "Write this in the language of the original (Arabic)"),
        ({"year": "1800"}, "Ensure this value is greater than or equal to 1950."),
    ],
)
def test_the_form_says_what_is_wrong_and_saves_nothing(people, changes, message):
    client = client_for(people, "focal_point")
    response = client.post(reverse("reports:library_create"), _form(people.owning, **changes))
    page = response.content.decode()
    assert response.status_code == 200 and message in page and "The item was not saved" in page
    assert not LibraryItem.objects.exists()


def test_the_form_refuses_a_disguised_file_with_a_clear_message(people, media):
    client = client_for(people, "focal_point")
    response = client.post(
        reverse("reports:library_create"),
        {**_form(people.owning), "upload": upload("r.pdf", b"<html><script>x</script></html>")},
    )
    assert "The content of the file is not a .pdf document" in response.content.decode()
    assert not LibraryItem.objects.exists()


def test_the_form_offers_only_the_agencies_the_person_represents(people):
    page = client_for(people, "focal_point").get(reverse("reports:library_create")).content.decode()
    assert f'value="{people.owning.pk}"' in page
    response = client_for(people, "focal_point").post(
        reverse("reports:library_create"), _form(people.other, url="https://example.org")
    )
    assert "Select a valid choice" in response.content.decode()
    assert not LibraryItem.objects.exists()


def test_the_sitemap_lists_the_library_and_public_items(people, client):
    public = LibraryItemFactory()
    hidden = LibraryItemFactory(visibility=LibraryVisibility.MEMBERS)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/en/library/" in xml and f"/ar/library/{public.pk}/" in xml and f"/library/{hidden.pk}/" not in xml


def test_the_demo_library_is_labelled_and_loads_once(media):
    import members.demo
    import reports.demo
    from members.services import seed_reference_data

    seed_reference_data()
    members.demo.load()
    reports.demo._library()
    reports.demo._library()
    items = LibraryItem.objects.all()
    assert items.count() == len(reports.demo.LIBRARY)
    assert all(item.is_demo for item in items)
    assert all("(demo)" in item.title or "(تجريبي)" in item.title or "(démo)" in item.title for item in items)
    assert {item.language for item in items} == {"en", "ar", "fr"}
    assert items.filter(visibility=LibraryVisibility.MEMBERS).exists()
    assert items.exclude(file="").count() == 4 and items.exclude(url="").count() == 1
    assert items.get(kind="study", visibility="public").created_by.email.endswith(".ilo@demo.rwg-portal.org")


# Three languages (rwg_portal/translated.py) ---------------------------------------------------------------


def test_each_reader_sees_their_language_or_the_original_marked(people, client):
    item = LibraryItemFactory(title="Return migration", abstract="How returnees settle.",
                              title_ar="الهجرة العائدة", title_fr="La migration de retour")
    page = client.get(f"/ar/library/{item.pk}/").content.decode()
    assert '<span lang="ar" dir="rtl">الهجرة العائدة</span>' in page
    assert 'lang="en" dir="ltr" style="white-space: pre-line">How returnees settle.' in page
    assert "(معروض بالإنجليزية)" in page
    french = client.get("/fr/library/?q=retour").content.decode()
    assert 'lang="fr" dir="ltr">La migration de retour</a>' in french and "(affiché en anglais)" not in french
    english = client.get(f"/en/library/{item.pk}/").content.decode()
    assert "Return migration" in english and "(shown in" not in english


def test_the_form_shows_the_languages_side_by_side_and_saves_each(people):
    client = client_for(people, "focal_point")
    page = client.get(reverse("reports:library_create")).content.decode()
    for code, direction in (("en", "ltr"), ("ar", "rtl"), ("fr", "ltr")):
        assert f'name="title_{code}"' in page and f'name="abstract_{code}"' in page
        assert f'lang="{code}" dir="{direction}"' in page
    response = client.post(reverse("reports:library_create"), _form(
        people.owning, language="fr", title_en="", abstract_en="", title_fr="Transferts vers l'Égypte",
        abstract_fr="Le coût des transferts.", title_ar="التحويلات إلى مصر", url="https://example.org/a"))
    assert response.status_code == 302
    item = LibraryItem.objects.get()
    assert (item.title_fr, item.title_ar, item.title_en) == ("Transferts vers l'Égypte", "التحويلات إلى مصر", "")
    assert item.history.get().title_ar == "التحويلات إلى مصر"  # every version keeps every language


def test_the_search_index_has_every_language_of_an_item(people):
    from rwg_portal.models import SearchDocument

    item = library_item_save(item=None, by=people.focal_point, fields=_fields(
        people.owning, url="https://example.org/a", title_ar="العاملات المنزليات المهاجرات في الخليج"))
    document = SearchDocument.objects.get(source="reports.library", object_id=item.pk)
    assert document.title_en == "Women migrant domestic workers in the Gulf" and document.body_en == "What we found."
    assert document.title_ar == "العاملات المنزليات المهاجرات في الخليج" and document.title_fr == ""


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_keeps_every_item_s_texts_and_versions(people):
    """0007-0009 of reports: backwards, each item's original title and abstract go back into the single
    columns; forwards, they (and each past version's) go into the columns of the item's language."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    french = library_item_save(item=None, by=people.focal_point, fields=_fields(
        people.owning, url="https://example.org/a", language="fr", title_en="", abstract_en="",
        title_fr="La migration de retour", abstract_fr="Le retour.", title_ar="الهجرة العائدة"))
    before = ("reports", "0007_library_item_texts_languages")
    latest = ("reports", "0009_remove_library_item_title_abstract")
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([before])
        old = executor.loader.project_state(before).apps
        OldItem = old.get_model("reports", "LibraryItem")
        assert (OldItem.objects.get(pk=french.pk).title, OldItem.objects.get(pk=french.pk).abstract) == (
            "La migration de retour", "Le retour.")  # the original came back
        # As the data stood before the languages: a title and an abstract in the item's language only.
        OldItem.objects.filter(pk=french.pk).update(title_fr="", abstract_fr="", title_ar="")
        old.get_model("reports", "HistoricalLibraryItem").objects.filter(id=french.pk).update(title_fr="", title_ar="")
        executor = MigrationExecutor(connection)
        executor.migrate([latest])
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    item = LibraryItem.objects.get(pk=french.pk)
    assert (item.language, item.title_fr, item.abstract_fr, item.title_en, item.title_ar) == (
        "fr", "La migration de retour", "Le retour.", "", "")
    assert {version.title_fr for version in item.history.all()} == {"La migration de retour"}
