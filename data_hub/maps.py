"""Choropleth maps drawn on the server as SVG: the Arab region and the world, the same markup in pages and PDFs.

The outlines come from the ``world-atlas`` npm package (Natural Earth, TopoJSON), read from
``node_modules`` when a process first draws a map; they are never copied into the repository.
``topojson`` decodes the TopoJSON into GeoJSON, ``shapely`` clips and simplifies, ``pyproj``
projects: Lambert azimuthal equal-area centred on the Arab region, Equal Earth for the world
(equal-area projections, so that a large coloured area is a large country, not a high latitude).
The projected outlines are the same for every visitor and every figure: they are built once per
process (``frame_shapes``) and only the colours change from map to map.

World-atlas ids are ISO 3166-1 numeric codes, which are the UN M49 codes of ``Place.m49``. A few
areas of the atlas carry no id; they are drawn as part of the State that UN statistics (and UN DESA's
figures) count them in: Somaliland with Somalia, "N. Cyprus" with Cyprus, Kosovo with Serbia. Areas
too small to see at the map's scale (Bahrain, Comoros...) get a marker at their representative
point, so that their colour can be seen, and every country coloured is also in the table beside
the map. The map carries the United Nations' disclaimer on boundaries and names.

Classes are natural breaks (Fisher-Jenks, ``jenkspy``): migrant figures are very skewed (millions in
a few Gulf States, thousands in the Comoros), and Jenks puts the breaks where the values jump
instead of at fixed ranks, which quantiles would do; the legend says so. Accessible like the
charts: ``role="img"`` named by ``<title>``, described by ``<desc>``; classes are told apart by
lightness, from light to dark; no ``style`` attribute (the CSP); labels right to left in Arabic.
"""

import bisect
import hashlib
import json
import math
import os
import pickle
import textwrap
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jenkspy
import numpy as np
import shapely
from django.conf import settings
from django.core.cache import cache as shared_cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from pyproj import Transformer
from shapely import affinity
from shapely.geometry import shape
from topojson.utils import serialize_as_geojson

from data_hub.charts import FONT_FAMILY, TEXT_COLOUR, format_value

ATLAS = Path(settings.NODE_MODULES) / "world-atlas"
# Areas the atlas draws without an id, and the M49 code of the State they are counted in.
UNNAMED_AREAS = {"Somaliland": 706, "N. Cyprus": 196, "Kosovo": 688}
ANTARCTICA = 10
# Bump when Shape, Projected or the drawing of paths change: cached frames of the old form are then ignored.
FORMAT = 1
FRAME_TIMEOUT = 30 * 24 * 3600

# ColorBrewer "Blues", light to dark: each class is darker than the one below it, legible for colour-blind readers.
CLASS_COLOURS = {
    1: ["#3182bd"],
    2: ["#9ecae1", "#08519c"],
    3: ["#c6dbef", "#6baed6", "#08519c"],
    4: ["#c6dbef", "#6baed6", "#2171b5", "#08306b"],
    5: ["#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b"],
}
MAX_CLASSES = 5
NO_FIGURE = "#bdbdbd"  # a country of the map's set without a figure
OUTSIDE = "#f1f3f5"  # a country the map is not about
BORDER = "#ffffff"
OUTSIDE_BORDER = "#adb5bd"
SEA = "#ffffff"


@dataclass(frozen=True)
class Frame:
    """What a map shows: which atlas, which projection, which part of the earth (longitudes, latitudes)."""

    name: str
    resolution: str
    crs: str
    west: float
    south: float
    east: float
    north: float
    width: int
    # Simplification, in pixels: below what the eye sees at the map's size.
    tolerance: float = 0.35
    # A coloured country smaller than this (in square pixels) also gets a marker, to be seen at all.
    small_area: float = 90.0


FRAMES = {
    # From Mauritania's coast to Oman's, from Syria's north to the Comoros.
    "region": Frame("region", "50m", "+proj=laea +lat_0=12 +lon_0=21 +datum=WGS84 +units=m", -18.5, -13.5, 60.5,
                    38.5, 720),
    "world": Frame("world", "50m", "+proj=eqearth +lon_0=0 +datum=WGS84 +units=m", -180, -58, 180, 84, 720,
                   tolerance=0.45, small_area=12.0),
}


@dataclass(frozen=True)
class Shape:
    """One country's outline on a frame, in pixels: the path, its area and where a marker or label goes."""

    m49: int
    path: str
    area: float
    anchor: tuple[float, float]


@dataclass(frozen=True)
class Projected:
    """A frame's countries, projected and scaled to pixels once per process."""

    frame: Frame
    width: int
    height: int
    shapes: dict[int, Shape]


@cache
def _atlas_features(resolution: str) -> list[tuple[int, object]]:
    """(M49 code, shapely geometry) for every area of the atlas; unnamed areas merged into their State."""
    with open(ATLAS / f"countries-{resolution}.json", encoding="utf-8") as handle:
        topology = json.load(handle)
    collection = serialize_as_geojson(topology, objectname="countries")
    features = []
    for feature in collection["features"]:
        code = feature.get("id")
        name = (feature.get("properties") or {}).get("name", "")
        m49 = int(code) if isinstance(code, str) and code.isdigit() else UNNAMED_AREAS.get(name)
        if m49 is None or m49 == ANTARCTICA:
            continue
        features.append((m49, shape(feature["geometry"])))
    return features


def _path(geometry) -> str:
    """SVG path data of a (multi)polygon in pixels: one decimal, relative moves (a third shorter)."""
    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = np.round(np.asarray(ring.coords)[:-1] * 10).astype(np.int64)
            if len(coords) < 3:
                continue
            steps = np.diff(coords, axis=0)
            first = coords[0]
            moves = " ".join(f"{dx / 10:g} {dy / 10:g}" for dx, dy in steps if dx or dy)
            parts.append(f"M{first[0] / 10:g} {first[1] / 10:g}l{moves}z")
    return "".join(parts)


@cache
def frame_shapes(name: str) -> Projected:
    """Every country of the frame projected, clipped, simplified and turned into SVG paths: once per process.

    Decoding the 50m atlas takes seconds (over 30 s on a busy machine); the result is kept in the shared
    cache (Redis in production) and in a file under the data directory, keyed by the frame and the atlas
    file, so that only the first process ever pays for it, not the first after each cache flush or restart.
    ``bin/setup prepare`` builds the files (``manage.py rwg_map_frames``).
    """
    frame = FRAMES[name]
    atlas = ATLAS / f"countries-{frame.resolution}.json"
    stat = atlas.stat()
    digest = hashlib.sha256(repr((frame, stat.st_size, stat.st_mtime_ns, FORMAT)).encode()).hexdigest()[:24]
    key = f"data_hub:map_frame:{name}:{digest}"
    projected = shared_cache.get(key)
    if not isinstance(projected, Projected):
        projected = _frame_from_file(name, digest)
        if projected is None:
            projected = project_frame(frame)
            _frame_to_file(name, digest, projected)
        shared_cache.set(key, projected, FRAME_TIMEOUT)
    return projected


def _frame_file(name: str, digest: str) -> Path:
    return Path(settings.DATA_DIR) / "cache" / "map-frames" / f"{name}-{digest}.pickle"


def _frame_from_file(name: str, digest: str) -> Projected | None:
    """The frame as a previous process stored it; None when absent or unreadable (then it is rebuilt).

    Pickle is safe here: the file is written by this module only, in the portal's own data directory."""
    try:
        with open(_frame_file(name, digest), "rb") as handle:
            projected = pickle.load(handle)  # noqa: S301 - our own file, see above
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return projected if isinstance(projected, Projected) else None


def _frame_to_file(name: str, digest: str, projected: Projected) -> None:
    """Store the frame for later processes (written aside, then renamed: a reader never sees half a file)."""
    path = _frame_file(name, digest)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{uuid.uuid4().hex}.tmp")
        with open(partial, "wb") as handle:
            pickle.dump(projected, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError:
        pass  # a read-only data directory: the shared cache still keeps it


def project_frame(frame: Frame) -> Projected:
    """``frame_shapes`` without any cache: decode, clip, project, scale, simplify."""
    name = frame.name
    transformer = Transformer.from_crs("EPSG:4326", frame.crs, always_xy=True)

    def project(coords):
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    # Cut in longitude and latitude first: an azimuthal projection cannot show the far side of the earth.
    pad = 0 if name == "world" else 25
    merged: dict[int, list] = {}
    for m49, geometry in _atlas_features(frame.resolution):
        clipped = shapely.clip_by_rect(shapely.make_valid(geometry), max(frame.west - pad, -180),
                                       max(frame.south - pad, -90), min(frame.east + pad, 180),
                                       min(frame.north + pad, 90))
        if not clipped.is_empty:
            merged.setdefault(m49, []).append(shapely.transform(clipped, project))
    # The view: the frame's corners and edges projected.
    edge = shapely.segmentize(shapely.box(frame.west, frame.south, frame.east, frame.north), 1.0)
    minx, miny, maxx, maxy = shapely.transform(edge, project).bounds
    if name == "region":
        # The corners of an azimuthal frame bulge: keep the box of its edges' middles, a tighter view.
        middle = shapely.transform(shapely.MultiPoint([((frame.west + frame.east) / 2, frame.south),
                                                       ((frame.west + frame.east) / 2, frame.north),
                                                       (frame.west, (frame.south + frame.north) / 2),
                                                       (frame.east, (frame.south + frame.north) / 2)]), project)
        minx, miny, maxx, maxy = middle.bounds
    scale = frame.width / (maxx - minx)
    height = int(math.ceil((maxy - miny) * scale))
    shapes = {}
    for m49, parts in merged.items():
        # The parts are drawn together, not merged: they do not overlap, and merging projected outlines
        # can fail on the slivers of shared borders.
        polygons = [p for part in parts for p in shapely.get_parts(shapely.make_valid(part))
                    if p.geom_type == "Polygon"]
        geometry = shapely.clip_by_rect(shapely.MultiPolygon(polygons), minx, miny, maxx, maxy)
        if geometry.is_empty:
            continue
        # To pixels (y downwards), then simplified below what the eye sees.
        geometry = affinity.affine_transform(geometry, [scale, 0, 0, -scale, -minx * scale, maxy * scale])
        area = geometry.area
        simple = geometry.simplify(frame.tolerance, preserve_topology=True)
        point = geometry.representative_point()
        shapes[m49] = Shape(m49=m49, path=_path(simple), area=area, anchor=(round(point.x, 1), round(point.y, 1)))
    return Projected(frame=frame, width=frame.width, height=height, shapes=shapes)


# Classes ------------------------------------------------------------------------------------------------


def class_breaks(values: list[float], classes: int = MAX_CLASSES) -> list[float]:
    """Natural breaks (Fisher-Jenks) of ``values``: ``k + 1`` numbers from the smallest value to the largest.

    Fewer classes when there are fewer distinct values than ``classes`` (one class when all are equal).
    """
    data = sorted(float(v) for v in values)
    if not data:
        return []
    distinct = len(set(data))
    k = max(1, min(classes, distinct))
    if k == 1:
        return [data[0], data[-1]]
    # Jenks gives the edges as values of the data; with few distinct values an edge can repeat (a class
    # holding the smallest value alone): merged, so that every class reads "from a to b" with a < b.
    breaks = sorted({float(b) for b in jenkspy.jenks_breaks(data, n_classes=k)} | {data[0], data[-1]})
    return breaks


def class_of(value: float, breaks: list[float]) -> int:
    """The class (0-based) of ``value``: upper bounds included, the smallest value in the first class."""
    if len(breaks) < 2:
        return 0
    return max(0, min(len(breaks) - 2, bisect.bisect_left(breaks, value, lo=1) - 1))


def class_labels(breaks: list[float], *, percent: bool = False) -> list[str]:
    """A legend line per class: "lowest – highest", the first one including its lower bound."""
    return [_("%(low)s to %(high)s") % {"low": format_value(low, percent=percent),
                                        "high": format_value(high, percent=percent)}
            for low, high in zip(breaks, breaks[1:], strict=False)]


# Drawing ------------------------------------------------------------------------------------------------


@dataclass
class Area:
    """A country to colour: its M49 code, its name in the reader's language and its figure (None: no figure)."""

    m49: int
    name: str
    value: float | None


def disclaimer() -> str:
    return _("The boundaries and names shown and the designations used on this map do not imply official "
             "endorsement or acceptance by the United Nations.")


def _text(x, y, content, *, size=11, anchor="start", weight="normal", fill=TEXT_COLOUR, rtl=False) -> str:
    direction = ' direction="rtl"' if rtl else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT_FAMILY}" font-size="{size}" fill="{fill}" '
            f'text-anchor="{anchor}" font-weight="{weight}"{direction}>{escape(content)}</text>')


def choropleth(*, frame: str, title: str, description: str, areas: list[Area], percent: bool = False,
               source: str = "", highlight: int | None = None, rtl: bool | None = None) -> SafeString:
    """The map: every country of the frame, those of ``areas`` coloured by class, a legend, the disclaimer.

    ``highlight`` (an M49 code) is outlined: the country whose emigrants or immigrants are shown.
    """
    rtl = get_language_bidi() if rtl is None else rtl
    projected = frame_shapes(frame)
    width, map_height = projected.width, projected.height
    values = [a.value for a in areas if a.value is not None]
    breaks = class_breaks(values)
    colours = CLASS_COLOURS[len(breaks) - 1] if breaks else []
    labels = class_labels(breaks, percent=percent)
    by_code = {a.m49: a for a in areas}

    # Below the map: legend (two columns), then the disclaimer and the source, wrapped.
    entries = [(colours[i], labels[i]) for i in range(len(labels))]
    if any(a.value is None for a in areas) or not entries:
        entries.append((NO_FIGURE, _("No figure")))
    legend_rows = math.ceil(len(entries) / 2)
    notes = textwrap.wrap(disclaimer(), 125)
    if source:
        notes += textwrap.wrap(_("Source: %(source)s") % {"source": source}, 125)
    legend_top = map_height + 12
    height = legend_top + 22 + legend_rows * 20 + len(notes) * 14 + 8

    uid = uuid.uuid4().hex[:10]
    full_description = " ".join(part for part in [
        description, _("Classes: natural breaks (Jenks)."), disclaimer(),
        _("Source: %(source)s") % {"source": source} if source else ""] if part)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="map-{uid}-title map-{uid}-desc" focusable="false" class="rwg-chart rwg-map" '
        f'direction="ltr">'
        f'<title id="map-{uid}-title">{escape(title)}</title><desc id="map-{uid}-desc">{escape(full_description)}'
        f'</desc><rect x="0" y="0" width="{width}" height="{height}" fill="{SEA}"/>'
    ]
    # Countries: first those the map is not about, then the coloured ones over them (their borders on top).
    others, coloured, markers = [], [], []
    for m49, outline in projected.shapes.items():
        area = by_code.get(m49)
        if area is None:
            others.append(f'<path d="{outline.path}" fill="{OUTSIDE}" stroke="{OUTSIDE_BORDER}" '
                          f'stroke-width="0.4"/>')
            continue
        fill = NO_FIGURE if area.value is None else colours[class_of(area.value, breaks)]
        shown = _("no figure") if area.value is None else format_value(area.value, percent=percent)
        label = f"{area.name}: {shown}"
        coloured.append(f'<path d="{outline.path}" fill="{fill}" stroke="{BORDER}" stroke-width="0.6" '
                        f'data-m49="{m49}"><title>{escape(label)}</title></path>')
        if outline.area < projected.frame.small_area:
            x, y = outline.anchor
            markers.append(f'<circle cx="{x}" cy="{y}" r="4.5" fill="{fill}" stroke="{TEXT_COLOUR}" '
                           f'stroke-width="1" data-m49="{m49}"><title>{escape(label)}</title></circle>')
    # Countries of the set the atlas does not draw at all still get a marker... if one knew where: they are
    # listed in the table beside the map instead (and said so in the description by the callers).
    parts += others + coloured
    if highlight is not None and highlight in projected.shapes:
        outline = projected.shapes[highlight]
        parts.append(f'<path d="{outline.path}" fill="none" stroke="#b35c00" stroke-width="2"/>')
        if outline.area < projected.frame.small_area:
            x, y = outline.anchor
            parts.append(f'<circle cx="{x}" cy="{y}" r="6" fill="none" stroke="#b35c00" stroke-width="2"/>')
    parts += markers
    parts.append(f'<rect x="0.5" y="0.5" width="{width - 1}" height="{map_height - 1}" fill="none" '
                 f'stroke="{OUTSIDE_BORDER}" stroke-width="1"/>')

    # Legend: how the classes were made, then a swatch and its range per class; mirrored right to left.
    column_width = width / 2
    heading = _("Classes: natural breaks (Jenks)")
    parts.append(_text(width - 8 if rtl else 8, legend_top + 10, heading, size=11, weight="bold", rtl=rtl))
    for i, (colour, label) in enumerate(entries):
        column, row = i // legend_rows, i % legend_rows
        y = legend_top + 22 + row * 20
        if rtl:
            x = width - 8 - column * column_width - 16
            parts.append(f'<rect x="{x:.1f}" y="{y - 2:.1f}" width="16" height="12" fill="{colour}" '
                         f'stroke="{OUTSIDE_BORDER}" stroke-width="0.5"/>')
            parts.append(_text(x - 6, y + 8, label, rtl=True))
        else:
            x = 8 + column * column_width
            parts.append(f'<rect x="{x:.1f}" y="{y - 2:.1f}" width="16" height="12" fill="{colour}" '
                         f'stroke="{OUTSIDE_BORDER}" stroke-width="0.5"/>')
            parts.append(_text(x + 22, y + 8, label))
    y = legend_top + 22 + legend_rows * 20 + 6
    for line in notes:
        parts.append(_text(width - 8 if rtl else 8, y, line, size=9.5, fill="#495057", rtl=rtl))
        y += 14
    parts.append("</svg>")
    return mark_safe("".join(parts))
