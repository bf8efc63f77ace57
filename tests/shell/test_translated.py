"""Content in three languages (issue 17): the reading rule, its marker, the form's side-by-side inputs, the
history, the search and the export of a translated text, shown on decisions."""

import csv
import io

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.choices import MinutesStatus
from meetings.models import Decision
from meetings.services.decisions import decision_record, decision_update
from rwg_portal import translated
from rwg_portal.search import search
from tests.access import client_for
from tests.meetings.factories import DecisionFactory, HeldMeetingFactory

ENGLISH = "The Group adopts its workplan for the biennium."
ARABIC = "يعتمد الفريق خطة عمله لفترة السنتين."
FRENCH = "Le Groupe adopte son plan de travail pour l'exercice biennal."


class Text:
    """A stand-in record with a translated ``text``: the rule reads columns, not the database."""

    def __init__(self, language, **texts):
        self.language = language
        for code in translated.LANGUAGES:
            setattr(self, f"text_{code}", texts.get(code, ""))


def _reader(language: str) -> Client:
    """An anonymous visitor who chose ``language`` (pages outside /<language>/ read the cookie)."""
    client = Client(headers={"accept-language": language})
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _url(name: str, language: str, args=()) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def test_the_marker_names_the_language_shown_in_the_readers_language():
    assert translated.marker("en", "en") == "(shown in English)"
    assert translated.marker("ar", "en") == "(shown in Arabic)"
    assert translated.marker("en", "ar") == "(معروض بالإنجليزية)"
    assert translated.marker("fr", "ar") == "(معروض بالفرنسية)"
    assert translated.marker("en", "fr") == "(affiché en anglais)"
    assert translated.marker("ar", "fr") == "(affiché en arabe)"


def test_english_and_arabic_read_in_arabic_and_in_french_falls_back_to_the_original():
    text = Text("en", en=ENGLISH, ar=ARABIC)
    arabic = translated.shown(text, "text", "ar")
    assert (arabic.text, arabic.language, arabic.direction, arabic.marker) == (ARABIC, "ar", "rtl", "")
    french = translated.shown(text, "text", "fr")
    assert (french.text, french.language, french.direction) == (ENGLISH, "en", "ltr")
    assert french.marker == "(affiché en anglais)"
    html = french.__html__()
    assert html == ('<span lang="en" dir="ltr">The Group adopts its workplan for the biennium.</span> '
                    '<small class="rwg-shown-in text-body-secondary">(affiché en anglais)</small>')


@settings(max_examples=200, deadline=None)
@given(filled=st.sets(st.sampled_from(translated.LANGUAGES)), original=st.sampled_from(translated.LANGUAGES),
       reader=st.sampled_from(translated.LANGUAGES))
def test_a_reader_sees_their_language_else_the_original_else_any(filled, original, reader):
    texts = {code: f"text in {code}" for code in filled}
    shown = translated.shown(Text(original, **texts), "text", reader)
    if reader in filled:
        assert (shown.text, shown.language, shown.marker) == (texts[reader], reader, "")
    elif original in filled:
        assert (shown.text, shown.language) == (texts[original], original)
        assert shown.marker == translated.marker(original, reader)
    elif filled:
        assert shown.language in filled and shown.text == texts[shown.language] and shown.is_fallback
    else:
        assert shown.text == "" and shown.marker == "" and shown.__html__() == ""
    assert shown.direction == ("rtl" if shown.language == "ar" else "ltr")


@pytest.mark.django_db
def test_a_decision_written_in_english_and_arabic_on_the_public_register(people):
    meeting = HeldMeetingFactory(minutes_status=MinutesStatus.APPROVED)
    DecisionFactory(meeting=meeting, language="en", text_en=ENGLISH, text_ar=ARABIC, public=True)
    register = "meetings:decision_register"
    arabic = _reader("ar").get(_url(register, "ar")).content.decode()
    assert f'<div lang="ar" dir="rtl" class="rwg-markdown"><p>{ARABIC}</p>' in arabic
    assert ENGLISH not in arabic and "معروض" not in arabic
    french = _reader("fr").get(_url(register, "fr")).content.decode()
    assert f'<div lang="en" dir="ltr" class="rwg-markdown"><p>{ENGLISH}</p>' in french
    assert "(affiché en anglais)" in french and ARABIC not in french
    english = _reader("en").get(_url(register, "en")).content.decode()
    assert ENGLISH in english and "(shown in" not in english


@pytest.mark.django_db
def test_the_original_is_required_and_translations_are_optional(people):
    meeting = HeldMeetingFactory()
    decision = decision_record(meeting=meeting, text=ARABIC, language="ar", by=people.secretariat)
    assert (decision.language, decision.text_ar, decision.text_en) == ("ar", ARABIC, "")
    with pytest.raises(Exception) as error:
        decision_record(meeting=meeting, text={"en": ENGLISH}, language="fr", by=people.secretariat)
    assert "text_fr" in error.value.error_dict
    assert Decision.objects.filter(meeting=meeting).count() == 1  # nothing written


@pytest.mark.django_db
def test_history_keeps_every_language(people):
    decision = decision_record(meeting=HeldMeetingFactory(), text=ENGLISH, by=people.secretariat)
    decision_update(decision=decision, data={"text": {"en": ENGLISH, "ar": ARABIC, "fr": ""}}, by=people.secretariat)
    versions = list(decision.history.order_by("history_id"))
    assert [(v.text_en, v.text_ar) for v in versions] == [(ENGLISH, ""), (ENGLISH, ARABIC)]
    assert {"text_en", "text_ar", "text_fr", "language"} <= {f.name for f in Decision.history.model._meta.fields}


@pytest.mark.django_db
def test_search_finds_a_decision_in_each_of_its_languages(people):
    decision = DecisionFactory(language="en", text_en="The Group welcomes the quetzal study.",
                               text_ar="يرحب الفريق بدراسة الكيتزال.", text_fr="Le Groupe salue l'étude du quetzal.")
    for query, language in (("quetzal", "en"), ("الكيتزال", "ar"), ("étude", "fr")):
        results = search(people.secretariat, query, language=language).results
        assert [r.title for r in results] == [decision.reference], query


@pytest.mark.django_db
def test_the_form_shows_the_languages_side_by_side(people):
    meeting = HeldMeetingFactory()
    client = client_for(people, "secretariat")
    page = client.get(_url("meetings:decision_add", "en", args=[meeting.pk])).content.decode()
    assert '<legend class="form-label fs-6">Decision</legend>' in page
    for code, direction, name in (("en", "ltr", "English"), ("ar", "rtl", "Arabic"), ("fr", "ltr", "French")):
        assert f'<label class="form-label small mb-1" for="id_text_{code}">{name}</label>' in page
        textarea = page[page.index(f'name="text_{code}"') - 200:page.index(f'name="text_{code}"') + 200]
        assert f'lang="{code}"' in textarea and f'dir="{direction}"' in textarea and f'id="id_text_{code}"' in textarea
    response = client.post(_url("meetings:decision_add", "en", args=[meeting.pk]),
                           {"text_en": "", "text_ar": ARABIC, "text_fr": "", "language": "ar"})
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = Decision.objects.get(meeting=meeting)
    assert (decision.language, decision.text_ar, decision.text_en) == ("ar", ARABIC, "")
    # The original missing: a clear message on the field, nothing written.
    response = client.post(_url("meetings:decision_add", "en", args=[meeting.pk]),
                           {"text_en": ENGLISH, "text_ar": "", "text_fr": "", "language": "fr"})
    assert response.status_code == 200
    assert "Write this in the language of the original (French)" in response.content.decode()
    assert Decision.objects.filter(meeting=meeting).count() == 1


@pytest.mark.django_db
def test_the_export_has_every_language_and_the_original(people):
    DecisionFactory(meeting=HeldMeetingFactory(minutes_status=MinutesStatus.APPROVED), language="ar",
                    text_ar=ARABIC, text_en="", public=True)
    response = Client().get(_url("meetings:decision_register_export", "en", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0]["Text (Arabic)"] == ARABIC and rows[0]["Text (English)"] == ""
    assert rows[0]["Language of the original"] == "Arabic"


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_keeps_every_decision_and_version(people):
    """0009-0011 of meetings: backwards, each decision's original goes back into ``text``; forwards, each
    ``text`` (and each past version's) goes into its language's column, the language read from its script."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    french = decision_record(meeting=HeldMeetingFactory(), text=FRENCH, language="fr", by=people.secretariat)
    arabic = decision_record(meeting=HeldMeetingFactory(), text=ENGLISH, by=people.secretariat)
    before, latest = ("meetings", "0009_decision_text_languages"), ("meetings", "0011_remove_decision_text")
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([before])
        old = executor.loader.project_state(before).apps
        OldDecision, OldHistory = old.get_model("meetings", "Decision"), old.get_model("meetings", "HistoricalDecision")
        assert OldDecision.objects.get(pk=french.pk).text == FRENCH  # the original came back
        # As the data stood before the languages: one text, no language.
        OldDecision.objects.filter(pk=arabic.pk).update(text=ARABIC, text_en="", language="en")
        OldHistory.objects.filter(id=arabic.pk).update(text=ARABIC, text_en="", language="en")
        OldDecision.objects.filter(pk=french.pk).update(text=ENGLISH, text_fr="", language="en")
        executor = MigrationExecutor(connection)
        executor.migrate([latest])
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    arabic, french = Decision.objects.get(pk=arabic.pk), Decision.objects.get(pk=french.pk)
    assert (arabic.language, arabic.text_ar, arabic.text_en) == ("ar", ARABIC, "")
    assert (french.language, french.text_en, french.text_fr) == ("en", ENGLISH, "")
    assert {(v.language, v.text_ar) for v in arabic.history.all()} == {("ar", ARABIC)}


@pytest.mark.django_db
def test_a_good_practice_in_english_only_read_in_arabic(people):
    from programmes.choices import PracticeStatus
    from tests.programmes.factories import GoodPracticeFactory

    practice = GoodPracticeFactory(agency=people.owning, title_en="Peer networks of domestic workers",
                                   practice_en="Workers meet monthly.", status=PracticeStatus.PUBLISHED,
                                   published_at="2026-01-05T10:00:00Z")
    page = _reader("ar").get(_url("programmes:practice_detail", "ar", args=[practice.pk])).content.decode()
    assert ('<h1 class="h3"><span lang="en" dir="ltr">Peer networks of domestic workers</span> '
            '<small class="rwg-shown-in text-body-secondary">(معروض بالإنجليزية)</small></h1>') in page
    assert '<p lang="en" dir="ltr">Workers meet monthly.</p>' in page
    assert page.count("(معروض بالإنجليزية)") == 5  # the title and each of the four texts
    practice.title_ar, practice.practice_ar = "شبكات الأقران", "يلتقي العمال شهرياً."
    practice.save()
    page = _reader("ar").get(_url("programmes:practice_detail", "ar", args=[practice.pk])).content.decode()
    assert '<span lang="ar" dir="rtl">شبكات الأقران</span></h1>' in page
    assert '<p lang="ar" dir="rtl">يلتقي العمال شهرياً.</p>' in page and page.count("(معروض بالإنجليزية)") == 3


@pytest.mark.django_db
def test_the_good_practice_form_writes_an_arabic_original(people):
    from programmes.models import GoodPractice

    client = client_for(people, "focal_point")
    url = _url("programmes:practice_create", "en")
    page = client.get(url).content.decode()
    assert 'name="title_ar"' in page and 'id="id_title_ar"' in page and '<legend class="form-label fs-6">Title' in page
    data = {"agency": people.owning.pk, "language": "ar", "countries": ["JOR"], "theme": "women",
            "title_en": "", "title_ar": "شبكات الأقران", "practice_ar": "نص", "evidence_ar": "نتائج",
            "lessons_ar": "دروس", "replication_ar": "شروط"}
    missing = client.post(url, {**data, "practice_ar": ""})
    assert missing.status_code == 200 and not GoodPractice.objects.exists()
    assert "Write this in the language of the original (Arabic)" in missing.content.decode()
    assert client.post(url, data).status_code == 302
    practice = GoodPractice.objects.get()
    assert (practice.language, practice.title_ar, practice.practice_ar, practice.title_en) == (
        "ar", "شبكات الأقران", "نص", "")
