"""factory_boy factories for the programmes app."""

import datetime

import factory

from programmes.choices import ActivityKind, ActivityStatus, PracticeStatus
from programmes.models import Activity, ActivityTag, GoodPractice, GoodPracticePlace, Participation, PriorityArea
from rwg_portal.reference import Theme
from tests.factories import AgencyFactory


class ActivityFactory(factory.django.DjangoModelFactory):
    """An activity with its derived country/theme index, as the services would save it."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    lead_agency = factory.SubFactory(AgencyFactory)
    title_en = factory.Sequence(lambda n: f"Activity {n}")
    summary_en = "What the activity does."
    kind = ActivityKind.TECHNICAL
    themes = factory.LazyFunction(lambda: [Theme.LABOUR])
    countries = factory.LazyFunction(lambda: ["JOR"])
    starts_on = datetime.date(2025, 1, 1)
    ends_on = datetime.date(2026, 12, 31)
    status = ActivityStatus.ONGOING

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):
        if create:
            ActivityTag.objects.bulk_create(
                [ActivityTag(activity=obj, dimension="country", code=c) for c in obj.countries]
                + [ActivityTag(activity=obj, dimension="theme", code=t) for t in obj.themes]
            )


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    activity = factory.SubFactory(ActivityFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = "partner"


class PriorityAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityArea

    title_en = factory.Sequence(lambda n: f"Priority {n}")
    place = "JOR"
    theme = Theme.LABOUR
    source = "cairo_2013"


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    title_en = factory.Sequence(lambda n: f"Practice {n}")
    countries = factory.LazyFunction(lambda: ["JOR"])
    theme = Theme.LABOUR
    practice_en = "The practice."
    evidence_en = "The evidence."
    lessons_en = "The lessons."
    replication_en = "The conditions."
    status = PracticeStatus.DRAFT

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # ``practice="..."`` and the like: the text in the practice's language (English unless ``language`` says).
        language = kwargs.get("language", "en")
        for name in ("title", "practice", "evidence", "lessons", "replication"):
            if name in kwargs:
                kwargs[f"{name}_{language}"] = kwargs.pop(name)
        return kwargs

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):
        if create:
            GoodPracticePlace.objects.bulk_create([GoodPracticePlace(practice=obj, code=c) for c in obj.countries])
