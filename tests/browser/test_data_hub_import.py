"""In chromium: the secretariat imports the real 2019 workbook through the page, watches the progress,
and opens the Arab region's chart, which shows both sexes, male and female."""


import pytest

from data_hub.seeding import ensure_reference_data
from tests.browser.helpers import sign_in
from tests.people import make_people

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_imports_the_workbook_and_opens_the_arab_region_chart(
        browser, live_server, celery_worker, undesa_dir):
    ensure_reference_data()  # transactional tests flush the migration's data
    people = make_people()
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30000)
    sign_in(page, live_server, people.secretariat.email, totp=True)

    page.goto(f"{live_server.url}/data/imports/")
    page.get_by_role("link", name="Import a file").click()
    page.get_by_label("File").set_input_files(str(undesa_dir / "UN_MigrantStockTotal_2019.xlsx"))
    page.get_by_role("button", name="Upload and preview").click()

    # The page follows the job (htmx polls its status part): a progress bar while the worker reads the file,
    # then the preview, without reloading the page.
    status = page.locator("#import-status [role=status]")
    first = status.inner_text()
    if "Preview ready" not in first:
        assert "Waiting" in first or "Running" in first
        assert page.locator("progress#import-progress").count() == 1
    page.locator("#import-status", has_text="Preview ready").wait_for()
    assert page.get_by_text("POP/DB/MIG/Stock/Rev.2019").first.is_visible()
    assert page.locator("dt:has-text('Figures to add') + dd").inner_text() == "16,827"
    page.get_by_role("button", name="Import these figures").click()
    page.locator("#import-status", has_text="The figures are in the data hub.").wait_for()

    page.get_by_role("link", name="Explore the Arab region's figures").click()
    chart = page.locator("figure svg.rwg-chart:not(.rwg-map)")  # the line chart; the map has its own test
    chart.wait_for()
    legend = chart.locator("text").all_text_contents()
    assert {"Both sexes", "Male", "Female"} <= set(legend)
    table = page.get_by_role("table").first
    assert table.get_by_role("columnheader", name="Female").is_visible()
    row_2019 = table.get_by_role("row").filter(has_text="2019")
    assert "40,390,791" in row_2019.inner_text() and "13,338,415" in row_2019.inner_text()
    context.close()
