"""The contract the reports app relies on: programmes.stats."""

import datetime

import pytest

from programmes import stats
from programmes.choices import PracticeStatus
from tests.programmes.factories import ActivityFactory, GoodPracticeFactory, ParticipationFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_activity_counts(people):
    ActivityFactory(starts_on=D(2025, 3, 1), ends_on=D(2025, 9, 1))                 # started, ongoing 2025
    ActivityFactory(starts_on=D(2023, 1, 1), ends_on=None)                          # ongoing (open-ended)
    ActivityFactory(starts_on=D(2023, 1, 1), ends_on=D(2025, 1, 1))                 # ongoing on 1 January
    ActivityFactory(starts_on=D(2023, 1, 1), ends_on=D(2024, 12, 31))               # ended before 2025
    ActivityFactory(starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31))               # starts after 2025
    ActivityFactory(starts_on=D(2025, 5, 1), ends_on=D(2025, 6, 1), status="cancelled")  # never counts
    joint = ActivityFactory(starts_on=D(2025, 12, 31), ends_on=D(2027, 1, 1))       # joint, started 2025
    ParticipationFactory(activity=joint)
    old_joint = ActivityFactory(starts_on=D(2020, 1, 1), ends_on=D(2025, 6, 30))    # joint, ongoing 2025
    ParticipationFactory(activity=old_joint)
    assert stats.activity_counts(2025) == {"started": 2, "ongoing": 5, "joint_started": 1, "joint_ongoing": 2}
    assert stats.activity_counts(1999) == {"started": 0, "ongoing": 0, "joint_started": 0, "joint_ongoing": 0}


def test_good_practices_published_counts_by_publication_year_in_utc():
    GoodPracticeFactory(status=PracticeStatus.PUBLISHED,
                        published_at=datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC))
    GoodPracticeFactory(status=PracticeStatus.PUBLISHED,
                        published_at=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=datetime.UTC))
    GoodPracticeFactory(status=PracticeStatus.SUBMITTED)
    GoodPracticeFactory(status=PracticeStatus.RETURNED, published_at=None)
    assert stats.good_practices_published(2025) == 1
    assert stats.good_practices_published(2026) == 1
