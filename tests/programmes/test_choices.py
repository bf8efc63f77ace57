import datetime

from programmes.choices import ActivityStatus, status_for_dates

TODAY = datetime.date(2028, 2, 29)
DAY = datetime.timedelta(days=1)


def test_the_status_a_new_activitys_dates_imply():
    assert status_for_dates(TODAY + DAY, None, TODAY) == ActivityStatus.PIPELINE
    assert status_for_dates(TODAY, TODAY, TODAY) == ActivityStatus.ONGOING
    assert status_for_dates(TODAY - 9 * DAY, TODAY + DAY, TODAY) == ActivityStatus.ONGOING
    assert status_for_dates(TODAY - 9 * DAY, None, TODAY) == ActivityStatus.ONGOING
    assert status_for_dates(TODAY - 9 * DAY, TODAY - DAY, TODAY) == ActivityStatus.COMPLETED
