"""factory_boy factories for the members app; other apps keep theirs in tests/<app>/factories.py."""

import datetime

import factory

from members.choices import AgencyKind, DesignationRole, Membership, OfficeCity, Role
from members.models import Agency, Designation, User


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("acronym",)

    acronym = factory.Sequence(lambda n: f"AG{n}")
    name_en = factory.LazyAttribute(lambda o: f"{o.acronym} agency")
    kind = AgencyKind.UN_ENTITY
    membership = Membership.CORE
    office_city = OfficeCity.BEIRUT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.NONE
    password = factory.django.Password("correct horse battery staple")


class DesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Designation

    agency = factory.SubFactory(AgencyFactory)
    person = factory.SubFactory(UserFactory, role=Role.MEMBER)
    role = DesignationRole.FOCAL_POINT
    starts_on = datetime.date(2024, 1, 1)
