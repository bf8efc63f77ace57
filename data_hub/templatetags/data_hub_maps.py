"""Maps in the data hub's pages, added by small includes so that the pages' views need not change.

Each tag returns ``(key, heading, block, error)`` tuples: the map's ``DataBlock`` (``data_hub.map_blocks``),
or the reason there is none, in words. The blocks are cached by data version (``map_blocks``).
"""

from django import template
from django.utils.translation import gettext as _

from data_hub import map_blocks
from data_hub.blocks import BlockError
from data_hub.choices import Sex
from data_hub.models import Indicator, Place

register = template.Library()


def _safe(key: str, heading: str, builder, **kwargs) -> tuple:
    try:
        return key, heading, builder(**kwargs), ""
    except BlockError as exc:
        return key, heading, None, str(exc)


@register.simple_tag
def explorer_map(form, indicator, release):
    """The explorer's choice as a map: the chosen places' countries, the latest year chosen, the first sex chosen."""
    if release is None or indicator is None or not form.is_valid():
        return None
    data = form.cleaned_data
    if not data["places"]:
        return None
    sexes = [s.value for s in Sex if s.value in data["sexes"]] or [Sex.BOTH.value]
    origin = Place.objects.filter(code=data["origin"]).first() if indicator.has_origin and data.get("origin") else None
    return _safe("explorer-map", _("Map"), map_blocks.countries_map, indicator=indicator, release=release,
                 codes=list(data["places"]), years=[int(y) for y in data["years"]] or None, sex=sexes[0], origin=origin)


@register.simple_tag
def place_maps(place, stock_release, od_release):
    """A group's member countries on a map; a country's emigrants and immigrants on world maps."""
    maps = []
    if stock_release is None and od_release is None:
        return maps
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=["migrant_stock", "od_migrant_stock"])}
    if place.is_group and stock_release is not None and "migrant_stock" in indicators:
        maps.append(_safe("map-members", _("Member countries on the map"), map_blocks.countries_map,
                          indicator=indicators["migrant_stock"], release=stock_release, codes=[place.code]))
    if od_release is not None and "od_migrant_stock" in indicators:
        for key, heading, emigrants in (("map-emigrants", _("Where emigrants live: map"), True),
                                        ("map-immigrants", _("Where immigrants come from: map"), False)):
            maps.append(_safe(key, heading, map_blocks.corridors_map, place=place, release=od_release,
                              emigrants=emigrants, indicator=indicators["od_migrant_stock"]))
    return maps
