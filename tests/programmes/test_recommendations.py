"""Governments' recommendations (Cairo 2013 and after): access, entry, review with history, coverage,
hostile input, pinned query counts, the demo."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import GovernmentRecommendation, Participation
from programmes.services import recommendation_review, recommendation_save
from tests.access import LOGIN, OK, assert_access
from tests.programmes.factories import ActivityFactory

pytestmark = pytest.mark.django_db

READERS = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": OK, "other_focal_point": OK, "alternate": OK,
           "focal_point": OK, "secretariat": OK, "admin": OK}
SECRETARIAT = {**{role: 403 for role in READERS}, "anonymous": LOGIN, "secretariat": OK, "admin": OK}
BASE = {"forum": "cairo_2013", "made_on": "2013-06-04", "reference": "7", "text_en": "Protect migrant workers.",
        "theme": "labour", "countries": ["JOR", "LBN"]}


@pytest.fixture
def answered(people):
    activity = ActivityFactory(lead_agency=people.owning, title_en="Fair recruitment")
    Participation.objects.create(activity=activity, agency=people.other, role="partner")
    return recommendation_save(data={**BASE, "countries": ["JOR", "LBN"]}, activities=[activity],
                               by=people.secretariat)


@pytest.fixture
def unanswered(people):
    return recommendation_save(data={**BASE, "reference": "8", "theme": "data", "countries": ["MAR"],
                                     "text_en": "Produce sex-disaggregated data."}, by=people.secretariat)


def state():
    return list(GovernmentRecommendation.objects.order_by("pk").values_list(
        "reference", "text_en", "status", "countries"))


def test_who_reads_and_who_writes(people, answered):
    for name, args in (("recommendation_list", []), ("recommendation_coverage", []),
                       ("recommendation_detail", [answered.pk])):
        assert_access(people, reverse(f"programmes:{name}", args=args), READERS)
    for name, args in (("recommendation_create", []), ("recommendation_edit", [answered.pk]),
                       ("recommendation_review", [answered.pk]), ("recommendation_history", [answered.pk])):
        assert_access(people, reverse(f"programmes:{name}", args=args), SECRETARIAT)
    for name, data in (("recommendation_edit", {**BASE, "text_en": "Hacked"}),
                       ("recommendation_review", {"status": "implemented"})):
        assert_access(people, reverse(f"programmes:{name}", args=[answered.pk]), SECRETARIAT, method="post",
                      data=data, snapshot=state)
    assert_access(people, reverse("programmes:recommendation_create"), SECRETARIAT, method="post",
                  data={**BASE, "reference": "99"}, snapshot=state)


def test_services_refuse_anyone_but_the_secretariat(people, answered):
    for person in (people.focal_point, people.rcm_delegate, None):
        with pytest.raises(PermissionDenied):
            recommendation_save(data=BASE, by=person)
        with pytest.raises(PermissionDenied):
            recommendation_review(recommendation=answered, status="implemented", note="", by=person)
    assert state() == [("7", "Protect migrant workers.", "not_reviewed", ["JOR", "LBN"])]


def test_the_secretariat_enters_links_and_reviews_with_history(client, people, answered):
    client.force_login(people.secretariat)
    activity = ActivityFactory(lead_agency=people.other, title_en="Data for all")
    response = client.post(reverse("programmes:recommendation_create"), {
        **BASE, "reference": "12", "theme": "data", "countries": ["DZA", "TUN"], "text_ar": "نص التوصية",
        "activities": [activity.pk]})
    created = GovernmentRecommendation.objects.get(reference="12")
    assert response.status_code == 302 and list(created.activities.all()) == [activity]
    assert created.history.count() == 1 and created.history.get().history_type == "+"
    response = client.post(reverse("programmes:recommendation_review", args=[created.pk]),
                           {"status": "under_way", "status_note": "Two countries so far."})
    created.refresh_from_db()
    assert created.status == "under_way" and created.status_reviewed_by == people.secretariat
    assert created.status_reviewed_at is not None
    assert created.history.first().history_change_reason == "status not_reviewed -> under_way"
    page = client.get(reverse("programmes:recommendation_detail", args=[created.pk])).content.decode()
    assert "Data for all" in page and "Under way" in page and str(people.secretariat) in page
    history = client.get(reverse("programmes:recommendation_history", args=[created.pk])).content.decode()
    assert "Not reviewed yet" in history and "Under way" in history


def test_the_coverage_page_shows_recommendations_without_any_response(client, people, answered, unanswered):
    client.force_login(people.rcm_delegate)
    page = client.get(reverse("programmes:recommendation_coverage")).content.decode()
    assert "Produce sex-disaggregated data." in page and "Protect migrant workers." not in page
    listed = client.get(reverse("programmes:recommendation_list"), {"unanswered": "on"}).content.decode()
    assert "Produce sex-disaggregated data." in listed and "Protect migrant workers." not in listed


def test_the_list_filters_by_country_theme_and_status(client, people, answered, unanswered):
    client.force_login(people.focal_point)
    url = reverse("programmes:recommendation_list")
    by_country = client.get(url, {"country": "MAR"}).content.decode()
    assert "Produce sex-disaggregated data." in by_country and "Protect migrant workers." not in by_country
    by_theme = client.get(url, {"theme": "labour"}).content.decode()
    assert "Protect migrant workers." in by_theme and "Produce sex-disaggregated data." not in by_theme
    assert client.get(url, {"country": "FRA"}).status_code == 200  # not an Arab State: the filter says so
    assert "Produce" not in client.get(url, {"status": "implemented"}).content.decode()


@pytest.mark.parametrize("change, field", [
    ({"countries": ["FRA"]}, "countries"),  # only the 22 Arab States
    ({"countries": []}, "countries"),
    ({"text_en": "   "}, "text"),  # the English (the original) is required; the side-by-side field says so
    ({"reference": ""}, "reference"),
    ({"forum": "other", "forum_detail": ""}, "forum_detail"),
    ({"forum": "davos"}, "forum"),
    ({"theme": "<script>"}, "theme"),
    ({"made_on": "2013-02-30"}, "made_on"),
    ({"activities": ["x"]}, "activities"),
    ({"text_en": "x" * 10001}, "text"),
    ({"text_ar": "x" * 10001}, "text"),
])
def test_hostile_input_changes_nothing(client, people, answered, change, field):
    client.force_login(people.secretariat)
    before = state()
    response = client.post(reverse("programmes:recommendation_edit", args=[answered.pk]), {**BASE, **change})
    assert response.status_code == 200 and field in response.context["form"].errors
    assert state() == before


def test_a_duplicate_reference_is_refused_with_a_message(client, people, answered):
    client.force_login(people.secretariat)
    response = client.post(reverse("programmes:recommendation_create"), BASE)
    assert response.status_code == 200 and response.context["form"].errors
    assert GovernmentRecommendation.objects.count() == 1
    with pytest.raises(ValidationError):
        recommendation_review(recommendation=answered, status="finished", note="", by=people.secretariat)


def test_texts_are_escaped(client, people):
    recommendation_save(data={**BASE, "text_en": "<script>alert(1)</script>"}, by=people.secretariat)
    client.force_login(people.focal_point)
    page = client.get(reverse("programmes:recommendation_list")).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_arabic_and_french(client, people, answered):
    recommendation_save(recommendation=answered, data={"text_ar": "حماية العمال المهاجرين"},
                        activities=answered.activities.all(), by=people.secretariat)
    client.force_login(people.rcm_delegate)
    arabic = client.get(reverse("programmes:recommendation_detail", args=[answered.pk]),
                        HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "حماية العمال المهاجرين" in arabic and "الأردن" in arabic and "حالة التنفيذ" in arabic
    french = client.get(reverse("programmes:recommendation_list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Recommandations formulées par les gouvernements" in french


def test_each_reader_sees_their_language_or_the_english_marked(client, people, answered):
    """The rule of rwg_portal.translated: the Arabic reader reads the Arabic, with its lang and direction;
    the French reader, with no French entered, reads the English marked "(affiché en anglais)"."""
    recommendation_save(recommendation=answered, data={"text_ar": "حماية العمال المهاجرين"},
                        activities=answered.activities.all(), by=people.secretariat)
    client.force_login(people.rcm_delegate)
    url = reverse("programmes:recommendation_detail", args=[answered.pk])
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'lang="ar" dir="rtl"><p>حماية العمال المهاجرين</p>' in arabic
    assert "Protect migrant workers." not in arabic and "(معروض بالإنجليزية)" not in arabic
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Protect migrant workers." in french and "(affiché en anglais)" in french
    listing = client.get(reverse("programmes:recommendation_list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "(affiché en anglais)" in listing


def test_the_form_takes_the_three_languages_side_by_side_and_history_keeps_them(client, people, answered):
    client.force_login(people.secretariat)
    url = reverse("programmes:recommendation_edit", args=[answered.pk])
    page = client.get(url).content.decode()
    assert all(f'name="text_{code}"' in page for code in ("en", "ar", "fr"))
    assert 'lang="ar" dir="rtl"' in page and "Protect migrant workers." in page  # filled from the record
    response = client.post(url, {**BASE, "text_en": "Protect migrant workers.", "text_ar": "حماية العمال",
                                 "text_fr": "Protéger les travailleurs migrants."})
    assert response.status_code == 302
    answered.refresh_from_db()
    assert (answered.text_en, answered.text_ar, answered.text_fr) == (
        "Protect migrant workers.", "حماية العمال", "Protéger les travailleurs migrants.")
    versions = list(answered.history.order_by("history_id"))
    assert versions[0].text_fr == "" and versions[-1].text_fr == "Protéger les travailleurs migrants."


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


MAX_QUERIES = {"recommendation_list": 6, "recommendation_coverage": 7, "recommendation_detail": 7}


def test_query_counts_are_pinned(client, people, answered, unanswered):
    client.force_login(people.rcm_delegate)
    urls = {"recommendation_list": reverse("programmes:recommendation_list"),
            "recommendation_coverage": reverse("programmes:recommendation_coverage"),
            "recommendation_detail": reverse("programmes:recommendation_detail", args=[answered.pk])}
    small = {name: _count(client, url) for name, url in urls.items()}
    for n in range(15):
        activity = ActivityFactory()
        Participation.objects.create(activity=activity, agency=people.other, role="partner")
        answered.activities.add(activity)
        recommendation_save(data={**BASE, "reference": f"x{n}", "theme": ["data", "labour"][n % 2]},
                            activities=[activity] if n % 3 else [], by=people.secretariat)
    for name, url in urls.items():
        assert _count(client, url) == small[name] <= MAX_QUERIES[name], name


def test_the_demo_recommendations_are_labelled_and_loaded_once(db):
    from members import demo as members_demo
    from members.services import seed_reference_data
    from programmes import demo

    seed_reference_data()
    members_demo.load()
    demo.load()
    demo.load()
    recommendations = list(GovernmentRecommendation.objects.all())
    assert len(recommendations) == 4 and all(r.is_demo for r in recommendations)
    assert all(r.text_en.startswith("Demo content") and "Not a text of the Cairo meeting" in r.text_en
               and r.text_ar.endswith("(تجريبي)") for r in recommendations)
    assert any(r.activities.exists() for r in recommendations) and any(
        not r.activities.exists() for r in recommendations)
