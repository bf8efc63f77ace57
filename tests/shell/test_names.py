"""One name for the Regional Coordination Mechanism, and the home page's title.

The Group reports to the Arab States Regional Coordination Mechanism (RCM). English says
"Regional Coordination Mechanism" or "RCM"; Arabic "آلية التنسيق الإقليمية"; French
"Mécanisme de coordination régionale" (abbreviated MCR, as in the UN's French documents on the
regional coordination mechanisms). Other spellings crept in ("Regional Coordination Meetings",
"التنسيق الإقليمي", "coordination régional"): these tests keep them out of
code, templates, e-mails, PDF templates, documentation and every catalogue.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
ARABIC = "آلية التنسيق الإقليمية"
FRENCH = re.compile(r"\bMCR\b|Mécanisme de coordination régionale")
MENTIONS = re.compile(r"\bRCM\b|Regional Coordination Mechanism")
WRONG_ENGLISH = re.compile(r"Regional Coordinat(ion|ing) (Meeting|Mechanisms|Platform)|Regional Coordinating")
# Migrations are history: they keep the help texts of their day.
SKIP_DIRS = {".git", ".venv", "node_modules", "var", "static", "artifacts", "__pycache__", "migrations"}


def _catalogues():
    for path in sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po")):
        if not SKIP_DIRS.intersection(path.relative_to(ROOT).parts):
            yield path


def _sources():
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if path.is_file() and not SKIP_DIRS.intersection(parts) and parts[0] != "tests" \
                and path.suffix in {".py", ".html", ".txt", ".md", ".po"}:
            yield path


def test_every_translated_mention_of_the_rcm_uses_its_established_name():
    checked, wrong = 0, []
    for path in _catalogues():
        language = path.parts[-3]
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not MENTIONS.search(entry.msgid):
                continue
            checked += 1
            # Every form of a plural says it too (Arabic has six).
            for text in (entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]):
                if language == "ar" and ARABIC not in text:
                    wrong.append((str(path), entry.msgid, text))
                if language == "fr" and not FRENCH.search(text):
                    wrong.append((str(path), entry.msgid, text))
    assert checked > 20  # the mentions are in the meetings, members, reports, programmes and shell catalogues
    assert wrong == []


def test_no_other_spelling_of_the_rcm_is_left():
    wrong = []
    for path in _sources():
        text = path.read_text(encoding="utf-8", errors="ignore")
        wrong += [f"{path}: {m.group(0)}" for m in WRONG_ENGLISH.finditer(text)]
        wrong += [f"{path}: Arabic without ة" for _ in re.finditer(r"التنسيق الإقليمي(?!ة)", text)]
        wrong += [f"{path}: coordination régional" for _ in re.finditer(r"coordination\s+régional(?!e)", text)]
    assert wrong == []


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "name"), [
    ("en", "Decisions reported to the Regional Coordination Mechanism"),
    ("ar", "القرارات المرفوعة إلى آلية التنسيق الإقليمية"),
    ("fr", "Décisions signalées au Mécanisme de coordination régionale"),
])
def test_the_rcm_page_names_the_mechanism_in_the_readers_language(people, client, language, name):
    client.force_login(people.rcm_delegate)
    page = client.get(reverse("meetings:rcm_decisions"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f">{name}</h1>" in page


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


@pytest.mark.django_db
def test_the_home_page_is_titled_with_the_groups_name_for_visitors(client):
    assert _title(client.get("/")) == "Working Group on International Migration in the Arab Region"
    assert _title(client.get("/", HTTP_ACCEPT_LANGUAGE="fr")).startswith("Groupe de travail")


@pytest.mark.django_db
def test_the_home_page_is_the_dashboard_once_signed_in(people, client):
    client.force_login(people.focal_point)
    assert _title(client.get("/")).startswith("Dashboard · ")
