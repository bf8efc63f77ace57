import datetime

import pytest

from data_hub.stats import releases_added
from tests.data_hub.factories import ReleaseFactory

pytestmark = pytest.mark.django_db


def test_releases_added_counts_imports_by_calendar_year_in_utc():
    ReleaseFactory(imported_at=datetime.datetime(2024, 12, 31, 23, 30, tzinfo=datetime.UTC), is_current=False)
    ReleaseFactory(imported_at=datetime.datetime(2025, 1, 1, 0, 30, tzinfo=datetime.UTC), is_current=False)
    ReleaseFactory(imported_at=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC), is_current=False)
    assert releases_added(2024) == 1
    assert releases_added(2025) == 2
    assert releases_added(2026) == 0
