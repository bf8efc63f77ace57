import hashlib

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client

from rwg_portal.backup import backup, file_checksums, restore, table_counts

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "meetings").mkdir(parents=True)
    (settings.MEDIA_ROOT / "meetings" / "agenda.pdf").write_bytes(b"%PDF-1.7 demo agenda")
    return settings.MEDIA_ROOT


def _empty_the_database():
    """Leave the database as a new one would be: no tables at all."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    else:
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names():
                cursor.execute(f'DROP TABLE "{table}"')


def test_backup_then_restore_into_an_empty_portal(tmp_path, media_root):
    call_command("rwg_seed")
    call_command("rwg_demo", allow_outside_development=True)
    before_counts = table_counts()
    before_files = file_checksums(media_root)
    archive = tmp_path / "backup.tar.gz"
    manifest = backup(archive)
    assert manifest["tables"] == before_counts and sum(before_counts.values()) > 20

    _empty_the_database()
    import shutil

    shutil.rmtree(media_root)
    assert connection.introspection.table_names() == []

    restore(archive)
    assert table_counts() == before_counts
    assert file_checksums(media_root) == before_files
    assert hashlib.sha256((media_root / "meetings" / "agenda.pdf").read_bytes()).hexdigest() == \
        before_files["meetings/agenda.pdf"]

    from members.models import User

    client = Client()
    client.force_login(User.objects.get(email="focal.iom@demo.rwg-portal.org"))
    for url in ("/", "/members/agencies/"):
        assert client.get(url).status_code == 200, url


def test_restore_refuses_a_backup_that_does_not_match(tmp_path, media_root):
    from rwg_portal.backup import BackupError

    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    # Tamper with the manifest inside the archive: the restore must say so.
    import json
    import tarfile

    extracted = tmp_path / "x"
    with tarfile.open(archive) as tar:
        tar.extractall(extracted, filter="data")
    manifest = json.loads((extracted / "manifest.json").read_text())
    manifest["files"]["meetings/agenda.pdf"] = "0" * 64
    (extracted / "manifest.json").write_text(json.dumps(manifest))
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as tar:
        for name in ("database.dump", "manifest.json", "files"):
            tar.add(extracted / name, name)
    with pytest.raises(BackupError, match="agenda.pdf"):
        restore(tampered)
    assert settings.MEDIA_ROOT.exists()
