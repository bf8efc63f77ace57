import pytest
from django.core.management import CommandError, call_command

from data_hub.models import Observation, Release
from tests.data_hub.factories import undesa_2019_layout, write_xlsx

pytestmark = pytest.mark.django_db


def test_dry_run_previews_and_writes_nothing(tmp_path, capsys):
    path = write_xlsx(tmp_path / "s.xlsx", {"Table 1": undesa_2019_layout()})
    call_command("rwg_import", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "To add / replace / unchanged / remove: 27 / 0 / 0 / 0" in out
    assert "Dry run: nothing was written" in out
    assert not Release.objects.exists()


def test_import_then_again_changes_nothing(tmp_path, capsys, people):
    path = write_xlsx(tmp_path / "s.xlsx", {"Table 1": undesa_2019_layout()})
    call_command("rwg_import", str(path), "--user", people.secretariat.email)
    assert "Imported into release" in capsys.readouterr().out
    release = Release.objects.get()
    assert release.imported_by == people.secretariat and release.is_current
    call_command("rwg_import", str(path))
    assert "Nothing changed" in capsys.readouterr().out
    assert Observation.objects.count() == 27


def test_a_bad_file_fails_with_its_problems(tmp_path, capsys):
    rows = [("Jordan", 400, "B", [10, 20, 30], [6, 11, 16], [4, 9, 99])]
    path = write_xlsx(tmp_path / "bad.xlsx", {"Table 1": undesa_2019_layout(rows)})
    with pytest.raises(CommandError, match="1 problem"):
        call_command("rwg_import", str(path))
    assert "Problem: Table 1, row 7, column H: Male (16) plus female (99)" in capsys.readouterr().out
    assert not Release.objects.exists()


def test_an_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("nope")
    with pytest.raises(CommandError, match="not a readable Excel workbook"):
        call_command("rwg_import", str(path))


def test_a_command_line_import_is_listed_with_the_uploads(tmp_path, capsys, people, client):
    """The imports page lists releases loaded with rwg_import too (issue 19)."""
    from django.urls import reverse

    from data_hub.models import ImportJob

    path = write_xlsx(tmp_path / "cli.xlsx", {"Table 1": undesa_2019_layout()})
    call_command("rwg_import", str(path), "--dry-run")
    assert not ImportJob.objects.exists()  # a dry run writes nothing, not even a job
    call_command("rwg_import", str(path), "--user", people.secretariat.email)
    job = ImportJob.objects.get()
    assert (job.state, job.release, job.created_by, job.original_name) == (
        "done", Release.objects.get(), people.secretariat, "cli.xlsx")
    assert len(job.preview["sample"]) == 8
    call_command("rwg_import", str(path))  # the same file again: nothing written, no second row
    assert ImportJob.objects.count() == 1
    client.force_login(people.secretariat)
    page = client.get(reverse("data_hub:import_list")).content.decode()
    assert "cli.xlsx" in page and "command line" in page
    detail = client.get(reverse("data_hub:import_detail", args=[job.pk])).content.decode()
    assert "A sample of the figures as they will be stored" in detail
