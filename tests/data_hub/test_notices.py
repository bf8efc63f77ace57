"""Import messages are shown in the reader's language, whatever the uploader's (issue 19)."""

import numpy as np
import pytest
from django.utils import translation

from data_hub import notices, services
from data_hub.notices import gettext as _
from data_hub.templatetags.data_hub_tags import import_notes, notice
from tests.data_hub.factories import undesa_2019_layout, write_xlsx


def test_a_notice_is_the_translated_text_and_remembers_how_to_translate_it_again():
    with translation.override("fr"):
        message = _("Sheets without a table of figures: %(sheets)s.") % {"sheets": "Notes"}
        assert isinstance(message, str) and message == "Feuilles sans tableau de chiffres : Notes."
        kept = notices.stored(message)
    assert kept["text"] == str(message)
    with translation.override("ar"):
        assert notices.render(kept) == "أوراق لا تتضمن جدولاً للأرقام: Notes."
    with translation.override("en"):
        assert notices.render(kept) == "Sheets without a table of figures: Notes."
    assert notices.render("plain text stored before") == "plain text stored before"


def test_numbers_from_pandas_and_joined_messages_are_kept():
    message = _("Male (%(male)s) plus female (%(female)s) make %(sum)s, but both sexes is %(total)s.") % {
        "male": np.int64(6), "female": np.float64(9.5), "sum": 15.5, "total": "10"}
    joined = message + " " + _("Sheets without a table of figures: %(sheets)s.") % {"sheets": "A"}
    kept = notices.stored(joined)
    with translation.override("ar"):
        text = notices.render(kept)
    assert text.startswith("مجموع الذكور (6) والإناث (9.5)") and text.endswith("أوراق لا تتضمن جدولاً للأرقام: A.")


@pytest.mark.django_db
def test_an_import_s_problems_and_notes_read_in_the_reader_s_language(tmp_path):
    rows = [("Jordan", 400, "B", [10, 20, 30], [6, 11, 16], [4, 9, 99])]
    path = write_xlsx(tmp_path / "bad.xlsx", {"Table 1": undesa_2019_layout(rows)})
    with translation.override("fr"):  # uploaded by a French-speaking focal point
        preview = services.import_file(path=path, name="bad.xlsx").preview
    problem = preview["errors"][0]
    assert problem["message"].startswith("Hommes (16) plus femmes (99)")
    with translation.override("ar"):
        assert notice(problem).startswith("مجموع الذكور (16) والإناث (99)")
        assert all(note for note in import_notes(preview))
    with translation.override("en"):
        assert notice(problem).startswith("Male (16) plus female (99) make 115")
