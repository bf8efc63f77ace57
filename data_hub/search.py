"""What the portal-wide search finds in the data hub: places and indicators (public, like the explorer)
and releases (published ones for everyone, unpublished ones for group members, as the release pages)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from data_hub import selectors
from data_hub.models import Indicator, Place, Release
from rwg_portal.registry import SearchEntry, SearchSource, register_search

LANGUAGES = ("en", "fr", "ar")


def _names(obj) -> dict[str, tuple[str, str]]:
    return {language: (getattr(obj, f"name_{language}"), "") for language in LANGUAGES}


def _place(place: Place) -> SearchEntry:
    texts = _names(place)
    aliases = place.aliases if isinstance(place.aliases, list) else []
    texts["en"] = (texts["en"][0], " ".join(filter(None, [place.code, place.iso2, *map(str, aliases)])))
    facets = {"country": [place.code]} if place.kind == "country" else {}
    return SearchEntry(url=reverse("data_hub:place_detail", args=[place.code]), texts=texts, facets=facets)


def _indicator(indicator: Indicator) -> SearchEntry:
    texts = _names(indicator)
    texts["en"] = (texts["en"][0], indicator.code)
    url = reverse("data_hub:explorer") + "?" + urlencode({"indicator": indicator.code})
    return SearchEntry(url=url, texts=texts,
                       facets={"agency": [indicator.agency.acronym] if indicator.agency_id else []})


def _release(release: Release) -> SearchEntry:
    dataset = release.dataset
    body = "\n".join([release.revision, release.publisher, release.citation, dataset.name_en, dataset.publisher])
    return SearchEntry(url=reverse("data_hub:release_detail", args=[release.pk]), texts={"": (release.title, body)},
                       facets={"year": [release.imported_at.year],
                               "agency": [dataset.agency.acronym] if dataset.agency_id else []})


def _everything(model):
    return lambda user: model.objects.all()


def register() -> None:
    register_search(SearchSource(key="data_hub.place", label=_("Countries and groups"), model=Place,
                                 visible=_everything(Place), entry=_place, order=60))
    register_search(SearchSource(key="data_hub.indicator", label=_("Indicators"), model=Indicator,
                                 visible=_everything(Indicator), entry=_indicator, order=61))
    register_search(SearchSource(key="data_hub.release", label=_("Data releases"), model=Release,
                                 visible=selectors.releases_for_user, entry=_release, order=62))
