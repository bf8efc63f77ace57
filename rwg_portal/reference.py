"""Fixed reference lists that every app shares: places, the themes of the Group's work, SDG targets,
the objectives of the Global Compact for Migration.

They live in the shell so that members, programmes, reports and the stakeholders' pages read one
list each without importing one another. Places are kept here, not shared with the data hub's
``Place`` model, on purpose: these lists only need the 22 member States of the League of Arab States plus two
catch-all codes, and a fixed list keeps the catalogue independent of how the data hub
evolves. The codes are ISO 3166-1 alpha-3 (as in /work/shared/docs/REFERENCE.md), so the two
apps can always be joined on them. English names are UN DESA's; Arabic and French names
come from pycountry's translations, with a few UN forms where pycountry inverts a name.
"""

import gettext
from functools import cache

import pycountry
from django.db import models
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

REGIONAL = "REG"
OUTSIDE = "OUT"

# (ISO3, M49, English name as UN DESA writes it, sub-regional group)
ARAB_STATES = [
    ("DZA", 12, "Algeria", "maghreb"),
    ("LBY", 434, "Libya", "maghreb"),
    ("MAR", 504, "Morocco", "maghreb"),
    ("TUN", 788, "Tunisia", "maghreb"),
    ("EGY", 818, "Egypt", "mashreq"),
    ("IRQ", 368, "Iraq", "mashreq"),
    ("JOR", 400, "Jordan", "mashreq"),
    ("LBN", 422, "Lebanon", "mashreq"),
    ("PSE", 275, "State of Palestine", "mashreq"),
    ("SYR", 760, "Syrian Arab Republic", "mashreq"),
    ("BHR", 48, "Bahrain", "gcc"),
    ("KWT", 414, "Kuwait", "gcc"),
    ("OMN", 512, "Oman", "gcc"),
    ("QAT", 634, "Qatar", "gcc"),
    ("SAU", 682, "Saudi Arabia", "gcc"),
    ("ARE", 784, "United Arab Emirates", "gcc"),
    ("COM", 174, "Comoros", "ldc"),
    ("DJI", 262, "Djibouti", "ldc"),
    ("MRT", 478, "Mauritania", "ldc"),
    ("SOM", 706, "Somalia", "ldc"),
    ("SDN", 729, "Sudan", "ldc"),
    ("YEM", 887, "Yemen", "ldc"),
]
ARAB_STATE_CODES = [code for code, *_rest in ARAB_STATES]
GROUPS = {
    "maghreb": _("Maghreb"),
    "mashreq": _("Mashreq"),
    "gcc": _("Gulf Cooperation Council"),
    "ldc": _("Arab least developed countries"),
}
# The data hub's codes of the whole region and of each group (a data block in a report names them too).
ARAB_REGION = "ARAB"
GROUP_CODES = {"maghreb": "MAGHREB", "mashreq": "MASHREQ", "gcc": "GCC", "ldc": "ARAB_LDC"}
PLACE_GROUPS = (ARAB_REGION, *GROUP_CODES.values())


def group_members(group: str) -> list[str]:
    """The member States of a sub-regional group ("maghreb"), in the list's order."""
    return [code for code, _m49, _name, member_of in ARAB_STATES if member_of == group]


# pycountry writes these the ISO way ("Palestine, État de"); UN usage puts them in order. The data hub's
# place names start from these too.
NAME_OVERRIDES = {
    "fr": {"PSE": "État de Palestine", "SYR": "République arabe syrienne"},
    "ar": {"SYR": "الجمهورية العربية السورية", "SAU": "المملكة العربية السعودية",
           "ARE": "الإمارات العربية المتحدة", "SDN": "السودان", "SOM": "الصومال"},
}
_EN_NAMES = {code: name for code, _m49, name, _group in ARAB_STATES}


@cache
def pycountry_translation(language: str):
    """pycountry's own ISO 3166-1 catalogue for ``language`` (Arabic, French), loaded once."""
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def place_name(code: str, language: str | None = None) -> str:
    """The name of a place code in ``language`` (default: the active language)."""
    if code in (REGIONAL, OUTSIDE):
        label = _("Regional (Arab region)") if code == REGIONAL else _("Outside the Arab region")
        if language:
            with translation.override(language):
                return str(label)
        return str(label)
    english = _EN_NAMES.get(code)
    if english is None:
        return code
    language = (language or get_language() or "en")[:2]
    if language == "en":
        return english
    if code in NAME_OVERRIDES.get(language, {}):
        return NAME_OVERRIDES[language][code]
    country = pycountry.countries.get(alpha_3=code)
    return pycountry_translation(language).gettext(country.name) if country else english


def alpha2(code: str) -> str | None:
    """ISO 3166-1 alpha-2 for a member State (IATI wants alpha-2); None for the catch-all codes."""
    country = pycountry.countries.get(alpha_3=code) if code in _EN_NAMES else None
    return country.alpha_2 if country else None


PLACE_CODES = [*ARAB_STATE_CODES, REGIONAL, OUTSIDE]
# For model fields (stable, English, so migrations never change with the language) ...
PLACE_CHOICES = [(code, place_name(code, "en")) for code in PLACE_CODES]


def place_choices() -> list[tuple[str, str]]:
    """... and for form fields: a callable, evaluated when each form is built, in the active language."""
    return [(code, place_name(code)) for code in PLACE_CODES]

# SDG targets most often tagged on migration work (REFERENCE.md) and a few neighbours.
SDG_TARGETS = {
    "1.3": _("1.3 Social protection systems for all"),
    "3.8": _("3.8 Universal health coverage"),
    "4.4": _("4.4 Skills for employment and decent work"),
    "5.2": _("5.2 Eliminate violence against women and girls, including trafficking"),
    "5.4": _("5.4 Recognise and value unpaid care and domestic work"),
    "8.5": _("8.5 Full and productive employment and decent work for all"),
    "8.7": _("8.7 End forced labour, modern slavery, trafficking and child labour"),
    "8.8": _("8.8 Protect labour rights, including of migrant workers"),
    "10.2": _("10.2 Social, economic and political inclusion of all"),
    "10.7": _("10.7 Orderly, safe, regular and responsible migration"),
    "10.c": _("10.c Reduce remittance costs below 3 per cent"),
    "13.1": _("13.1 Resilience to climate-related hazards"),
    "16.2": _("16.2 End abuse, exploitation, trafficking and violence against children"),
    "16.9": _("16.9 Legal identity for all, including birth registration"),
    "17.18": _("17.18 Data disaggregated by migratory status, sex and more"),
}
SDG_CHOICES = list(SDG_TARGETS.items())

# Global Compact for Safe, Orderly and Regular Migration (2018): the 23 objectives.
GCM_OBJECTIVES = {
    1: _("Collect and utilize accurate and disaggregated data"),
    2: _("Minimize the adverse drivers of migration"),
    3: _("Provide accurate and timely information at all stages of migration"),
    4: _("Ensure that all migrants have proof of legal identity and documentation"),
    5: _("Enhance availability and flexibility of pathways for regular migration"),
    6: _("Facilitate fair and ethical recruitment and safeguard decent work"),
    7: _("Address and reduce vulnerabilities in migration"),
    8: _("Save lives and coordinate efforts on missing migrants"),
    9: _("Strengthen the transnational response to smuggling of migrants"),
    10: _("Prevent, combat and eradicate trafficking in persons"),
    11: _("Manage borders in an integrated, secure and coordinated manner"),
    12: _("Strengthen certainty and predictability in migration procedures for screening, assessment and referral"),
    13: _("Use migration detention only as a measure of last resort and work towards alternatives"),
    14: _("Enhance consular protection, assistance and cooperation"),
    15: _("Provide access to basic services for migrants"),
    16: _("Empower migrants and societies to realize full inclusion and social cohesion"),
    17: _("Eliminate all forms of discrimination and promote evidence-based public discourse"),
    18: _("Invest in skills development and facilitate mutual recognition of skills"),
    19: _("Create conditions for migrants and diasporas to contribute to sustainable development"),
    20: _("Promote faster, safer and cheaper transfer of remittances"),
    21: _("Cooperate in facilitating safe and dignified return, readmission and reintegration"),
    22: _("Establish mechanisms for the portability of social security entitlements"),
    23: _("Strengthen international cooperation and global partnerships"),
}
GCM_CHOICES = [(number, format_lazy("{}. {}", number, label)) for number, label in GCM_OBJECTIVES.items()]


def gcm_label(number) -> str:
    return f"{number}. {GCM_OBJECTIVES.get(int(number), '')}"

class Theme(models.TextChoices):
    """Thematic areas: the controlled list of the issue, in a stable order."""

    LABOUR = "labour", _("Labour migration and decent work")
    RIGHTS = "rights", _("Migrant rights and protection")
    TRAFFICKING = "trafficking", _("Trafficking in persons and smuggling of migrants")
    IRREGULAR = "irregular", _("Irregular and transit migration")
    DISPLACEMENT = "displacement", _("Forced displacement")
    RETURN = "return", _("Return and reintegration")
    REMITTANCES = "remittances", _("Remittances and diaspora")
    DATA = "data", _("Migration data")
    HEALTH = "health", _("Migration and health")
    WOMEN = "women", _("Women migrants and domestic work")
    CHILDREN = "children", _("Children and unaccompanied minors")
    CLIMATE = "climate", _("Climate and environment")
    GOVERNANCE = "governance", _("Migration governance and policy")
