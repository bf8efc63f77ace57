"""In chromium: a focal point shares a public study with its PDF; an anonymous visitor finds it in the public
library (by a filter, and through the portal's search by a word of the PDF once the worker has read it)
and downloads it; the download is counted. The public library in Arabic at phone width is kept in
artifacts/ for people to look at."""

import re
import time
from pathlib import Path

import pytest
from django.conf import settings

from reports.models import LibraryItem
from tests.browser.helpers import signed_in_page
from tests.meetings.files import pdf_bytes
from tests.people import make_people

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"


@pytest.fixture(autouse=True)
def _remove_uploaded_files():
    """The live server stores the upload under the real MEDIA_ROOT: remove it."""
    yield
    for item in LibraryItem.objects.exclude(file=""):
        Path(item.file.path).unlink(missing_ok=True)


def test_a_focal_point_shares_a_study_that_a_visitor_finds_and_downloads(browser, live_server, celery_worker, tmp_path):
    people = make_people()
    pdf = tmp_path / "kafala-study.pdf"
    pdf.write_bytes(pdf_bytes("Quokkasponsorship reform in Jordan"))

    context, page = signed_in_page(browser, live_server, people.focal_point.email)
    page.get_by_role("link", name="Library", exact=True).click()
    page.get_by_role("link", name="Share a study or report").click()
    page.get_by_role("combobox", name="Type", exact=True).select_option("study")
    # The title and abstract have an input per language, grouped under their legend (rwg_portal/translated.py).
    page.get_by_role("group", name="Title", exact=True).get_by_label("English").fill(
        "Sponsorship reform and migrant workers in Jordan")
    page.get_by_role("group", name="Title", exact=True).get_by_label("Arabic").fill("إصلاح نظام الكفالة في الأردن")
    page.get_by_role("spinbutton", name="Year of publication").fill("2025")
    page.get_by_role("group", name="Abstract", exact=True).get_by_label("English").fill(
        "How sponsorship changed for migrants.")
    page.get_by_label("Jordan", exact=True).check()
    page.get_by_label("6. Facilitate fair and ethical recruitment and safeguard decent work").check()
    page.get_by_label("Public", exact=True).check()
    # A first try without a file: a clear message, nothing saved.
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Upload a file or give a link to the document.").wait_for()
    assert not LibraryItem.objects.exists()
    page.get_by_label(re.compile(r"^File")).set_input_files(str(pdf))
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The library item was saved.").wait_for()
    item = LibraryItem.objects.get()
    assert item.agency == people.owning and item.is_public and item.original_name == "kafala-study.pdf"
    context.close()

    # An anonymous visitor finds it in the public library by country, and downloads it.
    visitor = browser.new_context(locale="en-GB", accept_downloads=True)
    page = visitor.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/en/publications/")
    page.get_by_role("link", name="Browse the library").click()
    page.get_by_label("Country", exact=True).select_option("JOR")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Sponsorship reform and migrant workers in Jordan").click()
    page.get_by_text("Cite this").wait_for()
    assert f"/en/library/{item.pk}/" in page.locator(".citation").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download").click()
    download = download_info.value
    assert download.suggested_filename == "kafala-study.pdf"
    saved = tmp_path / "downloaded.pdf"
    download.save_as(saved)
    assert saved.read_bytes() == pdf.read_bytes()
    page.reload()
    page.get_by_text("Downloaded 1 time").wait_for()

    # The worker reads the PDF's text; the portal's search then finds the study by a word only in the file.
    deadline = time.monotonic() + 60
    while "Quokkasponsorship" not in LibraryItem.objects.get().text and time.monotonic() < deadline:
        time.sleep(0.5)
    page.goto(f"{live_server.url}/search/?q=quokkasponsorship")
    page.get_by_role("link", name="Sponsorship reform and migrant workers in Jordan").wait_for()

    # The public library in Arabic at phone width, for people to look at.
    arabic = browser.new_context(locale="ar", viewport={"width": 390, "height": 844})
    phone = arabic.new_page()
    phone.goto(f"{live_server.url}/ar/library/")
    assert phone.locator("html").get_attribute("dir") == "rtl"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    # The Arabic reader sees the Arabic title; the abstract, written in English only, is marked as such.
    phone.get_by_role("link", name="إصلاح نظام الكفالة في الأردن").click()
    assert phone.locator("h1 span[lang=ar]").get_attribute("dir") == "rtl"
    phone.get_by_text("(معروض بالإنجليزية)").first.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "library-ar-phone.png"), full_page=True)
    arabic.close()
    visitor.close()
