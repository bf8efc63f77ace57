"""The portal-wide search: the index the apps' sources feed, and the query that reads it.

The shell knows no app: each app registers its sources (``rwg_portal.registry.SearchSource``)
in ``AppConfig.ready()``. A record is indexed in the same transaction as its save (signals),
so the index is current as soon as the save is committed, and is rolled back with it. Who may
see a result is asked of the source's ``visible(user)`` (the app's selectors) at every search:
the index holds text, never permissions. See docs/search.md.
"""

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Case, Count, Exists, OuterRef, Q, TextField, Value, When
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from rwg_portal.models import SearchDocument, SearchFacet
from rwg_portal.registry import FACET_LABELS, SEARCH_SOURCES, SearchEntry, SearchSource

LANGUAGES = ("en", "fr", "ar")
CONFIGS = {"en": "english", "fr": "french", "ar": "arabic"}
FACETS = ("type", "agency", "year", "country", "gcm", "sdg")
PAGE_SIZE = 20
# Ranking reads each document's tsvector (the costly part of a broad query): only this many matches are
# ranked, the most recently indexed ones (a cheap order over the matched ids); the others follow them,
# newest first. A query matching fewer documents is ranked in full. See docs/search.md, "Speed".
RANKED_CANDIDATES = 500
MAX_BODY = 200_000  # characters of a body kept in the index (a long paper's first 100 pages or so)

# Marks around the words ts_headline highlights: private-use characters, removed from indexed text,
# so that the excerpt can be escaped first and the marks turned into <mark> afterwards.
START, STOP = "\ue000", "\ue001"

_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", START: " ", STOP: " "})
# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks, and the tatweel.
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN = re.compile("[A-Za-zÀ-ÿ]")


def normalise(text: str) -> str:
    """Fold the usual Arabic spelling variants, so that a query finds a word however it is written.

    Alef with hamza or madda and alef wasla become a bare alef, taa marbuta becomes haa, alef
    maqsura becomes yaa; diacritics and the tatweel go. Applied to indexed text and to queries.
    Other scripts are left alone (the language's stemmer handles them).
    """
    return _MARKS.sub("", (text or "").translate(_ALEF))


def guess_language(text: str) -> str:
    """"ar" for text mostly in Arabic script, else "en" (a text typed in a meeting has no language field)."""
    return "ar" if len(_ARABIC.findall(text)) > len(_LATIN.findall(text)) else "en"


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# Indexing ---------------------------------------------------------------------------------------


def _vector():
    """Titles weigh more than bodies; each language with its stemmer, and every word unstemmed ('simple')
    so that names, codes and text in an unexpected language are still found."""
    vector = None
    for language in LANGUAGES:
        config = CONFIGS[language]
        part = (SearchVector(f"title_{language}", weight="A", config=config)
                + SearchVector(f"body_{language}", weight="B", config=config))
        vector = part if vector is None else vector + part
    return vector + SearchVector("plain", weight="D", config="simple")


def _columns(entry: SearchEntry) -> dict:
    columns = {f"{kind}_{language}": "" for kind in ("title", "body") for language in LANGUAGES}
    for language, (title, body) in entry.texts.items():
        title, body = (title or "").strip(), (body or "")[:MAX_BODY]
        if not (title or body.strip()):
            continue
        language = language if language in LANGUAGES else guess_language(f"{title} {body}")
        columns[f"title_{language}"] = " · ".join(filter(None, [columns[f"title_{language}"], title]))[:500]
        columns[f"body_{language}"] = "\n".join(filter(None, [columns[f"body_{language}"], normalise(body)]))
    plain = " ".join(columns[f"{kind}_{language}"] for kind in ("title", "body") for language in LANGUAGES)
    columns["plain"] = normalise(plain).lower()
    return columns


def index_record(source: SearchSource, pk) -> None:
    """Bring the record's search document up to date (or remove it when the record is gone or unindexed)."""
    obj = source.model._default_manager.filter(pk=pk).first()
    entry = source.entry(obj) if obj is not None else None
    if entry is None:
        SearchDocument.objects.filter(source=source.key, object_id=pk).delete()
        return
    pairs = _facet_pairs(entry)
    document, _created = SearchDocument.objects.update_or_create(
        source=source.key, object_id=pk,
        defaults={"url": entry.url, "facet_values": _facet_lines(pairs), **_columns(entry)},
    )
    if is_postgresql():
        SearchDocument.objects.filter(pk=document.pk).update(vector=_vector())
    document.facets.all().delete()
    SearchFacet.objects.bulk_create(SearchFacet(document=document, facet=facet, value=value) for facet, value in pairs)


def _facet_pairs(entry: SearchEntry) -> list[tuple[str, str]]:
    """The entry's facets as distinct (facet, value) pairs (values on one line, cut to the column's 100
    characters)."""
    pairs = ((facet, " ".join(str(value).split())[:100]) for facet, values in entry.facets.items()
             for value in values if value not in (None, ""))
    return list(dict.fromkeys(pair for pair in pairs if pair[1]))


def _facet_lines(pairs: list[tuple[str, str]]) -> str:
    """The pairs as ``SearchDocument.facet_values`` keeps them: "facet=value", one a line."""
    return "\n".join(f"{facet}={value}" for facet, value in pairs)


REINDEX_BATCH = 200


@transaction.atomic
def index_records(source: SearchSource, pks: list) -> None:
    """``index_record`` for many records at once (the repair command and the benchmark): the same documents,
    written in a handful of statements per batch rather than six per record."""
    objects = source.model._default_manager.in_bulk(pks)
    entries = {pk: source.entry(obj) for pk, obj in objects.items()}
    SearchDocument.objects.filter(source=source.key, object_id__in=pks).delete()  # their facets go with them
    pairs = {pk: _facet_pairs(entry) for pk, entry in entries.items() if entry is not None}
    documents = SearchDocument.objects.bulk_create(
        SearchDocument(source=source.key, object_id=pk, url=entries[pk].url, facet_values=_facet_lines(pairs[pk]),
                       **_columns(entries[pk]))
        for pk in pairs
    )
    if is_postgresql() and documents:
        SearchDocument.objects.filter(pk__in=[document.pk for document in documents]).update(vector=_vector())
    SearchFacet.objects.bulk_create(
        SearchFacet(document=document, facet=facet, value=value)
        for document in documents for facet, value in pairs[document.object_id]
    )


def reindex(source_key: str | None = None, *, missing_only: bool = False) -> int:
    """Index every record of one source (or of all), to repair the index; ``missing_only``: just the
    records without a document (those written before the search existed, or by data migrations, which
    send no signals). Returns how many records were indexed."""
    count = 0
    for source in SEARCH_SOURCES.values():
        if source_key and source.key != source_key:
            continue
        records = source.model._default_manager.all()
        if missing_only:
            # Records the source keeps out (an unpublished decision) have no document: look only at those it
            # may index, or they would all be built again at every start (5,000 records, 20 s, in the benchmark).
            if source.indexable is not None:
                records = source.indexable()
            indexed = SearchDocument.objects.filter(source=source.key).values("object_id")
            records = records.exclude(pk__in=indexed)
        pks = list(records.values_list("pk", flat=True))
        for start in range(0, len(pks), REINDEX_BATCH):
            index_records(source, pks[start:start + REINDEX_BATCH])
        if not missing_only:
            SearchDocument.objects.filter(source=source.key).exclude(object_id__in=pks).delete()
        count += len(pks)
    return count


# Fields whose saves never change what a search finds.
BOOKKEEPING_FIELDS = {"last_login"}


def connect(source: SearchSource) -> None:
    """Index on save and delete, in the writer's transaction (rolled back with it, current at its commit)."""

    def on_save(sender, instance, raw=False, update_fields=None, **kwargs):
        # A sign-in saves only ``last_login``: nothing a search reads (it cost every sign-in 8 queries).
        if not raw and not (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS):
            index_record(source, instance.pk)

    def on_delete(sender, instance, **kwargs):
        SearchDocument.objects.filter(source=source.key, object_id=instance.pk).delete()

    post_save.connect(on_save, sender=source.model, weak=False, dispatch_uid=f"search-{source.key}")
    post_delete.connect(on_delete, sender=source.model, weak=False, dispatch_uid=f"search-del-{source.key}")
    for position, (model, related) in enumerate(source.follows):

        def on_related(sender, instance, raw=False, related=related, **kwargs):
            if raw:
                return
            for pk in set(related(instance)):
                if pk is not None:
                    index_record(source, pk)

        uid = f"search-{source.key}-follows-{position}"
        post_save.connect(on_related, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(on_related, sender=model, weak=False, dispatch_uid=f"{uid}-del")


# Searching ---------------------------------------------------------------------------------------


@dataclass
class Result:
    """One hit, as the results page shows it."""

    kind: str
    kind_label: str
    title: str
    url: str
    excerpt: str  # safe HTML: escaped text with <mark> around the matched words
    language: str


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Results:
    query: str
    page: Page | None
    results: list[Result] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    total: int = 0


def visible_documents(user):
    """Search documents of the records whose page the user may open: each source's selectors decide."""
    condition = Q(pk__in=[])
    for source in SEARCH_SOURCES.values():
        visible = source.visible(user).prefetch_related(None).order_by().values("pk")
        condition |= Q(source=source.key, object_id__in=visible)
    return SearchDocument.objects.filter(condition)


def _terms(query: str) -> list[str]:
    return [term for term in re.findall(r"\w+", normalise(query).lower()) if term]


def _search_query(query: str):
    normalised = normalise(query)
    combined = None
    for config in (*CONFIGS.values(), "simple"):
        part = SearchQuery(normalised, config=config, search_type="websearch")
        combined = part if combined is None else combined | part
    return combined


def _facet_filter(documents, facet: str, value: str):
    if facet == "type":
        return documents.filter(source=value)
    return documents.filter(Exists(SearchFacet.objects.filter(document=OuterRef("pk"), facet=facet, value=value)))


def _facet_label(facet: str, value: str) -> str:
    if facet == "type":
        source = SEARCH_SOURCES.get(value)
        return str(source.label) if source else value
    label = FACET_LABELS.get(facet)
    return label(value) if label else value


def _facets(matched, selected: dict[str, str]) -> dict[str, list[FacetValue]]:
    facets: dict[str, list[FacetValue]] = {}
    type_counts = matched.order_by().values("source").annotate(n=Count("pk")).order_by("-n", "source")
    facets["type"] = [FacetValue(row["source"], _facet_label("type", row["source"]), row["n"],
                                 selected.get("type") == row["source"]) for row in type_counts]
    rows = (SearchFacet.objects.filter(document__in=matched.order_by().values("pk"))
            .values("facet", "value").annotate(n=Count("document", distinct=True)).order_by("facet", "-n", "value"))
    for row in rows:
        values = facets.setdefault(row["facet"], [])
        if len(values) < 12 or selected.get(row["facet"]) == row["value"]:
            values.append(FacetValue(row["value"], _facet_label(row["facet"], row["value"]), row["n"],
                                     selected.get(row["facet"]) == row["value"]))
    if "year" in facets:
        facets["year"].sort(key=lambda item: item.value, reverse=True)
    return {facet: facets[facet] for facet in FACETS if facets.get(facet)}


def _excerpt_from_plain(text: str, terms: list[str], width: int = 220) -> str:
    """The SQLite fallback's excerpt: a window around the first matched word, escaped, words marked."""
    lowered = text.lower()
    positions = [lowered.find(term) for term in terms if lowered.find(term) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    window = text[start:start + width]
    pattern = re.compile("|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True)),
                         re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(window):
        pieces += [html.escape(window[last:match.start()]), "<mark>", html.escape(match.group()), "</mark>"]
        last = match.end()
    pieces.append(html.escape(window[last:]))
    return ("… " if start else "") + "".join(pieces) + (" …" if start + width < len(text) else "")


def _mark(headline: str) -> str:
    """ts_headline's output escaped, then its private marks turned into <mark> (never the reverse)."""
    escaped = html.escape(headline or "")
    return escaped.replace(START, "<mark>").replace(STOP, "</mark>")


def _title(document: SearchDocument, language: str) -> tuple[str, str]:
    for candidate in (language, "en", "fr", "ar"):
        title = getattr(document, f"title_{candidate}")
        if title:
            return title, candidate
    return document.url, language


def _visibility(user) -> tuple[str, list]:
    """The SQL condition, on a match ``m`` (its ``source`` and ``object_id``), that its page would open for the
    user, with its parameters: each source's ``visible(user)`` (the app's selectors), compiled by the ORM as
    a subquery of record ids. A source whose selector returns ``none()`` compiles to nothing (Django raises
    ``EmptyResultSet``) and is left out: none of its records is shown."""
    parts, params = [], []
    for source in SEARCH_SOURCES.values():
        visible = source.visible(user).prefetch_related(None).order_by().values("pk")
        try:
            sql, sub_params = visible.query.sql_with_params()
        except EmptyResultSet:
            continue
        parts.append(f"(m.source = %s AND m.object_id IN ({sql}))")
        params += [source.key, *sub_params]
    return " OR ".join(parts) or "FALSE", params


def _sql(expression) -> tuple[str, list]:
    """An ORM expression (the tsquery) as SQL and parameters, to be written into the statements below."""
    query = SearchDocument.objects.all().query
    return query.get_compiler(connection=connection).compile(expression.resolve_expression(query))


class _Matches:
    """The matches the user may see, in the order of the results (the sequence the paginator pages through).

    One statement (``_MATCHES`` + ``_SUMMARY``) gives the total, the facet counts and the ``RANKED_CANDIDATES``
    newest matches ranked (best first); the matches after them, newest first, are read only for a page that
    reaches them (``_MATCHES`` + ``_FURTHER``). Nothing else of the matches is read into Python: the facets are
    counted by PostgreSQL, the page's excerpts made for its documents only (``_page_with_excerpts``)."""

    def __init__(self, user, tsquery, selected: dict[str, str]):
        tsquery_sql, tsquery_params = _sql(tsquery)
        visibility, visibility_params = _visibility(user)
        conditions, params = [f"({visibility})"], [*visibility_params]
        for facet, value in selected.items():
            if facet == "type":
                conditions.append("m.source = %s")
                params.append(value)
            else:  # the facet's line among the match's lines
                conditions.append("%s = ANY(string_to_array(m.facet_values, E'\\n'))")
                params.append(_facet_lines([(facet, value)]))
        self._with = _MATCHES.format(tsquery=tsquery_sql, conditions=" AND ".join(conditions))
        self._params = [*tsquery_params, *params]
        rows = self._run(_SUMMARY.format(tsquery=tsquery_sql), [*tsquery_params, RANKED_CANDIDATES])
        self.total, self.ranked, self.counts = rows[0][0], rows[0][1] or [], rows[0][2] or {}

    def _run(self, sql: str, params: list) -> list[tuple]:
        """Read through the GIN index: ``enable_seqscan`` off for this statement's transaction, and the JIT
        compiler with it (see ``_MATCHES``)."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")
            cursor.execute(self._with + sql, [*self._params, *params])
            return cursor.fetchall()

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[int]:
        start, stop, _step = index.indices(self.total)
        ids = self.ranked[start:stop]
        further = max(start, len(self.ranked))
        if stop > further:
            ids += [pk for (pk,) in self._run(_FURTHER, [further, stop - further])]
        return ids


# The matches the user may see. The text match runs first and alone (a MATERIALIZED common table expression,
# read through the GIN index: the index answers the match, no tsvector is read); only then are the matches
# filtered by the visibility subqueries (``_visibility``) and the selected facets, on the matched rows' own
# columns. Left to itself the planner went the other way for a common word: it read every visible document
# through the (source, object_id) index and tested each one's tsvector, stored out of line (the bulk of the
# table). ``enable_seqscan`` is off so that the match never scans the table either, and the JIT compiler with
# it, which the inflated costs would set compiling for seconds. ``tests/shell/test_search.py`` checks the plan.
_MATCHES = """WITH m AS MATERIALIZED (
    SELECT id AS pk, source, object_id, facet_values, indexed_at FROM rwg_portal_searchdocument
    WHERE vector @@ {tsquery}
), visible AS MATERIALIZED (
    SELECT m.pk, m.source, m.facet_values, m.indexed_at FROM m WHERE {conditions}
) """
# The total; the newest matches (up to the parameter), best ranked first (ts_rank reads their tsvectors only);
# the facet counts, "facet=value" (the source as "type=...") with its count.
_SUMMARY = """SELECT
    (SELECT count(*) FROM visible),
    (SELECT array_agg(newest.pk ORDER BY ts_rank(document.vector, {tsquery}) DESC, newest.indexed_at DESC,
                      newest.pk DESC)
     FROM (SELECT pk, indexed_at FROM visible ORDER BY indexed_at DESC, pk DESC LIMIT %s) AS newest
     JOIN rwg_portal_searchdocument AS document ON document.id = newest.pk),
    (SELECT json_object_agg(line, n) FROM (
        SELECT line, count(*) AS n FROM (
            SELECT 'type=' || source AS line FROM visible
            UNION ALL SELECT unnest(string_to_array(facet_values, E'\\n')) FROM visible
        ) AS lines WHERE line <> '' GROUP BY line
    ) AS counted)"""
# Matches after the ranked ones (whose positions are those of the newest-first order): OFFSET, LIMIT.
_FURTHER = "SELECT pk FROM visible ORDER BY indexed_at DESC, pk DESC OFFSET %s LIMIT %s"


def _facet_counts(counts: dict[str, int], selected: dict[str, str]) -> dict[str, list[FacetValue]]:
    """The facets as the page lists them, from the counts of "facet=value" lines (``_Matches.counts``)."""
    by_value: dict[tuple[str, str], int] = {}
    for line, n in counts.items():
        facet, _sep, value = line.partition("=")
        by_value[(facet, value)] = n
    facets: dict[str, list[FacetValue]] = {}
    for (facet, value), count in sorted(by_value.items(), key=lambda item: (item[0][0], -item[1], item[0][1])):
        values = facets.setdefault(facet, [])
        if facet == "type" or len(values) < 12 or selected.get(facet) == value:
            values.append(FacetValue(value, _facet_label(facet, value), count, selected.get(facet) == value))
    if "year" in facets:
        facets["year"].sort(key=lambda item: item.value, reverse=True)
    return {facet: facets[facet] for facet in FACETS if facets.get(facet)}


def _body_language(document: SearchDocument, language: str) -> str:
    """The language of the excerpt: the reader's if the document has a text in it, else English, French, Arabic."""
    return next((code for code in (language, "en", "fr", "ar") if getattr(document, f"body_{code}")), language)


def _page_with_excerpts(ids: list[int], tsquery, language: str) -> dict[int, SearchDocument]:
    """The page's documents by id, each with its ``excerpt``: one ``ts_headline`` a document (the costly
    function: never over every match, and only in the one language shown, picked by a ``CASE`` as
    ``_body_language`` would pick it), and without reading the bodies themselves into Python."""
    order = list(dict.fromkeys((language, "en", "fr", "ar")))
    headline = Case(*(When(~Q(**{f"body_{code}": ""}), then=SearchHeadline(
        f"body_{code}", tsquery, config=CONFIGS[code], start_sel=START, stop_sel=STOP, max_words=35, min_words=15,
        max_fragments=2, fragment_delimiter=" … ")) for code in order), default=Value(""), output_field=TextField())
    documents = (SearchDocument.objects.filter(pk__in=ids)
                 .only("pk", "source", "url", *(f"title_{code}" for code in LANGUAGES))
                 .annotate(headline=headline))
    by_id = {}
    for document in documents:
        document.excerpt = _mark(document.headline)
        by_id[document.pk] = document
    return by_id


def search(user, query: str, *, selected: dict[str, str] | None = None, page: int | str = 1,
           language: str | None = None) -> Results:
    """Ranked results of ``query`` that the user may see, with facet counts and one page of excerpts."""
    selected = {key: value for key, value in (selected or {}).items() if key in FACETS and value}
    language = (language or get_language() or "en")[:2]
    language = language if language in LANGUAGES else "en"
    terms = _terms(query)
    if not terms:
        return Results(query=query, page=None)
    if is_postgresql():
        tsquery = _search_query(query)
        matches = _Matches(user, tsquery, selected)
        facets = _facet_counts(matches.counts, selected)
        paginator = Paginator(matches, PAGE_SIZE)
        page_obj = paginator.get_page(page)
        ids = list(page_obj.object_list)
        by_id = _page_with_excerpts(ids, tsquery, language)
    else:
        matched = visible_documents(user)
        for term in terms:
            matched = matched.filter(plain__contains=term)
        for facet, value in selected.items():
            matched = _facet_filter(matched, facet, value)
        facets = _facets(matched, selected)
        paginator = Paginator(matched.order_by("-indexed_at", "-pk").only("pk"), PAGE_SIZE)
        page_obj = paginator.get_page(page)
        ids = [document.pk for document in page_obj.object_list]
        by_id = SearchDocument.objects.defer("vector").in_bulk(ids)
        for document in by_id.values():
            code = _body_language(document, language)
            document.excerpt = _excerpt_from_plain(getattr(document, f"body_{code}"), terms)
    results = []
    for pk in ids:
        document = by_id[pk]
        title, title_language = _title(document, language)
        source = SEARCH_SOURCES.get(document.source)
        results.append(Result(kind=document.source, kind_label=str(source.label) if source else document.source,
                              title=title, url=document.url, excerpt=document.excerpt, language=title_language))
    return Results(query=query, page=page_obj, results=results, facets=facets, total=paginator.count)

