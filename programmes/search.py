"""What the portal-wide search finds in the programmes app: activities and joint programmes (people with
a portal role), good practices (published ones for everyone, drafts for their agency and the secretariat)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from programmes import permissions, selectors
from programmes.models import Activity, GoodPractice, Participation
from rwg_portal import reference
from rwg_portal.registry import SearchEntry, SearchSource, register_facet_labels, register_search
from rwg_portal.translated import search_texts

LANGUAGES = ("en", "fr", "ar")


def _activity(activity: Activity) -> SearchEntry:
    agencies = [activity.lead_agency.acronym,
                *Participation.objects.filter(activity=activity).values_list("agency__acronym", flat=True)]
    texts = {language: (getattr(activity, f"title_{language}"), getattr(activity, f"summary_{language}"))
             for language in LANGUAGES}
    en_title, en_body = texts["en"]
    texts["en"] = (en_title, "\n".join(filter(None, [en_body, activity.iati_identifier, activity.funding_detail])))
    return SearchEntry(
        url=reverse("programmes:activity_detail", args=[activity.pk]), texts=texts,
        facets={"agency": agencies, "year": [activity.starts_on.year], "country": activity.countries,
                "gcm": activity.gcm_objectives, "sdg": activity.sdg_targets},
    )


def _public_activity(activity: Activity) -> SearchEntry | None:
    """A published activity as its lead agency's public page shows it (title, summary, dates, countries):
    kept out of the index until published, taken out when withdrawn."""
    if not activity.public:
        return None
    # The public pages live under a language prefix; the index keeps the default language's address.
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("members_public:agency", args=[activity.lead_agency_id])
    texts = {language: (getattr(activity, f"title_{language}"), getattr(activity, f"summary_{language}"))
             for language in LANGUAGES}
    return SearchEntry(url=f"{url}#activity-{activity.pk}", texts=texts,
                       facets={"agency": [activity.lead_agency.acronym], "year": [activity.starts_on.year],
                               "country": activity.countries})


def _public_activities(user):
    """Published activities for those outside the catalogue (members find every activity at its own page)."""
    return Activity.objects.none() if permissions.can_view_catalogue(user) else selectors.public_activity_list()


def _practice(practice: GoodPractice) -> SearchEntry:
    # Every language that has a title or a text, each with its stemmer (rwg_portal/translated.py).
    texts = search_texts(practice, "practice", "evidence", "lessons", "replication", title_field="title")
    year = (practice.published_at or practice.created_at).year
    return SearchEntry(url=reverse("programmes:practice_detail", args=[practice.pk]), texts=texts,
                       facets={"agency": [practice.agency.acronym], "year": [year], "country": practice.countries})


def _gcm_label(value: str) -> str:
    return reference.gcm_label(value) if value.isdigit() else value


def register() -> None:
    register_facet_labels("country", reference.place_name)
    register_facet_labels("gcm", _gcm_label)
    register_facet_labels("sdg", lambda value: str(reference.SDG_TARGETS.get(value, value)))
    register_search(SearchSource(
        key="programmes.activity", label=_("Activities and joint programmes"), model=Activity,
        visible=selectors.activity_list_for_user, entry=_activity,
        follows=((Participation, lambda participation: [participation.activity_id]),), order=30,
    ))
    register_search(SearchSource(
        key="programmes.public_activity", label=_("Activities and joint programmes"), model=Activity,
        visible=_public_activities, entry=_public_activity, indexable=selectors.public_activity_list, order=31,
    ))
    register_search(SearchSource(
        key="programmes.practice", label=_("Good practices"), model=GoodPractice,
        visible=selectors.practice_list_for_user, entry=_practice, order=35,
    ))
