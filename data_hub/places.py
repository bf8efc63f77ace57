"""Countries from pycountry plus the UN's names, and matching the names and codes met in files.

``country_rows()`` is what the reference data is seeded from; ``PlaceMatcher`` recognises a
country by code first (UN M49, ISO alpha-3 or alpha-2, former M49 codes), then by name
normalised (footnote marks, case, accents, punctuation, and the known variants), and says
which known names are closest when it does not.
"""

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pycountry

from data_hub import reference
from rwg_portal.reference import pycountry_translation


@functools.cache
def _collator():
    import pyuca  # loads the Unicode collation table (a third of a second): once per process, when first needed

    return pyuca.Collator()


def collation_key(name: object) -> tuple:
    """A name's key in the Unicode Collation Algorithm's default order (DUCET, on which CLDR's Arabic and French
    orders rest). Accents and case only break ties, so "Åland Islands" files under A and "État de Palestine"
    between "Estonie" and "Éthiopie"; Arabic names follow the Arabic alphabet (hamza forms of alif under alif)."""
    return _collator().sort_key(str(name or ""))


def filter_text(name: object) -> str:
    """A name or a query reduced for "contains" filtering in any script: no accents or Arabic marks (hamza,
    vowels), no case, spaces collapsed. Unlike ``normalise`` it keeps Arabic letters."""
    text = unicodedata.normalize("NFKD", str(name or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("\u0640", "").replace("ى", "ي").replace("ة", "ه")  # tatweel; final forms typed either way
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def picker_order(places: Iterable, *, group_order: list[str], arab_states: Iterable[str]) -> tuple[list, list, list]:
    """Places as pickers offer them: the groups (the Group's reference groups in their order, then the groups users
    defined), the Arab States, then the rest of the world; the last two, and users' groups, in the reader's
    alphabetical order (``collation_key`` of each place's ``name`` in the active language)."""
    rank = {code: i for i, code in enumerate(group_order)}
    arab = set(arab_states)
    ordered = sorted(places, key=lambda p: (collation_key(p.name), p.code))
    groups = sorted((p for p in ordered if p.is_group), key=lambda p: rank.get(p.code, len(rank)))
    countries = [p for p in ordered if not p.is_group]
    return groups, [p for p in countries if p.code in arab], [p for p in countries if p.code not in arab]


def place_matches(place, query: str) -> bool:
    """Whether a place's code or its name in any language contains ``query`` (see ``filter_text``)."""
    wanted = filter_text(query)
    if not wanted:
        return True
    names = (place.code, place.name_en, place.name_ar, place.name_fr)
    return any(wanted in filter_text(name) for name in names if name)


def normalise(name: object) -> str:
    """A name reduced for comparison: no accents, case, punctuation, footnote marks or extra spaces.

    "State of Palestine*" and "state of palestine" compare equal; "Côte d’Ivoire" and
    "Cote d'Ivoire" too. Parenthesised words stay ("Micronesia (Fed. States of)" is not
    the region "Micronesia").
    """
    text = unicodedata.normalize("NFKD", str(name or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[’'`´]", "", text)
    text = re.sub(r"[^0-9a-z]+", " ", text).strip()
    # Footnote marks left at the end: "sudan 1", "egypt a" after a closing bracket are rare; digits are not.
    text = re.sub(r"(\s\d{1,2})+$", "", text)
    return text


@dataclass(frozen=True)
class CountryRow:
    code: str
    m49: int
    iso2: str
    name_en: str
    name_ar: str
    name_fr: str
    aliases: list[str] = field(default_factory=list)
    former_m49: list[int] = field(default_factory=list)


def country_rows() -> Iterator[CountryRow]:
    """Every ISO 3166-1 country with its UN code, UN English name and Arabic and French names."""
    arabic, french = pycountry_translation("ar"), pycountry_translation("fr")
    for country in pycountry.countries:
        iso3 = country.alpha_3
        names = {country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)}
        name_en = reference.UN_NAMES.get(iso3, country.name)
        aliases = sorted({n for n in names | set(reference.VARIANTS.get(iso3, [])) if n and n != name_en})
        ar = reference.ARABIC_NAMES.get(iso3) or arabic.gettext(country.name)
        fr = reference.FRENCH_NAMES.get(iso3) or french.gettext(country.name)
        yield CountryRow(
            code=iso3, m49=int(country.numeric), iso2=country.alpha_2, name_en=name_en,
            name_ar="" if ar == country.name else ar, name_fr=fr, aliases=aliases,
            former_m49=list(reference.FORMER_M49.get(iso3, [])),
        )
    for code, m49, en, ar, fr in reference.EXTRA_AREAS:
        yield CountryRow(code=code, m49=m49, iso2="", name_en=en, name_ar=ar, name_fr=fr)


def seed_places(Place) -> None:  # noqa: N803 - a model class, also the historical one in migrations
    """Create or refresh the countries and the reference groups; running it again changes nothing."""
    by_code = {}
    for row in country_rows():
        place, _created = Place.objects.update_or_create(
            code=row.code,
            defaults=dict(kind="country", m49=row.m49, iso2=row.iso2, name_en=row.name_en, name_ar=row.name_ar,
                          name_fr=row.name_fr, aliases=row.aliases, former_m49=row.former_m49, is_builtin=True),
        )
        by_code[row.code] = place
    for code, en, ar, fr, members in reference.GROUPS:
        group, _created = Place.objects.update_or_create(
            code=code, defaults=dict(kind="group", m49=None, name_en=en, name_ar=ar, name_fr=fr, is_builtin=True),
        )
        group.members.set([by_code[m] for m in members])


def is_region(name: object, code: int | None = None) -> bool:
    """True for a region or aggregate row ("Caribbean", "WORLD", "High-income countries", code 903)."""
    if code is not None and (code in reference.REGION_CODES or code >= reference.FIRST_AGGREGATE_CODE):
        return True
    text = normalise(name)
    if not text:
        return False
    if text in _REGION_NAMES:
        return True
    return re.search(reference.AGGREGATE_PATTERN, text) is not None


_REGION_NAMES = {normalise(name) for name in reference.REGION_NAMES}


class PlaceMatcher:
    """Find countries by code or name in one pass over the known places (one query)."""

    def __init__(self, places: Iterable[dict]):
        self.by_code: dict[int, int] = {}
        self.by_alpha: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        self.display: dict[str, str] = {}
        self.group_members: dict[str, list[int]] = {}
        countries = [place for place in places if place["kind"] == "country"]
        for place in countries:
            pk = place["id"]
            self.by_code[place["m49"]] = pk
            self.by_alpha[place["code"].upper()] = pk
            if place.get("iso2"):
                self.by_alpha[place["iso2"].upper()] = pk
        # Current codes win over former ones, English names and variants over French names.
        for place in countries:
            for old in place.get("former_m49") or []:
                self.by_code.setdefault(int(old), place["id"])
        for names in (lambda p: [p["name_en"], *(p.get("aliases") or [])], lambda p: [p.get("name_fr")]):
            for place in countries:
                for name in names(place):
                    key = normalise(name)
                    if key:
                        self.by_name.setdefault(key, place["id"])
                        self.display.setdefault(key, name)

    @classmethod
    def from_db(cls) -> "PlaceMatcher":
        from data_hub.models import Place

        return cls(Place.objects.filter(kind="country").values(
            "id", "kind", "code", "m49", "iso2", "name_en", "name_ar", "name_fr", "aliases", "former_m49"))

    def by_m49(self, code: object) -> int | None:
        try:
            return self.by_code.get(int(float(str(code).strip())))
        except (TypeError, ValueError, OverflowError):
            return None

    def match_code(self, code: object) -> int | None:
        """A numeric M49 code, or an ISO alpha-3 / alpha-2 code."""
        text = str(code or "").strip()
        if not text:
            return None
        if re.fullmatch(r"\d+(\.0+)?", text):
            return self.by_m49(text)
        return self.by_alpha.get(text.upper())

    def match_name(self, name: object) -> int | None:
        return self.by_name.get(normalise(name))

    def cached(self, kind: str, value: object, code: object = None):
        """``match_code``, ``match_name`` or ``is_region`` (with ``code``), remembered: a workbook names the same
        places on every sheet, a matrix on every year."""
        key = (kind, value, code)
        try:
            return self._cache[key]
        except KeyError:
            pass
        except AttributeError:
            self._cache = {}
        if kind == "code":
            found = self.match_code(value)
        elif kind == "name":
            found = self.match_name(value)
        else:
            found = is_region(value, code)
        self._cache[key] = found
        return found

    def match(self, value: object) -> int | None:
        """A code or a name, whichever it is."""
        return self.match_code(value) or self.match_name(value)

    def suggest(self, name: object, limit: int = 3) -> list[str]:
        """The closest known names, for the message about an unknown place."""
        keys = difflib.get_close_matches(normalise(name), list(self.by_name), n=limit, cutoff=0.6)
        return [self.display[key] for key in keys]
