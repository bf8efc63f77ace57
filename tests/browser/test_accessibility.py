"""Accessibility sweep: every GET page of the every-URL table, as the role that uses it, in English, Arabic
and French.

The pages come from tests/security/url_table.py and the world of tests/security/world.py, with the states
of tests/browser/a11y_pages.py (every meeting status, every action-item state, the calendar's month and
list forms, year views, chapters, builds, imports...). A GET page added to the table is visited without
anyone listing it here, and the sweep fails if it cannot be: its arguments cannot be built, it answers
other than 200, or it sends its main role to sign in. Answers that are not HTML (CSV, PDF, ICS, JSON,
downloads) are skipped by their content type and printed.

axe-core (the npm package in node_modules, injected from the test's own files) runs on each page and
no serious or critical violation may remain. Every page must carry its language in <html lang>; Arabic
pages must be right-to-left and carry no English interface string (a line of visible text equal to an
English msgid of our catalogues whose Arabic translation differs). Screenshots of the dashboard
(English, Arabic), of the calendar and of the year view (Arabic) and of the first page of each built PDF
report go to artifacts/screenshots/ (kept by CI, named in docs/operations.md).
"""

import json
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.browser.a11y_pages import add_states, get_pages, in_language, table_visits
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT
from tests.people import make_people
from tests.security.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
LANGUAGES = ("en", "ar", "fr")
BLOCKING = {"serious", "critical"}
SIGN_IN_PAGES = ("/accounts/login", "/2fa/authenticate", "/totp/activate")
# (what, role, language) -> screenshot kept in artifacts/screenshots/
SCREENSHOT_OF = {
    ("home", "secretariat", "en"): "dashboard-en.png",
    ("home", "secretariat", "ar"): "dashboard-ar.png",
    ("calendar April 2031, every status and other-month cells (month)", "focal_point", "ar"): "calendar-ar.png",
    ("calendar April 2031, every status and other-month cells (month)", "focal_point", "fr"): "calendar-fr.png",
    ("year that met the minimum", "focal_point", "ar"): "year-ar.png",
}


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


def _session_cookie(live_server, user):
    client = Client()
    client.force_login(user)
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
    """Serious and critical violations on the page (axe is loaded by the context's init script)."""
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in BLOCKING]


@pytest.fixture
def sweep_world(tmp_path, settings):
    """The every-URL test's people and world, with the states of a11y_pages, committed for the live server."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world(make_people())
    return world, table_visits(world) + add_states(world)


def _is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


def _check_page(page, language: str, english: set[str]) -> list[str]:
    """What is wrong with the page as it stands: language, direction, English left in Arabic, axe."""
    problems = []
    html = page.locator("html")
    if html.get_attribute("lang") != language:
        problems.append(f"<html lang> is {html.get_attribute('lang')!r}")
    if language == "ar":
        if html.get_attribute("dir") != "rtl":
            problems.append(f"<html dir> is {html.get_attribute('dir')!r}, not rtl")
        left = _english_lines(page, english)
        if left:
            problems.append(f"English interface strings left: {left}")
    for violation in _axe(page):
        problems.append(f"axe {violation['impact']} {violation['id']} ({violation['help']}) at {violation['nodes']}")
    return problems


@dataclass
class Sweep:
    """What one language's sweep found."""

    problems: list = field(default_factory=list)
    skipped: dict = field(default_factory=dict)  # URL name -> content type of answers that are not HTML
    visited: int = 0
    checked: int = 0


def _sweep(browser, base_url: str, language: str, visits, cookies: dict, english: set[str]) -> Sweep:
    """Visit every page in one language: one browser context per role."""
    found = Sweep()
    for role in dict.fromkeys(visit.role for visit in visits):
        context = browser.new_context(locale={"en": "en-GB", "ar": "ar", "fr": "fr-FR"}[language],
                                      bypass_csp=True)  # axe is injected: only the test browser skips CSP
        # Once per context, not per page: sending axe (0.5 MB) to each page cost 0.7 s a page.
        context.add_init_script(path=str(AXE))
        context.add_cookies([{"name": "django_language", "value": language, "url": base_url}]
                            + ([cookies[role]] if role in cookies else []))
        page = context.new_page()
        page.set_default_timeout(30000)
        seen = set()
        for visit in (v for v in visits if v.role == role):
            where = f"[{language}] {visit.url} ({visit.what}) as {role}"
            found.visited += 1
            url = in_language(visit.url, language)  # the Group in public has an address per language
            try:
                response = page.goto(f"{base_url}{url}")
            except PlaywrightError as exc:  # a download: the browser shows no page
                content_type = context.request.get(f"{base_url}{url}").headers.get("content-type", "")
                if _is_html(content_type):
                    found.problems.append(f"{where}: {exc}")
                else:
                    found.skipped[visit.what] = content_type
                continue
            content_type = response.headers.get("content-type", "")
            if response.status != 200:
                found.problems.append(f"{where}: HTTP {response.status}")
                continue
            if not _is_html(content_type):
                found.skipped[visit.what] = content_type
                continue
            if role != "anonymous" and page.url.split("?")[0].rstrip("/").endswith(SIGN_IN_PAGES):
                found.problems.append(f"{where}: sent to {page.url}")
                continue
            if page.url in seen:  # a redirect to a page already checked in this context
                continue
            seen.add(page.url)
            found.checked += 1
            found.problems += [f"{where}: {problem}" for problem in _check_page(page, language, english)]
            shot = SCREENSHOT_OF.get((visit.what, role, language))
            if shot:
                page.screenshot(path=str(SCREENSHOTS / shot), full_page=True)
        context.close()
    return found


def _sweep_in_own_browser(*args) -> Sweep:
    """``_sweep`` in a thread of its own: Playwright's sync API wants one instance (and browser) per thread."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _sweep(browser, *args)
        finally:
            browser.close()


def test_every_get_page_is_accessible_in_three_languages(browser, live_server, sweep_world):
    world, visits = sweep_world
    listed = {visit.what for visit in visits}
    assert set(get_pages()) <= listed, f"GET pages of the table not visited: {sorted(set(get_pages()) - listed)}"
    english = _english_interface_strings()
    cookies = {role: _session_cookie(live_server, world.people.user(role))
               for role in {visit.role for visit in visits} if role != "anonymous"}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    # The languages run side by side (the first here, the others in threads with browsers of their own):
    # while one browser waits for the server, another runs axe, which keeps both cores busy.
    first, *others = LANGUAGES
    with ThreadPoolExecutor(max_workers=len(others)) as pool:
        futures = [pool.submit(_sweep_in_own_browser, live_server.url, language, visits, cookies, english)
                   for language in others]
        sweeps = [_sweep(browser, live_server.url, first, visits, cookies, english)]
        sweeps += [future.result() for future in futures]
    seconds = time.monotonic() - started
    problems = [problem for sweep in sweeps for problem in sweep.problems]
    skipped = {name: kind for sweep in sweeps for name, kind in sweep.skipped.items()}
    checked = sum(sweep.checked for sweep in sweeps)
    summary = (f"accessibility sweep: {len(visits)} visits x {len(LANGUAGES)} languages, {checked} HTML pages "
               f"checked in {seconds:.0f} s; skipped as not HTML: {json.dumps(skipped, sort_keys=True)}")
    print(f"\n{summary}")  # noqa: T201
    assert [sweep.visited for sweep in sweeps] == [len(visits)] * len(LANGUAGES), "the sweep lost visits on the way"
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


@pytest.fixture
def demo_portal(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    call_command("rwg_seed")
    call_command("rwg_demo", allow_outside_development=True)
    return settings.MEDIA_ROOT


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
