"""Exports of the filtered activity list: CSV, Excel and IATI activity XML (version 2.03).

Spreadsheet exports neutralise formulas: a text cell that starts with ``= + - @``, a tab or a
carriage return gets a leading apostrophe, so that a spreadsheet shows it instead of running
it (CSV injection). In the Excel file the cells are also typed as text, never as formulas.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from programmes.choices import IATI_STATUS, ActivityStatus, AttachmentKind, ParticipantRole
from programmes.models import Activity
from rwg_portal import reference
from rwg_portal.spreadsheets import rows_csv, rows_xlsx
from rwg_portal.xml_text import xml_safe

__all__ = ["activities_csv", "activities_xlsx",
           "activities_iati", "iati_identifier"]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# IATI organisation identifiers of member agencies that publish to IATI (IATI organisation
# registry, prefix XM-DAC for multilateral agencies). Others get a portal-local identifier
# "XI-RWG-<acronym>" that the agency should replace before publishing.
IATI_ORG_REFS = {
    "ILO": "XM-DAC-41302",
    "IOM": "XM-DAC-47066",
    "UNAIDS": "XM-DAC-41110",
    "UNFPA": "XM-DAC-41119",
    "UN-Women": "XM-DAC-41146",
    "WHO": "XM-DAC-928",
}
# IATI OrganisationType: 40 multilateral, 21 international NGO, 10 government, 90 other.
IATI_ORG_TYPES = {"un": "40", "igo": "40", "ngo": "21", "bilateral": "10", "other": "90"}
# IATI OrganisationRole: 1 funding, 2 accountable, 4 implementing.
IATI_ROLES = {ParticipantRole.CO_LEAD: "4", ParticipantRole.PARTNER: "4", ParticipantRole.FUNDER: "1"}
# OECD-DAC purpose code 15190: facilitation of orderly, safe, regular and responsible migration.
DAC_MIGRATION_SECTOR = "15190"


def _columns():
    """(header, function of an activity) for the CSV and Excel exports, in the active language."""
    return [
        (_("ID"), lambda a: a.pk),
        (_("IATI identifier"), lambda a: iati_identifier(a)),
        (_("Lead agency"), lambda a: a.lead_agency.acronym),
        (_("Participating agencies"),
         lambda a: "; ".join(f"{p.agency.acronym} ({p.get_role_display()})" for p in a.participations.all())),
        (_("Title (English)"), lambda a: a.title_en),
        (_("Title (Arabic)"), lambda a: a.title_ar),
        (_("Title (French)"), lambda a: a.title_fr),
        (_("Summary (English)"), lambda a: a.summary_en),
        (_("Kind"), lambda a: a.get_kind_display()),
        (_("Status"), lambda a: a.get_status_display()),
        (_("Thematic areas"), lambda a: "; ".join(str(label) for label in a.theme_labels)),
        (_("Countries and areas"), lambda a: "; ".join(a.place_names)),
        (_("Target groups"), lambda a: "; ".join(str(label) for label in a.target_group_labels)),
        (_("Starts on"), lambda a: a.starts_on.isoformat()),
        (_("Ends on"), lambda a: a.ends_on.isoformat() if a.ends_on else ""),
        (_("Budget"), lambda a: a.budget if a.budget is not None else ""),
        (_("Currency"), lambda a: a.currency if a.budget is not None else ""),
        (_("Funding source"), lambda a: a.get_funding_source_display()),
        (_("SDG targets"), lambda a: "; ".join(a.sdg_targets)),
        (_("GCM objectives"), lambda a: "; ".join(str(n) for n in a.gcm_objectives)),
        (_("Gender-equality marker"), lambda a: a.gender_marker),
        (_("Human-rights marker"), lambda a: a.human_rights_marker),
        (_("Address in the portal"), lambda a: settings.SITE_URL + reverse("programmes:activity_detail", args=[a.pk])),
    ]


def activities_csv(activities: Iterable[Activity]) -> bytes:
    columns = _columns()
    return rows_csv([header for header, _get in columns],
                    ([get(activity) for _header, get in columns] for activity in activities))


def activities_xlsx(activities: Iterable[Activity]) -> bytes:
    columns = _columns()
    return rows_xlsx([header for header, _get in columns],
                     ([get(activity) for _header, get in columns] for activity in activities),
                     sheet_title=_("Activities"))


# IATI -----------------------------------------------------------------------


def org_ref(agency) -> str:
    return IATI_ORG_REFS.get(agency.acronym) or f"XI-RWG-{agency.acronym}"


def iati_identifier(activity: Activity) -> str:
    return activity.iati_identifier or f"{org_ref(activity.lead_agency)}-RWG-{activity.pk}"


def _narratives(parent, texts: dict[str, str]):
    """One <narrative> per language that has text; English first, without xml:lang (the default)."""
    for language, text in texts.items():
        if text:
            narrative = etree.SubElement(parent, "narrative")
            if language != "en":
                narrative.set(XML_LANG, language)
            narrative.text = xml_safe(text)  # a row stored before control characters were stripped
    return parent


def _org(parent, tag: str, agency, **attrs):
    element = etree.SubElement(parent, tag, ref=org_ref(agency), type=IATI_ORG_TYPES.get(agency.kind, "90"), **attrs)
    return _narratives(element, {"en": agency.name_en, "ar": agency.name_ar, "fr": agency.name_fr})


def _percentages(count: int) -> list[str]:
    """Equal shares that add up to exactly 100 (IATI asks for percentages with several recipients)."""
    if count == 0:
        return []
    share = round(100 / count, 2)
    shares = [share] * (count - 1)
    return [f"{s:.2f}" for s in [*shares, round(100 - sum(shares), 2)]]


def _activity_xml(parent, activity: Activity, today: datetime.date) -> None:
    root = etree.SubElement(parent, "iati-activity", {
        "last-updated-datetime": activity.updated_at.astimezone(datetime.UTC).isoformat(timespec="seconds"),
        XML_LANG: "en",
        "default-currency": activity.currency,
    })
    etree.SubElement(root, "iati-identifier").text = xml_safe(iati_identifier(activity))
    _org(root, "reporting-org", activity.lead_agency)
    _narratives(etree.SubElement(root, "title"),
                {"en": activity.title_en, "ar": activity.title_ar, "fr": activity.title_fr})
    _narratives(etree.SubElement(root, "description", type="1"),
                {"en": activity.summary_en, "ar": activity.summary_ar, "fr": activity.summary_fr})
    _org(root, "participating-org", activity.lead_agency, role="2")
    for participation in activity.participations.all():
        _org(root, "participating-org", participation.agency, role=IATI_ROLES[participation.role])
    etree.SubElement(root, "activity-status", code=IATI_STATUS[activity.status])
    started = activity.status != ActivityStatus.PIPELINE and activity.starts_on <= today
    etree.SubElement(root, "activity-date", type="2" if started else "1",
                     **{"iso-date": activity.starts_on.isoformat()})
    if activity.ends_on:
        ended = activity.status == ActivityStatus.COMPLETED
        etree.SubElement(root, "activity-date", type="4" if ended else "3",
                         **{"iso-date": activity.ends_on.isoformat()})
    countries = [code for code in (reference.alpha2(c) for c in activity.countries) if code]
    regional = reference.REGIONAL in activity.countries
    scope = "2" if regional else ("3" if len(countries) > 1 else "4")
    etree.SubElement(root, "activity-scope", code=scope)
    shares = iter(_percentages(len(countries) + int(regional)))
    for code in countries:
        etree.SubElement(root, "recipient-country", code=code, percentage=next(shares))
    if regional:
        region = etree.SubElement(root, "recipient-region", code="ARAB", vocabulary="99", percentage=next(shares))
        _narratives(region, {"en": "Arab region (member States of the League of Arab States)"})
    etree.SubElement(root, "sector", vocabulary="1", code=DAC_MIGRATION_SECTOR)
    for target in activity.sdg_targets:
        etree.SubElement(root, "tag", vocabulary="3", code=target)
    for theme in activity.themes:
        _narratives(etree.SubElement(root, "tag", vocabulary="99", code=f"RWG-THEME-{theme}"), {"en": theme})
    for number in activity.gcm_objectives:
        _narratives(etree.SubElement(root, "tag", vocabulary="99", code=f"GCM-{number}"),
                    {"en": f"Global Compact for Migration, objective {number}"})
    _narratives(etree.SubElement(root, "policy-marker", vocabulary="1", code="1",
                                 significance=str(activity.gender_marker)),
                {"en": activity.gender_justification})
    _narratives(etree.SubElement(root, "policy-marker", vocabulary="99", code="HR",
                                 significance=str(activity.human_rights_marker)),
                {"en": "Human rights. " + activity.human_rights_justification})
    if activity.budget is not None and activity.ends_on:
        budget = etree.SubElement(root, "budget", type="1", status="1")
        etree.SubElement(budget, "period-start", **{"iso-date": activity.starts_on.isoformat()})
        etree.SubElement(budget, "period-end", **{"iso-date": activity.ends_on.isoformat()})
        value = etree.SubElement(budget, "value", currency=activity.currency,
                                 **{"value-date": activity.starts_on.isoformat()})
        value.text = f"{activity.budget:.2f}"
    for attachment in activity.attachments.all():
        if attachment.kind != AttachmentKind.LINK:
            continue
        link = etree.SubElement(root, "document-link", url=attachment.url, format="text/html")
        _narratives(etree.SubElement(link, "title"), {"en": attachment.title})
        etree.SubElement(link, "category", code="A01")
    indicators = list(activity.indicators.all())
    if indicators:
        result = etree.SubElement(root, "result", type="1")
        _narratives(etree.SubElement(result, "title"), {"en": "Results of the activity"})
        for indicator in indicators:
            _indicator_xml(result, indicator, activity)


def _value(number) -> str:
    return f"{number.normalize():f}"


def _indicator_xml(result, indicator, activity: Activity) -> None:
    """An indicator: the total values, then one value per sex (IATI "sex" dimension) where it counts people."""
    element = etree.SubElement(result, "indicator", measure="1")
    _narratives(etree.SubElement(element, "title"), {"en": indicator.title})
    year = str(indicator.baseline_year or activity.starts_on.year)
    for number, sex in _split(indicator, "baseline"):
        baseline = etree.SubElement(element, "baseline", year=year, value=_value(number))
        if sex:
            etree.SubElement(baseline, "dimension", name="sex", value=sex)
    if indicator.target is None and indicator.actual is None:
        return
    period = etree.SubElement(element, "period")
    etree.SubElement(period, "period-start", **{"iso-date": activity.starts_on.isoformat()})
    end = activity.ends_on or datetime.date(activity.starts_on.year, 12, 31)
    etree.SubElement(period, "period-end", **{"iso-date": end.isoformat()})
    for name in ("target", "actual"):
        for number, sex in _split(indicator, name):
            value = etree.SubElement(period, name, value=_value(number))
            if sex:
                etree.SubElement(value, "dimension", name="sex", value=sex)


def _split(indicator, name: str) -> list[tuple]:
    """(value, sex) pairs for one of baseline/target/actual: the total (sex None) and each sex given."""
    values = [] if getattr(indicator, name) is None else [(getattr(indicator, name), None)]
    if indicator.concerns_people:
        for sex, suffix in (("female", "women"), ("male", "men")):
            if getattr(indicator, f"{name}_{suffix}") is not None:
                values.append((getattr(indicator, f"{name}_{suffix}"), sex))
    return values


def activities_iati(activities: Iterable[Activity]) -> bytes:
    """IATI activity XML 2.03, one <iati-activity> per activity (validated in the tests)."""
    today = timezone.localdate()
    root = etree.Element("iati-activities", {
        "version": "2.03", "generated-datetime": timezone.now().astimezone(datetime.UTC).isoformat(timespec="seconds"),
    })
    for activity in activities:
        _activity_xml(root, activity, today)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
