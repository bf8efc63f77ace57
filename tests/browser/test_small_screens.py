"""Phones: every GET page of the every-URL table at 390 x 844 px, in English and Arabic.

The pages are those of the accessibility sweep (tests/browser/a11y_pages.py, with its world and states).
A page fails when it scrolls sideways (``document.documentElement.scrollWidth`` wider than the viewport:
wide tables must scroll inside their own container or stack), naming the widest element that sticks out,
or when a button, form control or menu link is smaller than 24 x 24 px and too close to another target
(WCAG 2.2's target size, minimum: a 24 px square centred on it must touch no other target). The main menu
must be collapsed behind its toggler and open when the toggler is pressed. Screenshots of the dashboard, a
meeting, an activity and a country page at 390 px go to artifacts/screenshots/ (named in
docs/operations.md) for a person to look at.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.browser.a11y_pages import in_language
from tests.browser.test_accessibility import SCREENSHOTS, _is_html, _session_cookie, sweep_world  # noqa: F401
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LANGUAGES = ("en", "ar")
# (what, role) -> stem of the screenshot kept in artifacts/screenshots/ (with -LANGUAGE.png)
SCREENSHOT_OF = {
    ("home", "secretariat"): "phone-dashboard",
    ("meetings:meeting_detail", "secretariat"): "phone-meeting",
    ("programmes:activity_detail", "focal_point"): "phone-activity",
    ("data_hub:place_detail", "anonymous"): "phone-country",
}

# What sticks out of the viewport: the widest element whose box passes its left or right edge, with the
# width of the page and a short CSS path to find it by.
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll <= width) return null;
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].slice(0, 3).map(c => '.' + c).join('');
    // Inside a container that scrolls or clips (.table-responsive), an element does not widen the page;
    // unless it is positioned absolutely and the container is not its containing block (Bootstrap's
    // .visually-hidden text in a cell of a scrolling table escapes the scroller and widens the page).
    const contained = el => {
        let escapes = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            const style = getComputedStyle(up);
            if ((!escapes || style.position !== 'static') && style.overflowX !== 'visible') return true;
            if (escapes && style.position !== 'static') escapes = ['absolute', 'fixed'].includes(style.position);
        }
        return false;
    };
    let widest = null;
    for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || (box.right <= width + 1 && box.left >= -1) || contained(el)) continue;
        if (!widest || box.width > widest.box.width) widest = {el, box};
    }
    const path = [];
    for (let el = widest && widest.el; el && el !== document.body && path.length < 4; el = el.parentElement) {
        path.unshift(name(el));
    }
    return {scroll, width, element: path.join(' > '),
            element_width: widest ? Math.round(widest.box.width) : null};
}"""

# Targets under 24 x 24 px whose 24 px square, centred on them, touches another target. Links inside
# running text are exempt (WCAG 2.5.8's inline exception), as are hidden controls.
SMALL_TARGETS = """() => {
    const selector = 'button, .btn, select, input:not([type=hidden]), textarea, .nav-link, .page-link, '
        + '.navbar-brand, .navbar-toggler, .dropdown-item, .list-group-item-action, summary';
    const all = [...document.querySelectorAll(selector + ', a[href]')].filter(el => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    });
    const targets = all.filter(el => el.matches(selector));
    const boxes = all.map(el => [el, el.getBoundingClientRect()]);
    const small = [];
    for (const el of targets) {
        const box = el.getBoundingClientRect();
        if (box.width >= 24 && box.height >= 24) continue;
        const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
        const crowded = boxes.some(([other, o]) => other !== el && !other.contains(el) && !el.contains(other)
            && o.left < cx + 12 && o.right > cx - 12 && o.top < cy + 12 && o.bottom > cy - 12);
        if (crowded) {
            small.push(el.tagName.toLowerCase() + [...el.classList].slice(0, 2).map(c => '.' + c).join('')
                + ' "' + (el.innerText || el.value || el.name || '').trim().slice(0, 30) + '" '
                + Math.round(box.width) + 'x' + Math.round(box.height));
        }
    }
    return small.slice(0, 5);
}"""


@dataclass
class Sweep:
    """What one language's visits found."""

    problems: list = field(default_factory=list)
    visited: int = 0
    checked: int = 0


def _check_menu(page) -> list[str]:
    """The main menu is folded behind its toggler at 390 px, and the toggler opens it."""
    toggler = page.locator(".navbar-toggler")
    menu = page.locator("#main-menu")
    if not toggler.is_visible() or menu.is_visible():
        return ["the main menu is not collapsed behind a toggler"]
    toggler.click()
    menu.wait_for(state="visible", timeout=5000)
    return []


def _visit_all(browser, base_url: str, language: str, visits, cookies: dict) -> Sweep:
    """Visit every page at phone size in one language: one browser context per role."""
    found = Sweep()
    for role in dict.fromkeys(visit.role for visit in visits):
        context = browser.new_context(locale={"en": "en-GB", "ar": "ar"}[language], viewport=PHONE,
                                      device_scale_factor=1, is_mobile=True, has_touch=True)
        context.add_cookies([{"name": "django_language", "value": language, "url": base_url}]
                            + ([cookies[role]] if role in cookies else []))
        page = context.new_page()
        page.set_default_timeout(30000)
        seen = set()
        menu_checked = False
        for visit in (v for v in visits if v.role == role):
            where = f"[{language}] {visit.url} ({visit.what}) as {role}"
            found.visited += 1
            try:
                response = page.goto(f"{base_url}{in_language(visit.url, language)}")
            except PlaywrightError:  # a download (CSV, PDF, ICS...): no page to lay out
                continue
            if response.status != 200:
                found.problems.append(f"{where}: HTTP {response.status}")
                continue
            if not _is_html(response.headers.get("content-type", "")) or page.url in seen:
                continue
            seen.add(page.url)
            found.checked += 1
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                found.problems.append(
                    f"{where}: the page is {overflow['scroll']} px wide for {overflow['width']} px; widest "
                    f"element sticking out: {overflow['element']} ({overflow['element_width']} px)")
            small = page.evaluate(SMALL_TARGETS)
            if small:
                found.problems.append(f"{where}: targets under 24 px, crowded: {small}")
            stem = SCREENSHOT_OF.get((visit.what, role))
            if stem:
                page.screenshot(path=str(SCREENSHOTS / f"{stem}-{language}.png"), full_page=True)
            if not menu_checked:
                menu_checked = True
                found.problems += [f"{where}: {problem}" for problem in _check_menu(page)]
        context.close()
    return found


def _visit_all_in_own_browser(*args) -> Sweep:
    """``_visit_all`` in a thread of its own: Playwright's sync API wants one instance per thread."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _visit_all(browser, *args)
        finally:
            browser.close()


def test_every_get_page_fits_a_phone_in_english_and_arabic(browser, live_server, sweep_world):  # noqa: F811
    world, visits = sweep_world
    shots = {what for what, _role in SCREENSHOT_OF}
    assert shots <= {visit.what for visit in visits}, f"screenshots of pages not visited: {shots}"
    cookies = {role: _session_cookie(live_server, world.people.user(role))
               for role in {visit.role for visit in visits} if role != "anonymous"}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    # Arabic in a thread with a browser of its own while English uses the session's: both cores busy.
    with ThreadPoolExecutor(max_workers=1) as pool:
        arabic = pool.submit(_visit_all_in_own_browser, live_server.url, "ar", visits, cookies)
        sweeps = [_visit_all(browser, live_server.url, "en", visits, cookies), arabic.result()]
    seconds = time.monotonic() - started
    checked = sum(sweep.checked for sweep in sweeps)
    print(f"\nsmall screens: {len(visits)} visits x {len(LANGUAGES)} languages, "  # noqa: T201
          f"{checked} HTML pages checked at {PHONE['width']} px in {seconds:.0f} s")
    assert [sweep.visited for sweep in sweeps] == [len(visits)] * len(LANGUAGES), "visits lost on the way"
    problems = [problem for sweep in sweeps for problem in sweep.problems]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
    missing = [f"{stem}-{language}.png" for stem in SCREENSHOT_OF.values() for language in LANGUAGES
               if not (SCREENSHOTS / f"{stem}-{language}.png").exists()]
    assert not missing, f"screenshots not written: {missing}"


def test_main_menu_opens_on_a_phone_without_javascript(browser, live_server):
    """Without JavaScript the toggler is a link to #main-menu, which the style sheet shows as the target."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    menu = page.locator("#main-menu")
    assert not menu.is_visible()
    page.locator(".navbar-toggler").click()
    assert menu.is_visible()
    assert menu.get_by_role("link", name="Sign in").is_visible()
    context.close()
