"""Figures the reports app reads (a stable contract: change only with the reports app).

``activity_counts(year)`` returns a dict with four integer keys:

- ``started``: activities whose start date falls in ``year``;
- ``ongoing``: activities active at any time in ``year`` (started on or before 31 December and
  not ended before 1 January; an activity without an end date is still active);
- ``joint_started`` and ``joint_ongoing``: the same, counting only joint programmes (activities
  with at least one participating agency besides the lead).

Cancelled activities never count. ``good_practices_published(year)`` counts the good practices
currently published whose publication date falls in ``year`` (UTC).
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q

from programmes.choices import ActivityStatus, PracticeStatus
from programmes.models import Activity, GoodPractice, Participation


def activity_counts(year: int) -> dict:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    activities = Activity.objects.exclude(status=ActivityStatus.CANCELLED).annotate(
        joint=Exists(Participation.objects.filter(activity=OuterRef("pk")))
    )
    started = Q(starts_on__gte=first, starts_on__lte=last)
    ongoing = Q(starts_on__lte=last) & (Q(ends_on__isnull=True) | Q(ends_on__gte=first))
    counts = activities.aggregate(
        started=Count("pk", filter=started),
        ongoing=Count("pk", filter=ongoing),
        joint_started=Count("pk", filter=started & Q(joint=True)),
        joint_ongoing=Count("pk", filter=ongoing & Q(joint=True)),
    )
    return {key: int(value or 0) for key, value in counts.items()}


def good_practices_published(year: int) -> int:
    start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC)
    return GoodPractice.objects.filter(
        status=PracticeStatus.PUBLISHED, published_at__gte=start, published_at__lt=end
    ).count()
