"""factory_boy factories of the meetings app."""

import datetime
import zoneinfo

import factory
from django.utils import timezone

from meetings.choices import ActionItemStatus, MeetingCity, MeetingKind, MeetingMode, MeetingStatus, Representation
from meetings.models import ActionItem, AgendaItem, Attendance, Decision, Invitation, Meeting
from tests.factories import AgencyFactory, UserFactory

BEIRUT = zoneinfo.ZoneInfo("Asia/Beirut")


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting in Beirut two weeks from now; ``number`` is unique across the tests' years."""

    class Meta:
        model = Meeting

    starts_at = factory.LazyFunction(lambda: (timezone.now() + datetime.timedelta(days=14)).replace(
        minute=0, second=0, microsecond=0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    year = factory.LazyAttribute(lambda o: o.starts_at.astimezone(BEIRUT).year)
    number = factory.Sequence(lambda n: 1000 + n)  # clear of the numbers the services give
    kind = MeetingKind.REGULAR
    time_zone = "Asia/Beirut"
    mode = MeetingMode.IN_PERSON
    city = MeetingCity.BEIRUT
    venue = "UN House"
    status = MeetingStatus.PLANNED


class HeldMeetingFactory(MeetingFactory):
    starts_at = factory.LazyFunction(lambda: (timezone.now() - datetime.timedelta(days=7)).replace(
        minute=0, second=0, microsecond=0))
    status = MeetingStatus.HELD


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Agenda item {n}")
    duration_minutes = 30
    presenting_agency = factory.SubFactory(AgencyFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(HeldMeetingFactory)
    agency = factory.SubFactory(AgencyFactory)
    representation = Representation.FOCAL_POINT


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(HeldMeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    text_en = factory.Sequence(lambda n: f"Decision text {n}")

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # ``text="..."``: the text in the decision's language (English unless ``language`` says otherwise).
        if "text" in kwargs:
            kwargs[f"text_{kwargs.get('language', 'en')}"] = kwargs.pop("text")
            if kwargs.get("language", "en") != "en":
                kwargs.setdefault("text_en", "")
        return kwargs


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(HeldMeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner_agency = factory.SubFactory(AgencyFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = ActionItemStatus.OPEN
