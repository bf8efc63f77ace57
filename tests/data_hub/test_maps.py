"""Maps (data_hub.maps, data_hub.map_blocks): every Arab State on the map, classes from the data, the
disclaimer in three languages, right to left in Arabic, no style attribute, and the pages that show them."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from data_hub import map_blocks, maps, selectors
from data_hub.blocks import BlockError, resolve
from data_hub.reference import GROUPS
from tests.data_hub.factories import EMIGRANTS_OF_EGYPT, map_figures

ARAB = GROUPS[0][4]
SVG = "{http://www.w3.org/2000/svg}"


def _svg(markup: str):
    return etree.fromstring(markup.encode())


# Classes: pure functions -------------------------------------------------------------------------------

values_lists = st.lists(st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False), min_size=1,
                        max_size=60)


@settings(max_examples=200, deadline=None)
@given(values_lists, st.integers(min_value=1, max_value=5))
def test_classes_cover_the_values_from_smallest_to_largest_in_order(values, classes):
    breaks = maps.class_breaks(values, classes)
    assert breaks[0] == min(values) and breaks[-1] == max(values)
    if len(set(values)) > 1:
        assert all(a < b for a, b in zip(breaks, breaks[1:], strict=False))
    assert 2 <= len(breaks) <= classes + 1
    assert len(breaks) - 1 <= len(set(values))
    for value in values:
        k = maps.class_of(value, breaks)
        assert 0 <= k < len(breaks) - 1
        assert breaks[k] <= value <= breaks[k + 1]
    # A larger value is never in a lower class.
    ordered = sorted(values)
    found = [maps.class_of(v, breaks) for v in ordered]
    assert found == sorted(found)


def test_natural_breaks_of_known_figures():
    values = [1, 2, 3, 10, 11, 12, 100, 101]
    assert maps.class_breaks(values, 3) == [1, 3, 12, 101]
    assert [maps.class_of(v, [1, 3, 12, 101]) for v in values] == [0, 0, 0, 1, 1, 1, 2, 2]
    assert maps.class_breaks([7, 7, 7]) == [7, 7]
    assert maps.class_breaks([]) == []
    with translation.override("en"):
        assert maps.class_labels([1, 3, 12, 101]) == ["1 to 3", "3 to 12", "12 to 101"]
        assert maps.class_labels([1.25, 50], percent=True) == ["1.2% to 50.0%"]


def test_the_legend_states_the_classes_and_colours_each_country_by_its_class():
    areas = [maps.Area(m49, name, value) for m49, name, value in [
        (400, "Jordan", 1), (682, "Saudi Arabia", 100), (48, "Bahrain", 3), (174, "Comoros", 11),
        (818, "Egypt", 12), (12, "Algeria", 2), (275, "State of Palestine", None)]]
    with translation.override("en"):
        markup = str(maps.choropleth(frame="region", title="T", description="D", areas=areas))
    root = _svg(markup)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Classes: natural breaks (Jenks)" in texts
    breaks = maps.class_breaks([1, 100, 3, 11, 12, 2])
    assert breaks == [1, 2, 3, 12, 100]
    for label in maps.class_labels(breaks):
        assert label in texts
    assert "No figure" in texts
    colours = maps.CLASS_COLOURS[4]
    fills = {int(p.get("data-m49")): p.get("fill") for p in root.iter(f"{SVG}path") if p.get("data-m49")}
    assert fills[400] == colours[0] and fills[682] == colours[3] and fills[818] == colours[2]
    assert fills[275] == maps.NO_FIGURE
    # Bahrain and the Comoros are too small to see: each also gets a marker in its colour.
    markers = {int(c.get("data-m49")): c.get("fill") for c in root.iter(f"{SVG}circle") if c.get("data-m49")}
    assert markers[48] == colours[1] and markers[174] == colours[2]


@pytest.mark.parametrize("language,words", [
    ("en", "do not imply official endorsement or acceptance by the United Nations."),
    ("fr", "Nations Unies"),
    ("ar", "الأمم المتحدة"),
])
def test_the_map_carries_the_un_disclaimer_and_is_accessible(language, words):
    with translation.override(language):
        markup = str(maps.choropleth(frame="world", title="Titre", description="Desc",
                                     areas=[maps.Area(818, "Egypt", 5.0)], source="UN DESA"))
        disclaimer = maps.disclaimer()
    assert words in disclaimer
    root = _svg(markup)
    shown = " ".join(t.text for t in root.iter(f"{SVG}text"))
    assert " ".join(disclaimer.split()) in " ".join(shown.split())
    assert root.get("role") == "img"
    labelled = root.get("aria-labelledby").split()
    assert [root.find(f"{SVG}title").get("id"), root.find(f"{SVG}desc").get("id")] == labelled
    assert disclaimer in root.find(f"{SVG}desc").text
    assert not re.search(r"\sstyle=", markup) and "<script" not in markup
    rtl = [t for t in root.iter(f"{SVG}text") if t.get("direction") == "rtl"]
    assert bool(rtl) == (language == "ar")
    if language == "ar":
        assert all(t.get("x") and float(t.get("x")) > 360 for t in rtl)  # mirrored: from the right edge


def test_the_projected_outlines_are_built_once_per_process_and_hold_every_arab_state():
    first = maps.frame_shapes("region")
    assert maps.frame_shapes("region") is first
    m49 = {code: number for code, number in [
        ("DZA", 12), ("BHR", 48), ("COM", 174), ("DJI", 262), ("EGY", 818), ("IRQ", 368), ("JOR", 400),
        ("KWT", 414), ("LBN", 422), ("LBY", 434), ("MRT", 478), ("MAR", 504), ("OMN", 512), ("PSE", 275),
        ("QAT", 634), ("SAU", 682), ("SOM", 706), ("SDN", 729), ("SYR", 760), ("TUN", 788), ("ARE", 784),
        ("YEM", 887)]}
    assert set(m49) == set(ARAB)
    for frame in ("region", "world"):
        shapes = maps.frame_shapes(frame).shapes
        assert all(shapes[n].path.startswith("M") for n in m49.values()), frame
    # Somaliland (no id in the atlas) is drawn as part of Somalia, as UN statistics count it.
    assert maps.frame_shapes("region").shapes[706].path.count("M") >= 2


# With figures in the database ------------------------------------------------------------------------


@pytest.fixture
def figures(db):
    return map_figures()


@pytest.mark.django_db
def test_the_arab_region_map_shows_and_lists_all_22_states(figures):
    with translation.override("en"):
        block = resolve({"kind": "map", "place": "ARAB", "years": [2019]})
    assert block.title == "International migrant stock, 2019, Both sexes"
    root = _svg(block.svg)
    coloured = {int(p.get("data-m49")) for p in root.iter(f"{SVG}path") if p.get("data-m49")}
    arab = {p.m49 for p in selectors.places_sorted_members(selectors.arab_region())}
    assert coloured == arab and len(arab) == 22
    markers = {int(c.get("data-m49")) for c in root.iter(f"{SVG}circle") if c.get("data-m49")}
    assert {48, 174} <= markers  # Bahrain and the Comoros
    names = [row[0] for row in block.rows]
    assert len(names) == 22 and {"Bahrain", "Comoros", "State of Palestine"} <= set(names)
    # Largest first: Saudi Arabia's 13,122,338 migrants in 2019, in the top class; Palestine (no figure) last.
    assert block.rows[0][:2] == ["Saudi Arabia", 13122338]
    values = [row[1] for row in block.rows if row[1] is not None]
    assert values == sorted(values, reverse=True)
    breaks = maps.class_breaks(values)
    assert block.rows[0][2] == maps.class_labels(breaks)[-1]
    assert block.rows[-1] == ["State of Palestine", None, "—"]
    assert block.rows[-2][:2] == ["Comoros", 12555] and block.rows[-2][2] == maps.class_labels(breaks)[0]


@pytest.mark.django_db
def test_where_a_country_s_emigrants_live_ranks_the_ten_main_corridors(figures):
    egypt = selectors.place_get("EGY")
    with translation.override("en"):
        block = map_blocks.corridors_map(place=egypt, release=figures["od"], emigrants=True)
        immigrants = map_blocks.corridors_map(place=egypt, release=figures["od"], emigrants=False)
    assert block.title == "Where emigrants from Egypt live, 2019"
    assert block.rows[0][3] == round(100 * 940_000 / sum(EMIGRANTS_OF_EGYPT.values()), 1)
    assert [row[0] for row in block.rows] == list(range(1, 11))
    assert block.rows[0][1] == "Saudi Arabia"
    counts = [row[2] for row in block.rows]
    assert counts == sorted(counts, reverse=True)
    assert immigrants.title == "Where immigrants in Egypt come from, 2019" and len(immigrants.rows) == 10
    assert 'stroke="#b35c00"' in block.svg  # Egypt outlined
    # Every destination with a figure is coloured, more than the ten of the table.
    assert len(re.findall(r'<path[^>]*data-m49=', block.svg)) == len(EMIGRANTS_OF_EGYPT)


@pytest.mark.django_db
def test_a_map_in_arabic_is_right_to_left(figures):
    with translation.override("ar"):
        block = resolve({"kind": "map", "place": "GCC"})
    assert "الأمم المتحدة" in block.svg and 'direction="rtl"' in block.svg
    assert len(block.rows) == 6 and block.rows[0][0] == "المملكة العربية السعودية"


@pytest.mark.django_db
def test_a_map_block_without_figures_says_why(figures):
    with pytest.raises(BlockError, match="no figures for the years"):
        resolve({"kind": "map", "place": "ARAB", "years": [1900]})


@pytest.mark.django_db
@pytest.mark.parametrize("code,keys", [
    ("ARAB", ["map-members", "map-emigrants", "map-immigrants"]),
    ("EGY", ["map-emigrants", "map-immigrants"]),
])
def test_group_and_country_pages_show_their_maps_beside_their_tables(client, figures, code, keys):
    html = client.get(reverse("data_hub:place_detail", args=[code])).content.decode()
    for key in keys:
        assert f'id="{key}-heading"' in html and f'id="{key}-table"' in html
    assert "map-members" not in html or code == "ARAB"
    assert html.count('class="rwg-chart rwg-map"') == len(keys)


@pytest.mark.django_db
def test_the_explorer_maps_the_chosen_indicator_year_and_sex(client, figures):
    response = client.get(reverse("data_hub:explorer"), {"indicator": "migrant_stock", "places": ["GCC", "JOR"],
                                                         "years": ["2010", "2015"], "sexes": ["F"]})
    html = response.content.decode()
    assert 'id="explorer-map-heading"' in html
    assert "International migrant stock, 2015, Female" in html
    table = html[html.index('id="explorer-map-table"'):]
    assert table[:table.index("</table>")].count('<th scope="row">') == 7


def test_a_frame_built_once_is_read_back_from_its_file_by_a_later_process(settings, tmp_path, monkeypatch):
    """After a cache flush or in a new process, the frame comes from the data directory's file, not from
    seconds of decoding the atlas again; a damaged file is rebuilt, not trusted."""
    from django.core.cache import cache as shared_cache

    settings.DATA_DIR = tmp_path
    maps.frame_shapes.cache_clear()
    shared_cache.clear()
    built = maps.frame_shapes("region")
    files = list((tmp_path / "cache" / "map-frames").glob("region-*.pickle"))
    assert len(files) == 1

    def no_decoding(frame):
        raise AssertionError("the atlas was decoded again")

    maps.frame_shapes.cache_clear()
    shared_cache.clear()
    with monkeypatch.context() as patch:
        patch.setattr(maps, "project_frame", no_decoding)
        again = maps.frame_shapes("region")
    assert set(again.shapes) == set(built.shapes) and again.width == built.width

    files[0].write_bytes(b"not a pickle")
    maps.frame_shapes.cache_clear()
    shared_cache.clear()
    assert set(maps.frame_shapes("region").shapes) == set(built.shapes)
    maps.frame_shapes.cache_clear()
