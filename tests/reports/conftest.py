"""Fixtures of the reports tests."""

import pytest


@pytest.fixture
def media(settings, tmp_path):
    """Generated files go to a temporary folder, removed after the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT
