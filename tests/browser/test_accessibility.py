"""Accessibility sweep: every main page, as the role that uses it, in English, Arabic and French.

axe-core (the npm package in node_modules, injected from the test's own files) runs on each page and
no serious or critical violation may remain. Arabic pages must be right-to-left and carry no English
interface string (a line of visible text equal to an English msgid of our catalogues whose Arabic
translation differs). Screenshots of the dashboard (English, Arabic) and of the first page of each
built PDF report go to artifacts/screenshots/ (kept by CI, named in docs/operations.md).
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
LANGUAGES = ("en", "ar", "fr")
SECRETARIAT = "secretariat@demo.rwg-portal.org"
FOCAL_POINT = "focal.iom@demo.rwg-portal.org"
BLOCKING = {"serious", "critical"}


def _english_interface_strings() -> set[str]:
    """English msgids of every catalogue whose Arabic translation is different (so 'IOM' or 'PDF' don't count)."""
    strings = set()
    for po_path in ROOT.glob("*/locale/ar/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po_path)):
            for msgid, msgstr in [(entry.msgid, entry.msgstr), (entry.msgid_plural, None)]:
                if not msgid or "%" in msgid or "{" in msgid or "<" in msgid:
                    continue
                if msgstr is not None and msgstr.strip() == msgid.strip():
                    continue
                if len(msgid) >= 4 and re.search(r"[A-Za-z]{3}", msgid):
                    strings.add(msgid.strip())
    return strings


def _pages():
    """(who, url) for every main page, built from the demo content."""
    from data_hub.models import Place, Release
    from meetings.models import ActionItem, Meeting
    from members.models import Agency, User
    from programmes.models import Activity, GoodPractice
    from reports.choices import ChapterState
    from reports.models import Build, Chapter, Report

    meeting = Meeting.objects.order_by("-starts_at").first()
    activity = Activity.objects.order_by("pk").first()
    practice = GoodPractice.objects.order_by("pk").first()
    agency = Agency.objects.get(acronym="IOM")
    person = User.objects.get(email=FOCAL_POINT)
    place = Place.objects.filter(code="JOR").first() or Place.objects.filter(m49__isnull=False).first()
    release = Release.objects.order_by("pk").first()
    report = Report.objects.order_by("pk").first()
    chapter = Chapter.objects.order_by("pk").first()
    draft = Chapter.objects.filter(lead_agency__acronym="IOM", state=ChapterState.DRAFT).order_by("pk").first()
    build = Build.objects.filter(file__gt="").order_by("pk").first()
    action_item = ActionItem.objects.order_by("pk").first()
    assessment = Report.objects.filter(questions__isnull=False).distinct().order_by("pk").first()

    pages = [
        (None, "/accounts/login/"),
        (None, "/members/join/"),
        (SECRETARIAT, "/"),
        (FOCAL_POINT, "/"),
        (SECRETARIAT, "/members/agencies/"),
        (SECRETARIAT, f"/members/agencies/{agency.pk}/"),
        (SECRETARIAT, "/members/agencies/new/"),
        (SECRETARIAT, "/members/people/"),
        (SECRETARIAT, f"/members/people/{person.pk}/"),
        (SECRETARIAT, "/members/people/invite/"),
        (SECRETARIAT, "/members/join-requests/"),
        (FOCAL_POINT, "/members/my-agency/"),
        (FOCAL_POINT, "/members/account/"),
        (SECRETARIAT, "/meetings/"),
        (SECRETARIAT, "/meetings/new/"),
        (SECRETARIAT, "/meetings/calendar/"),
        (SECRETARIAT, "/meetings/action-items/"),
        (SECRETARIAT, "/meetings/rcm-decisions/"),
        (SECRETARIAT, "/programmes/"),
        (SECRETARIAT, "/programmes/activities/"),
        (FOCAL_POINT, "/programmes/activities/new/"),
        (SECRETARIAT, "/programmes/coverage/"),
        (SECRETARIAT, "/programmes/synergies/"),
        (SECRETARIAT, "/programmes/priorities/"),
        (SECRETARIAT, "/programmes/good-practices/"),
        (FOCAL_POINT, "/programmes/bulk/"),
        (SECRETARIAT, "/data/"),
        (SECRETARIAT, "/data/places/"),
        (SECRETARIAT, "/data/quality/"),
        (SECRETARIAT, "/data/releases/"),
        (SECRETARIAT, "/data/imports/"),
        (SECRETARIAT, "/data/imports/new/"),
        (SECRETARIAT, "/data/groups/"),
        (SECRETARIAT, "/data/api/"),
        (SECRETARIAT, "/reports/"),
        (SECRETARIAT, "/reports/downloads/"),
        (None, "/reports/public/"),
    ]
    if meeting:
        pages += [(SECRETARIAT, f"/meetings/{meeting.pk}/"), (SECRETARIAT, f"/meetings/{meeting.pk}/minutes/"),
                  (SECRETARIAT, f"/meetings/{meeting.pk}/edit/")]
    if action_item:
        pages.append((SECRETARIAT, f"/meetings/action-items/{action_item.pk}/"))
    if activity:
        pages += [(SECRETARIAT, f"/programmes/activities/{activity.pk}/"),
                  (SECRETARIAT, f"/programmes/activities/{activity.pk}/edit/")]
    if practice:
        pages.append((SECRETARIAT, f"/programmes/good-practices/{practice.pk}/"))
    if place:
        pages.append((SECRETARIAT, f"/data/places/{place.code}/"))
    if release:
        pages.append((SECRETARIAT, f"/data/releases/{release.pk}/"))
    if report:
        pages += [(SECRETARIAT, f"/reports/{report.pk}/"), (SECRETARIAT, f"/reports/{report.pk}/sources/")]
    if chapter:
        pages.append((SECRETARIAT, f"/reports/chapters/{chapter.pk}/"))
    if draft:
        pages.append((FOCAL_POINT, f"/reports/chapters/{draft.pk}/edit/"))
    if build:
        pages.append((SECRETARIAT, f"/reports/builds/{build.pk}/"))
    if assessment:
        pages.append((SECRETARIAT, f"/reports/{assessment.pk}/questionnaire/results/"))
    return pages


def _session_cookie(live_server, email):
    from members.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url}


def _english_lines(page, english: set[str]) -> list[str]:
    """Lines of the page's visible interface text that are English msgids (user data aside: form values,
    names in tables and the language switcher's own names are not interface strings)."""
    text = page.evaluate("""() => {
        const clone = document.body.cloneNode(true);
        clone.querySelectorAll('script, style, select, textarea, code, kbd, samp, [lang]:not([lang="ar"]), '
                             + '.visually-hidden-focusable')
             .forEach(el => el.remove());
        document.body.appendChild(clone);
        clone.hidden = false;
        const text = clone.innerText;
        clone.remove();
        return text;
    }""")
    return sorted({line.strip() for line in text.splitlines() if line.strip() in english})


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in BLOCKING]


@pytest.fixture
def demo_portal(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    call_command("rwg_seed")
    call_command("rwg_demo")
    return settings.MEDIA_ROOT


def test_every_main_page_is_accessible_in_three_languages(browser, live_server, demo_portal):
    english = _english_interface_strings()
    pages = _pages()
    cookies = {who: _session_cookie(live_server, who) for who in {w for w, _ in pages if w}}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    visited = 0
    for language in LANGUAGES:
        for who in [None, SECRETARIAT, FOCAL_POINT]:
            context = browser.new_context(locale={"en": "en-GB", "ar": "ar", "fr": "fr-FR"}[language],
                                          bypass_csp=True)  # axe is injected: only the test browser skips CSP
            context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}]
                                + ([cookies[who]] if who else []))
            page = context.new_page()
            page.set_default_timeout(15000)
            for page_who, url in pages:
                if page_who != who:
                    continue
                response = page.goto(f"{live_server.url}{url}")
                visited += 1
                where = f"[{language}] {url} as {who or 'anonymous'}"
                if response.status != 200:
                    problems.append(f"{where}: HTTP {response.status}")
                    continue
                if page.url.rstrip("/").endswith(("/accounts/login", "/2fa/authenticate", "/totp/activate")) \
                        and "login" not in url:
                    problems.append(f"{where}: redirected to {page.url}")
                    continue
                html = page.locator("html")
                if html.get_attribute("lang") != language:
                    problems.append(f"{where}: <html lang> is {html.get_attribute('lang')!r}")
                if language == "ar":
                    if html.get_attribute("dir") != "rtl":
                        problems.append(f"{where}: <html dir> is {html.get_attribute('dir')!r}, not rtl")
                    left = _english_lines(page, english)
                    if left:
                        problems.append(f"{where}: English interface strings left: {left}")
                for violation in _axe(page):
                    problems.append(f"{where}: axe {violation['impact']} {violation['id']} ({violation['help']}) "
                                    f"at {violation['nodes']}")
                if url == "/" and who == SECRETARIAT and language in ("en", "ar"):
                    page.screenshot(path=str(SCREENSHOTS / f"dashboard-{language}.png"), full_page=True)
            context.close()
    assert visited == len(pages) * len(LANGUAGES)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


def test_first_page_of_each_built_pdf_report_is_kept_as_a_screenshot(demo_portal):
    from reports.models import Build

    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    made = []
    for build in Build.objects.exclude(file="").select_related("report"):
        stem = SCREENSHOTS / f"report-{build.report.pk}-{build.language}-page1"
        subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", build.file.path, str(stem)],
                       check=True, timeout=60)
        made.append(Path(f"{stem}.png"))
    assert made, "the demo built no PDF"
    assert all(path.stat().st_size > 1000 for path in made), json.dumps([str(p) for p in made])
