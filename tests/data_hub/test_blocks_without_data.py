"""Blocks when the data they name is gone or was never imported (no real files in this module)."""

import pytest

from data_hub import services
from data_hub.blocks import BlockError, resolve
from data_hub.models import Release

pytestmark = pytest.mark.django_db


def test_a_deleted_release_is_reported(people, tmp_path):
    from tests.data_hub.factories import undesa_2019_layout, write_xlsx

    path = write_xlsx(tmp_path / "s.xlsx", {"Table 1": undesa_2019_layout()})
    release = services.import_file(path=path, name="s.xlsx", commit=True, user=people.secretariat).release
    pk = release.pk
    assert resolve({"kind": "stock_by_sex", "place": "JOR", "release": pk}).rows
    services.release_delete(release=release, user=people.secretariat)
    assert not Release.objects.filter(pk=pk).exists()
    with pytest.raises(BlockError, match="does not exist"):
        resolve({"kind": "stock_by_sex", "place": "JOR", "release": pk})


def test_no_release_at_all_is_reported():
    with pytest.raises(BlockError, match="No published release holds"):
        resolve({"kind": "stock_by_sex", "place": "ARAB"})


def test_a_block_never_resolves_an_unpublished_release(people, tmp_path):
    """Security 15.2: a report is public; a data block naming an unpublished release (or one withdrawn since)
    is refused with a message, and a block without ``release`` never falls back on an unpublished one."""
    from tests.data_hub.factories import undesa_2019_layout, write_xlsx

    path = write_xlsx(tmp_path / "s.xlsx", {"Table 1": undesa_2019_layout()})
    release = services.import_file(path=path, name="s.xlsx", commit=True, user=people.secretariat).release
    assert resolve({"kind": "stock_by_sex", "place": "JOR"}).release_id == release.pk
    services.release_set_published(release=release, published=False, user=people.secretariat)
    with pytest.raises(BlockError, match="is not published"):
        resolve({"kind": "stock_by_sex", "place": "JOR", "release": release.pk})
    with pytest.raises(BlockError, match="No published release holds"):
        resolve({"kind": "stock_by_sex", "place": "JOR"})
