import pytest

from data_hub import demo
from data_hub.models import Release

pytestmark = pytest.mark.django_db


def test_the_demo_imports_the_real_workbook_once_and_labels_it(undesa_dir, monkeypatch):
    monkeypatch.setattr(demo, "FILES", demo.FILES[:1])
    demo.load()
    demo.load()
    release = Release.objects.get()
    assert "(imported by the demo)" in release.title
    assert release.history.count() == 2  # created, then its summary recorded; the second run changed nothing


def test_the_demo_says_when_the_files_are_absent(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(demo, "UNDESA_DIR", tmp_path / "absent")
    demo.load()
    assert "the UN DESA files are not at" in caplog.text
    assert not Release.objects.exists()
