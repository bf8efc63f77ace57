"""The factories make records the models accept, whatever the moment: no year past 2100 or before 1950.

A factory once numbered report years past 2100 after enough tests, and made a test fail between
22:00 and 24:00 UTC; these run at every moment CI tries (marked dates).
"""

import datetime

import factory
import pytest

from data_hub.models import Indicator, Place
from data_hub.seeding import ensure_reference_data
from tests import factories as shared_factories
from tests.data_hub import factories as data_hub_factories
from tests.meetings import factories as meetings_factories
from tests.members import factories as members_factories
from tests.programmes import factories as programmes_factories
from tests.reports import factories as reports_factories

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

FIRST_YEAR, LAST_YEAR = 1950, 2100
MODULES = [shared_factories, data_hub_factories, meetings_factories, members_factories, programmes_factories,
           reports_factories]
FACTORIES = sorted({value for module in MODULES for value in vars(module).values()
                    if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory)
                    and value._meta.model is not None}, key=lambda cls: cls.__name__)


def _needs(factory_class) -> dict:
    """What a factory needs that it does not make itself (reference data seeded by the portal)."""
    if factory_class is data_hub_factories.ObservationFactory:
        ensure_reference_data()
        return {"indicator": Indicator.objects.order_by("pk").first(), "place": Place.objects.get(code="JOR")}
    return {}


def _years(instance):
    """(field, year) for every date, date-time and year field of a record."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, datetime.date):  # datetimes too
            yield field.name, value.year
        elif field.name.endswith("year") and isinstance(value, int):
            yield field.name, value


@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda cls: cls.__name__)
def test_a_factory_makes_valid_years_at_any_moment(factory_class):
    for instance in factory_class.create_batch(3, **_needs(factory_class)):
        for name, year in _years(instance):
            assert FIRST_YEAR <= year <= LAST_YEAR, f"{factory_class.__name__}.{name} = {year}"
        # The models' own validators (e.g. a report's year from 2013 to 2100).
        instance.full_clean(validate_unique=False, validate_constraints=False)


@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda cls: cls.__name__)
def test_a_factorys_numbered_years_stay_within_limits_however_many_tests_run(factory_class):
    for name, declaration in factory_class._meta.declarations.items():
        if name.endswith("year") and isinstance(declaration, factory.Sequence):
            years = {declaration.function(n) for n in range(5000)}
            assert min(years) >= FIRST_YEAR and max(years) <= LAST_YEAR, (name, min(years), max(years))
