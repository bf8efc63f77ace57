"""Bulk update: download, edit, upload, preview, apply all or nothing."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes import bulk, services
from programmes.choices import ImportState
from programmes.models import Activity, ActivityImport
from tests.programmes.factories import ActivityFactory, ParticipationFactory

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(client, agency):
    response = client.get(reverse("programmes:bulk_download", args=[agency.pk]))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def upload(client, agency, workbook, name="activities.xlsx"):
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)
    return client.post(reverse("programmes:bulk_upload", args=[agency.pk]), {"file": file})


def column(sheet, name):
    return [c.value for c in sheet[1]].index(name) + 1


@pytest.fixture
def catalogue(people):
    own = ActivityFactory(lead_agency=people.owning, title_en="Own one", countries=["JOR"])
    second = ActivityFactory(lead_agency=people.owning, title_en='=Formula looking', countries=["LBN"])
    joint = ActivityFactory(lead_agency=people.other, title_en="Joint of other")
    ParticipationFactory(activity=joint, agency=people.owning)
    foreign = ActivityFactory(lead_agency=people.other, title_en="Foreign")
    return own, second, joint, foreign


def test_download_lists_the_agency_s_activities_and_joint_programmes(people, client, catalogue):
    own, second, joint, foreign = catalogue
    client.force_login(people.focal_point)
    sheet = download(client, people.owning)["activities"]
    ids = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(ids) == sorted([own.pk, second.pk, joint.pk])
    titles = [row[column(sheet, "title_en") - 1] for row in sheet.iter_rows(min_row=2)]
    formula = next(cell for cell in titles if "Formula" in str(cell.value))
    assert formula.data_type != "f" and formula.value == "'=Formula looking"


def test_round_trip_without_changes_changes_nothing(people, client, catalogue):
    client.force_login(people.focal_point)
    response = upload(client, people.owning, download(client, people.owning))
    job = ActivityImport.objects.get()
    assert response.status_code == 302 and job.state == ImportState.VALIDATED, job.errors
    assert job.changes == []


def test_upload_shows_changes_before_applying_then_applies_them(people, client, catalogue):
    own, second, joint, _foreign = catalogue
    client.force_login(people.focal_point)
    workbook = download(client, people.owning)
    sheet = workbook["activities"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == own.pk:
            row[column(sheet, "title_en") - 1].value = "Own one, renamed"
            row[column(sheet, "countries") - 1].value = "JOR;LBN"
    sheet.append([None, None, "Brand new", "", "", "New summary", "", "", "research", "pipeline", "data", "MAR",
                  "", "17.18", "1", "2026-01-01", "2026-12-31", 1000, "USD", "", "", 0, "", 0, "", ""])
    upload(client, people.owning, workbook)
    job = ActivityImport.objects.get()
    assert job.state == ImportState.VALIDATED, job.errors
    preview = client.get(reverse("programmes:bulk_preview", args=[job.pk])).content.decode()
    assert "Own one, renamed" in preview and "Brand new" in preview
    own.refresh_from_db()
    assert own.title_en == "Own one"  # nothing changed yet
    response = client.post(reverse("programmes:bulk_apply", args=[job.pk]))
    assert response.status_code == 302
    own.refresh_from_db()
    joint.refresh_from_db()
    assert own.title_en == "Own one, renamed" and own.countries == ["JOR", "LBN"]
    assert set(own.tags.filter(dimension="country").values_list("code", flat=True)) == {"JOR", "LBN"}
    assert joint.lead_agency == people.other
    new = Activity.objects.get(title_en="Brand new")
    assert new.lead_agency == people.owning and new.gcm_objectives == [1]
    second.refresh_from_db()
    assert second.title_en == "=Formula looking"  # the apostrophe of the export is not kept
    assert own.history.first().history_change_reason == f"bulk update #{job.pk}"
    job.refresh_from_db()
    assert job.state == ImportState.APPLIED


def test_any_wrong_row_rejects_the_whole_upload_with_row_and_column(people, client, catalogue):
    own, second, _joint, foreign = catalogue
    client.force_login(people.focal_point)
    workbook = download(client, people.owning)
    sheet = workbook["activities"]
    rows = list(sheet.iter_rows(min_row=2))
    rows[0][column(sheet, "title_en") - 1].value = "A valid change"
    rows[1][column(sheet, "countries") - 1].value = "JOR;XYZ"
    rows[1][column(sheet, "starts_on") - 1].value = "not a date"
    sheet.append([foreign.pk] + [c.value for c in rows[0][1:]])
    upload(client, people.owning, workbook)
    job = ActivityImport.objects.get()
    assert job.state == ImportState.FAILED
    messages = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert (3, "P (starts_on)") in messages
    assert any(row == 5 and col == "A (id)" for row, col in messages)
    assert client.post(reverse("programmes:bulk_apply", args=[job.pk])).status_code == 302
    for activity in (own, second, foreign):
        before = activity.title_en
        activity.refresh_from_db()
        assert activity.title_en == before
    page = client.get(reverse("programmes:bulk_preview", args=[job.pk])).content.decode()
    assert "nothing was changed" in page


def test_codes_are_checked_per_row(people, client, catalogue):
    client.force_login(people.focal_point)
    workbook = download(client, people.owning)
    sheet = workbook["activities"]
    row = next(sheet.iter_rows(min_row=2))
    row[column(sheet, "countries") - 1].value = "JOR;XYZ"
    upload(client, people.owning, workbook)
    job = ActivityImport.objects.get()
    assert job.errors == [{"row": 2, "column": "L (countries)", "message": "Unknown codes: XYZ."}]


def test_apply_refuses_when_the_activity_changed_since_the_upload(people, client, catalogue):
    own = catalogue[0]
    client.force_login(people.focal_point)
    workbook = download(client, people.owning)
    sheet = workbook["activities"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == own.pk:
            row[column(sheet, "title_en") - 1].value = "From the sheet"
    upload(client, people.owning, workbook)
    job = ActivityImport.objects.get()
    services.activity_save(activity=Activity.objects.get(pk=own.pk), fields={"title_en": "Meanwhile"},
                           by=people.secretariat)
    client.post(reverse("programmes:bulk_apply", args=[job.pk]))
    own.refresh_from_db()
    assert own.title_en == "Meanwhile"
    job.refresh_from_db()
    assert job.state == ImportState.VALIDATED


def test_uploads_that_are_not_sheets_are_refused(people, client, settings):
    client.force_login(people.focal_point)
    url = reverse("programmes:bulk_upload", args=[people.owning.pk])
    response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", b"not a zip file", content_type=XLSX)})
    assert "not an Excel" in response.content.decode()
    settings.RWG_MAX_UPLOAD_BYTES = 10
    response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", b"PK\x03\x04" + b"x" * 20, content_type=XLSX)})
    assert "larger than" in response.content.decode()
    assert not ActivityImport.objects.exists()


def test_missing_columns_are_reported(people):
    workbook = openpyxl.Workbook()
    workbook.active.append(["id", "title_en"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    result = bulk.validate_upload(buffer, agency=people.owning, editable_ids=set())
    assert "Missing columns" in result.errors[0]["message"]


def test_another_agency_s_upload_page_is_refused(people, client):
    client.force_login(people.other_focal_point)
    assert client.get(reverse("programmes:bulk_upload", args=[people.owning.pk])).status_code == 403


def test_dates_typed_as_excel_dates_are_accepted(people, client, catalogue):
    own = catalogue[0]
    client.force_login(people.focal_point)
    workbook = download(client, people.owning)
    sheet = workbook["activities"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == own.pk:
            row[column(sheet, "ends_on") - 1].value = datetime.datetime(2027, 6, 30)
    upload(client, people.owning, workbook)
    job = ActivityImport.objects.get()
    assert job.state == ImportState.VALIDATED, job.errors
    assert job.changes[0]["fields"] == {"ends_on": ["2026-12-31", "2027-06-30"]}


def test_a_partner_cannot_change_a_joint_programme_through_the_sheet(people, client, catalogue):
    _own, _second, joint, _foreign = catalogue
    client.force_login(people.focal_point)  # owning agency is only a partner of ``joint``
    workbook = download(client, people.owning)
    sheet = workbook["activities"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == joint.pk:
            row[column(sheet, "status") - 1].value = "completed"
            row[column(sheet, "budget") - 1].value = 5000000
    upload(client, people.owning, workbook)
    job = ActivityImport.objects.get()
    assert job.state == ImportState.FAILED
    assert any("lead agency" in e["message"] for e in job.errors), job.errors
    joint.refresh_from_db()
    assert joint.status == "ongoing" and joint.budget is None


def test_a_joint_programme_change_is_refused_at_apply_time_too(people, catalogue):
    """A sheet validated while the agency led the programme is refused once it no longer does."""
    from django.core.exceptions import ValidationError

    own, *_rest = catalogue
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "activities"
    sheet.append(bulk.COLUMNS)
    sheet.append([bulk._cell(own, name) for name in bulk.COLUMNS])
    sheet.cell(row=2, column=column(sheet, "title_en")).value = "Renamed"
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = services.activity_import_upload(agency=people.owning, by=people.focal_point,
                                          upload=SimpleUploadedFile("a.xlsx", buffer.getvalue(), content_type=XLSX))
    assert job.state == ImportState.VALIDATED, job.errors
    Activity.objects.filter(pk=own.pk).update(lead_agency=people.other)
    ParticipationFactory(activity=own, agency=people.owning)
    with pytest.raises(ValidationError):
        services.activity_import_apply(job=job, by=people.focal_point)
    own.refresh_from_db()
    assert own.title_en == "Own one"


def test_an_uploaded_sheet_is_stored_under_a_generated_name(people, catalogue, settings, tmp_path):
    import re

    settings.MEDIA_ROOT = tmp_path
    workbook = openpyxl.Workbook()
    workbook.active.title = "activities"
    workbook.active.append(bulk.COLUMNS)
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = services.activity_import_upload(agency=people.owning, by=people.focal_point, upload=SimpleUploadedFile(
        "..\\..\\evil name.xlsx", buffer.getvalue(), content_type=XLSX))
    assert re.fullmatch(rf"programmes/imports/{people.owning.pk}/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.xlsx", job.file.name)
    assert job.original_name == "evil name.xlsx"
