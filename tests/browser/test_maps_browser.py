"""In chromium, as an anonymous visitor in English and in Arabic: the Arab region's map on its group page,
a country's corridors on world maps, and the explorer's map; no horizontal scroll on a phone; screenshots
in artifacts/ for people to look at."""

from pathlib import Path

import pytest
from django.conf import settings

from data_hub.seeding import ensure_reference_data
from tests.browser.test_accessibility import AXE, _check_page, _english_interface_strings
from tests.data_hub.factories import map_figures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"


@pytest.mark.parametrize("language,locale,members_heading", [
    ("en", "en-GB", "Member countries on the map"),
    ("ar", "ar", "البلدان الأعضاء على الخريطة"),
])
def test_an_anonymous_visitor_sees_the_maps(browser, live_server, language, locale, members_heading):
    ensure_reference_data()  # transactional tests flush the migration's data
    map_figures()
    ARTIFACTS.mkdir(exist_ok=True)
    # axe is injected, as in the accessibility sweep: only the test browser skips the CSP.
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.add_init_script(path=str(AXE))
    english = _english_interface_strings()
    page = context.new_page()
    page.set_default_timeout(30000)
    page.goto(f"{live_server.url}/data/places/ARAB/")  # the language: the browser's
    assert page.locator("html").get_attribute("lang") == language
    section = page.locator("section.data-map", has=page.get_by_role("heading", name=members_heading))
    section.wait_for()
    svg = section.locator("svg[role=img]")
    assert svg.locator("path[data-m49]").count() == 22
    assert svg.locator("circle[data-m49='48']").count() == 1  # Bahrain's marker
    assert section.get_by_role("table").locator("tbody tr").count() == 22
    section.scroll_into_view_if_needed()
    section.screenshot(path=str(ARTIFACTS / f"map-arab-region-{language}.png"))
    if language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert svg.locator("text[direction=rtl]").count() >= 5
    assert _check_page(page, language, english) == []

    page.goto(f"{live_server.url}/data/places/EGY/")
    emigrants = page.locator("section.data-map").first
    emigrants.wait_for()
    assert emigrants.get_by_role("table").locator("tbody tr").count() == 10
    emigrants.screenshot(path=str(ARTIFACTS / f"map-egypt-emigrants-{language}.png"))
    assert _check_page(page, language, english) == []

    page.goto(f"{live_server.url}/data/?indicator=migrant_stock&places=GCC&places=JOR&years=2019&sexes=F")
    explorer = page.locator("section.data-map")
    explorer.wait_for()
    assert explorer.locator("svg path[data-m49]").count() == 7
    explorer.screenshot(path=str(ARTIFACTS / f"map-explorer-{language}.png"))
    assert _check_page(page, language, english) == []

    # On a phone (390 px): the map shrinks to the screen, nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = page.locator("section.data-map svg").first.bounding_box()
    assert box["width"] <= 390
    context.close()
