"""The synergy and duplication finder (ToR 3(b)(i)): pairs of activities that overlap.

Two activities are compared only when **no agency takes part in both** (so an agency is never
paired with itself, nor with a joint programme it is already in), and they are a pair only
when they share at least one country or area, at least one thematic area, and some time.

Score (0-100), documented in docs/programmes.md::

    score = 100 x (0.5 x Jaccard(countries) + 0.5 x Jaccard(themes)) x time overlap

where Jaccard(X) = |A ∩ B| / |A ∪ B| and the time overlap is the number of days both run
divided by the duration of the shorter one (1.0 when one lies entirely within the other).
An activity without an end date is taken to run until a year after today (or after its start,
if that is later). "Regional" and "outside the region" count as places of their own.

Speed: codes are packed into 64-bit masks (countries, themes, agencies), activities are sorted
by start date, and each block of rows is compared, with numpy, only with the later-starting
activities that begin before it ends. 5,000 activities rank in a fraction of a second on one
core (benchmarks/programmes_finder.py).
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rwg_portal import reference
from rwg_portal.reference import Theme

COUNTRY_WEIGHT = 0.5
THEME_WEIGHT = 0.5
OPEN_END_DAYS = 365
BLOCK = 512


@dataclass(frozen=True)
class Item:
    """What the finder needs to know about one activity."""

    id: int
    agencies: frozenset[int]
    countries: tuple[str, ...]
    themes: tuple[str, ...]
    starts_on: datetime.date
    ends_on: datetime.date | None


@dataclass(frozen=True)
class Pair:
    """Two overlapping activities (``a`` < ``b``) with their score and what they share."""

    a: int
    b: int
    score: float
    countries: tuple[str, ...] = field(default=())
    themes: tuple[str, ...] = field(default=())
    overlap_from: datetime.date | None = None
    overlap_to: datetime.date | None = None

    @property
    def key(self) -> tuple[int, int]:
        return (self.a, self.b)


def _masks(values: Sequence[Iterable], universe: dict) -> np.ndarray:
    """Pack each row's codes into ``words`` 64-bit integers: an (n, words) uint64 array."""
    words = max(1, (len(universe) + 63) // 64)
    out = np.zeros((len(values), words), dtype=np.uint64)
    for row, codes in enumerate(values):
        for code in codes:
            bit = universe[code]
            out[row, bit // 64] |= np.uint64(1) << np.uint64(bit % 64)
    return out


def _universe(values: Iterable[Iterable]) -> dict:
    universe: dict = {}
    for codes in values:
        for code in codes:
            universe.setdefault(code, len(universe))
    return universe


def _popcount(masks: np.ndarray) -> np.ndarray:
    return np.bitwise_count(masks).sum(axis=-1, dtype=np.int64)


def _block_common(masks: np.ndarray, lo: int, hi: int, stop: int, *, any_only: bool = False) -> np.ndarray:
    """Codes shared by rows lo..hi-1 and rows lo+1..stop-1: counts, or just whether any (2-D)."""
    if masks.shape[1] == 1:  # the usual case: one 64-bit word, no third axis to reduce
        both = masks[lo:hi, 0, None] & masks[None, lo + 1:stop, 0]
        return both != 0 if any_only else np.bitwise_count(both)
    both = masks[lo:hi, None, :] & masks[None, lo + 1:stop, :]
    return (both != 0).any(axis=-1) if any_only else _popcount(both)


def rank(items: Sequence[Item], *, today: datetime.date | None = None) -> "Ranking":
    """All overlapping pairs, best first (ties: lower ids first)."""
    today = today or timezone.localdate()  # the portal's day, not the server's (UTC)
    n = len(items)
    if n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return Ranking(list(items), empty, empty, empty.reshape(0, 2), np.zeros(0), empty, empty)
    starts = np.array([item.starts_on.toordinal() for item in items], dtype=np.int64)
    ends = np.array(
        [(item.ends_on or max(today, item.starts_on) + datetime.timedelta(days=OPEN_END_DAYS)).toordinal()
         for item in items],
        dtype=np.int64,
    )
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    ordered = [items[k] for k in order]
    ids = np.array([item.id for item in ordered], dtype=np.int64)
    countries = _masks([item.countries for item in ordered], _universe(item.countries for item in ordered))
    themes = _masks([item.themes for item in ordered], _universe(item.themes for item in ordered))
    agencies = _masks([item.agencies for item in ordered], _universe(item.agencies for item in ordered))
    durations = ends - starts + 1
    # Sorted by start: row i can only overlap rows i+1 .. last_j[i]-1 (they start before i ends).
    last_j = np.searchsorted(starts, ends, side="right")

    found_i, found_j, found_score = [], [], []
    for lo in range(0, n, BLOCK):
        hi = min(lo + BLOCK, n)
        stop = int(last_j[lo:hi].max())
        if stop <= lo + 1:
            continue
        rows = np.arange(lo, hi)[:, None]
        cols = np.arange(lo + 1, stop)[None, :]
        valid = (cols > rows) & (cols < last_j[lo:hi, None])
        c_common = _block_common(countries, lo, hi, stop)
        t_common = _block_common(themes, lo, hi, stop)
        hit = valid & (c_common > 0) & (t_common > 0)
        hit &= ~_block_common(agencies, lo, hi, stop, any_only=True)
        bi, bj = np.nonzero(hit)
        if not len(bi):
            continue
        i = bi + lo
        j = bj + lo + 1
        c_union = _popcount(countries[i] | countries[j])
        t_union = _popcount(themes[i] | themes[j])
        overlap = np.minimum(ends[i], ends[j]) - starts[j] + 1
        time_share = overlap / np.minimum(durations[i], durations[j])
        score = 100.0 * (COUNTRY_WEIGHT * c_common[bi, bj] / c_union + THEME_WEIGHT * t_common[bi, bj] / t_union)
        found_i.append(i)
        found_j.append(j)
        found_score.append(score * time_share)
    if not found_i:
        empty = np.zeros(0, dtype=np.int64)
        return Ranking(ordered, empty, empty, empty.reshape(0, 2), np.zeros(0), starts, ends)
    i = np.concatenate(found_i)
    j = np.concatenate(found_j)
    score = np.round(np.concatenate(found_score), 1)
    a = np.minimum(ids[i], ids[j])
    b = np.maximum(ids[i], ids[j])
    best = np.lexsort((b, a, -score))
    return Ranking(ordered, i[best], j[best], np.stack([a[best], b[best]], axis=1), score[best], starts, ends)


class Ranking(Sequence):
    """The ranked pairs, kept as numpy arrays; ``Pair`` objects are made only for what is read.

    A sequence, so Django's paginator can page through millions of pairs cheaply.
    """

    def __init__(self, ordered, i, j, keys, score, starts, ends):
        self._ordered, self._i, self._j, self._keys, self._score = ordered, i, j, keys, score
        self._starts, self._ends = starts, ends

    def __len__(self) -> int:
        return len(self._score)

    def _pair(self, k: int) -> Pair:
        first, second = self._ordered[self._i[k]], self._ordered[self._j[k]]
        return Pair(
            a=int(self._keys[k, 0]), b=int(self._keys[k, 1]), score=float(self._score[k]),
            countries=tuple(c for c in first.countries if c in second.countries),
            themes=tuple(t for t in first.themes if t in second.themes),
            overlap_from=datetime.date.fromordinal(int(self._starts[self._j[k]])),
            overlap_to=datetime.date.fromordinal(int(min(self._ends[self._i[k]], self._ends[self._j[k]]))),
        )

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._pair(k) for k in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._pair(index)

    def keys(self) -> list[tuple[int, int]]:
        return [(int(a), int(b)) for a, b in self._keys]

    def where(self, keep: np.ndarray) -> "Ranking":
        """The ranking restricted to the pairs where ``keep`` (a boolean array) is true."""
        return Ranking(self._ordered, self._i[keep], self._j[keep], self._keys[keep], self._score[keep],
                       self._starts, self._ends)

    def at_least(self, minimum: float) -> "Ranking":
        return self.where(self._score >= minimum)

    def reviewed_mask(self, reviewed: Iterable[tuple[int, int]]) -> np.ndarray:
        """True for the pairs whose (a, b) key is in ``reviewed``."""
        wanted = np.array([a * 2**32 + b for a, b in reviewed], dtype=np.int64)
        combined = self._keys[:, 0] * 2**32 + self._keys[:, 1]
        return np.isin(combined, wanted)


def pair_for(items: Sequence[Item], a: int, b: int) -> Pair | None:
    """The pair (a, b) as the finder would rank it, or None if they no longer overlap."""
    ranking = rank([item for item in items if item.id in (a, b)])
    return ranking[0] if len(ranking) else None


def join_words(words: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C" in the active language."""
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(list)s and %(last)s") % {"list": _(", ").join(words[:-1]), "last": words[-1]}


def describe(pair: Pair) -> str:
    """The reason for a pair in words, e.g. "both in Jordan and Lebanon, both on labour migration,
    overlapping Mar 2026 - Dec 2027"."""
    labels = dict(Theme.choices)
    return _("both in %(places)s, both on %(themes)s, overlapping %(start)s – %(end)s") % {
        "places": join_words([_("the region as a whole") if code == reference.REGIONAL else reference.place_name(code)
                              for code in pair.countries]),
        "themes": join_words([str(labels.get(code, code)).lower() for code in pair.themes]),
        "start": date_format(pair.overlap_from, "M Y"),
        "end": date_format(pair.overlap_to, "M Y"),
    }
