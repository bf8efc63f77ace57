"""factory_boy factories for the members app's other records (agencies, people, designations: tests/factories.py)."""

import datetime

import factory
from django.utils import timezone

from members.choices import AgencyKind, JoinRequestStatus
from members.models import CoChairPeriod, JoinRequest
from tests.factories import AgencyFactory


class CoChairPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoChairPeriod

    agency = factory.SubFactory(AgencyFactory)
    starts_on = datetime.date(2020, 1, 1)


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    organisation = factory.Sequence(lambda n: f"Migration Research Network {n}")
    acronym = factory.Sequence(lambda n: f"MRN{n}")
    kind = AgencyKind.NGO
    contact_name = "Amal Haddad"
    contact_email = factory.Sequence(lambda n: f"contact{n}@network.example")
    motivation = "We study labour migration in the Gulf and wish to share our data."
    status = JoinRequestStatus.PENDING
    submitted_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=60))
