"""Agenda item titles in English, Arabic and French (issue 17): the form's side-by-side inputs, each reader's
language or the original marked, the history, and the data migration that kept the titles typed before."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from meetings.models import AgendaItem
from meetings.services.agenda import agenda_item_add, agenda_item_update
from tests.access import client_for
from tests.meetings.helpers import schedule

ARABIC = "خطة العمل لعام 2032"
FRENCH = "Plan de travail 2032"


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.django_db
def test_the_form_takes_the_three_languages_side_by_side(people):
    meeting = schedule(people.secretariat)
    client = client_for(people, "secretariat")
    page = client.get(_url("meetings:agenda_item_add", meeting.pk)).content.decode()
    for code, direction in (("en", "ltr"), ("ar", "rtl"), ("fr", "ltr")):
        field = page[page.index(f'name="title_{code}"') - 250:page.index(f'name="title_{code}"') + 250]
        assert f'lang="{code}"' in field and f'dir="{direction}"' in field
    post = {"language": "ar", "title_en": "Workplan 2032", "title_ar": ARABIC, "title_fr": FRENCH,
            "description": "", "presenting_agency": "", "duration_minutes": "30"}
    assert client.post(_url("meetings:agenda_item_add", meeting.pk), post).status_code == 302
    item = meeting.agenda_items.get()
    assert (item.language, item.title_en, item.title_ar, item.title_fr) == ("ar", "Workplan 2032", ARABIC, FRENCH)
    # The original missing: a message on the title, nothing written.
    response = client.post(_url("meetings:agenda_item_add", meeting.pk), {**post, "title_ar": "", "title_fr": "X"})
    assert response.status_code == 200 and meeting.agenda_items.count() == 1
    assert "Write this in the language of the original (Arabic)" in " ".join(response.context["form"].errors["title"])
    edit = client.get(_url("meetings:agenda_item_edit", item.pk)).content.decode()
    assert ARABIC in edit and FRENCH in edit


@pytest.mark.django_db
def test_each_reader_reads_their_language_or_the_original_marked(people):
    meeting = schedule(people.secretariat)
    agenda_item_add(meeting=meeting, data={"title": {"en": "Workplan 2032", "ar": ARABIC}}, by=people.secretariat)
    client = client_for(people, "focal_point")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"  # the language the reader chose (the member pages)
    arabic = client.get(_url("meetings:meeting_detail", meeting.pk)).content.decode()
    assert '<html lang="ar"' in arabic
    assert f'<span lang="ar" dir="rtl">{ARABIC}</span>' in arabic and "(معروض" not in arabic
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = client.get(_url("meetings:meeting_detail", meeting.pk)).content.decode()
    assert '<span lang="en" dir="ltr">Workplan 2032</span>' in french and "(affiché en anglais)" in french


@pytest.mark.django_db
def test_a_translation_added_later_is_kept_in_the_history_and_told(people):
    meeting = schedule(people.secretariat)
    item = agenda_item_add(meeting=meeting, data={"title": "Workplan 2032"}, by=people.secretariat)
    item = agenda_item_update(item=item, data={"title_fr": FRENCH}, by=people.secretariat)
    assert (item.title_en, item.title_fr) == ("Workplan 2032", FRENCH)
    versions = list(item.history.order_by("history_id"))
    assert versions[0].title_fr == "" and versions[-1].title_fr == FRENCH and versions[-1].title_en == "Workplan 2032"


@pytest.mark.django_db(transaction=True)
def test_the_data_migrations_keep_every_title_and_version(people):
    """meetings 0012-0014 and members 0007-0009: backwards, the original goes back into the single column;
    forwards, each agenda title (and each past version's) goes into its language's column, the language read
    from its script; each consultation's texts go into the column of its language, which it already had."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from members.models import Consultation
    from members.stakeholders.services import consultation_save

    meeting = schedule(people.secretariat)
    typed = agenda_item_add(meeting=meeting, data={"title": "Workplan 2032"}, by=people.secretariat)
    now = meeting.starts_at
    consultation = consultation_save(consultation=None, by=people.secretariat, fields={
        "language": "fr", "title": "Coût des envois de fonds", "question": "Comment ?", "summary": "Chers.",
        "opens_at": now, "closes_at": now.replace(year=now.year + 1), "time_zone": "Asia/Beirut"})
    targets = [("meetings", "0013_agendaitem_title_languages"), ("members", "0007_consultation_texts_languages")]
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(targets)
        old = executor.loader.project_state(targets).apps
        OldItem, OldItemHistory = old.get_model("meetings", "AgendaItem"), old.get_model("meetings",
                                                                                         "HistoricalAgendaItem")
        assert OldItem.objects.get(pk=typed.pk).title == "Workplan 2032"  # the original came back
        OldConsultation = old.get_model("members", "Consultation")
        assert OldConsultation.objects.get(pk=consultation.pk).title == "Coût des envois de fonds"
        # As the data stood before the languages: one title as typed (here in Arabic), no language.
        OldItem.objects.filter(pk=typed.pk).update(title=ARABIC, title_en="", language="en")
        OldItemHistory.objects.filter(id=typed.pk).update(title=ARABIC, title_en="", language="en")
        OldConsultation.objects.filter(pk=consultation.pk).update(title_fr="", question_fr="", summary_fr="")
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([("meetings", "0015_remove_agendaitem_title"), ("members", "0009_remove_consultation_texts")])
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    item = AgendaItem.objects.get(pk=typed.pk)
    assert (item.language, item.title_ar, item.title_en) == ("ar", ARABIC, "")
    assert {(v.language, v.title_ar) for v in item.history.all()} == {("ar", ARABIC)}
    consultation = Consultation.objects.get(pk=consultation.pk)
    assert (consultation.language, consultation.title_fr, consultation.question_fr, consultation.summary_fr) == (
        "fr", "Coût des envois de fonds", "Comment ?", "Chers.")
    assert consultation.history.latest().title_fr == "Coût des envois de fonds"
