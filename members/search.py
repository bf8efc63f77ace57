"""What the portal-wide search finds in the members app: agencies (people with a portal role, as the
directory) and people (the secretariat only, as the people pages)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members import selectors
from members.models import Agency, User
from rwg_portal.registry import SearchEntry, SearchSource, register_search


def _agency(agency: Agency) -> SearchEntry:
    texts = {language: (getattr(agency, f"name_{language}"), "") for language in ("en", "fr", "ar")}
    texts["en"] = (f"{agency.name_en} ({agency.acronym})", agency.address)
    return SearchEntry(url=reverse("members:agency_detail", args=[agency.pk]), texts=texts,
                       facets={"agency": [agency.acronym]})


def _person(person: User) -> SearchEntry:
    name = " ".join(filter(None, [person.first_name, person.last_name])) or person.email
    return SearchEntry(url=reverse("members:person_detail", args=[person.pk]),
                       texts={"": (name, person.email)},
                       facets={"agency": [person.agency.acronym] if person.agency_id else []})


def _agencies(user):
    return Agency.objects.filter(pk__in=selectors.agency_list_for_user(user).values("pk"))


def _people(user):
    try:
        return selectors.people_list_for_user(user)
    except PermissionDenied:
        return User.objects.none()


def register() -> None:
    register_search(SearchSource(key="members.agency", label=_("Agencies"), model=Agency, visible=_agencies,
                                 entry=_agency, order=70))
    register_search(SearchSource(key="members.person", label=_("People"), model=User, visible=_people,
                                 entry=_person, order=71))
