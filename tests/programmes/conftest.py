import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads (documents, bulk-update sheets) go to a temporary folder, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
