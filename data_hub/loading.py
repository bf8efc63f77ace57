"""Writing checked figures into a release, fast and all at once.

On PostgreSQL a brand-new release (one without figures) is streamed with COPY (psycopg 3's
``cursor.copy``) straight into ``data_hub_observation``: nothing can conflict, and COPY batches
rows where ``INSERT ... SELECT`` writes them one by one. A re-import (a corrected file of the same
revision) is copied into a temporary staging table first, then moved with one ``INSERT ... SELECT``
per key shape (``ON CONFLICT ... DO UPDATE`` only where the value or note changed), and the
release's figures the file no longer has are deleted: the release then holds exactly the file.
Django's ``bulk_create`` needs about ten times longer for the 385,000 figures of the
origin-destination matrix. Elsewhere (SQLite, for the demo) a plain ORM path does the same work.

Callers run these functions inside their own transaction: a failure leaves nothing behind.
"""

import itertools
from dataclasses import dataclass

import pandas as pd
from django.db import connection

from data_hub.models import Observation

COLUMNS = ["indicator_id", "place_id", "origin_id", "year", "sex", "value", "note"]
STAGING = "data_hub_staging"
OBSERVATION = Observation._meta.db_table


@dataclass
class Counts:
    """What writing a file does to a release."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0

    def as_dict(self) -> dict:
        return {"to_add": self.added, "to_replace": self.replaced, "unchanged": self.unchanged,
                "to_remove": self.removed}


def prepare(figures: pd.DataFrame, indicator_ids: dict[str, int]) -> pd.DataFrame:
    """The validated long table reduced to the columns of an observation."""
    frame = pd.DataFrame({
        "indicator_id": figures["indicator"].map(indicator_ids).astype("int64"),
        "place_id": figures["place_id"].astype("int64"),
        "origin_id": figures["origin_id"].astype("Int64"),
        "year": figures["year"].astype("int64"),
        "sex": figures["sex"].astype("str"),
        "value": figures["value"].astype("float64"),
        "note": figures["note"].astype(object).fillna("").astype("str"),
    })
    return frame


def check_references(frame: pd.DataFrame) -> None:
    """Every indicator, place and origin id must exist (one query per kind of id, over the distinct ids).

    This stands in for per-row foreign-key triggers (see ``Observation``); places must be countries,
    since group figures are never stored.
    """
    from django.db import IntegrityError

    from data_hub.models import Indicator, Place

    indicators = set(frame["indicator_id"].unique().tolist())
    places = set(frame["place_id"].unique().tolist()) | set(frame["origin_id"].dropna().unique().tolist())
    if Indicator.objects.filter(pk__in=indicators).count() != len(indicators):
        raise IntegrityError("an observation names an indicator that does not exist")
    if Place.objects.filter(pk__in=places, kind="country").count() != len(places):
        raise IntegrityError("an observation names a place that does not exist or is not a country")


def _use_copy() -> bool:
    return connection.vendor == "postgresql"


def _csv(frame: pd.DataFrame) -> str:
    """The figures as CSV for COPY, sorted in the order of the unique indexes (their entries are then appended
    rather than scattered). An empty origin is an empty unquoted field: NULL."""
    ordered = frame.sort_values(["indicator_id", "origin_id", "place_id", "year", "sex"], na_position="first")
    values = ordered["value"].to_numpy()
    if ((values % 1 == 0) & (abs(values) < 2**53)).all():
        # Whole numbers (counts of people, nearly always) are written, and parsed, faster as integers.
        ordered = ordered.assign(value=ordered["value"].astype("int64"))
    return ordered.to_csv(header=False, index=False, columns=COLUMNS)


def copy_rows(table: str, release_id: int | None, frame: pd.DataFrame) -> None:
    """COPY the frame into ``table`` (the observation table, with ``release_id``, or the staging table)."""
    text = _csv(frame)
    columns = ", ".join(COLUMNS)
    if release_id is not None:
        # The release id is the same on every row: a column default for this statement's rows only would need
        # a second table, so it is written into each line (cheap next to parsing it).
        prefix = f"{int(release_id)},"
        text = prefix + text.replace("\n", "\n" + prefix)[:-len(prefix)]
        columns = "release_id, " + columns
    # FORCE_NOT_NULL: an empty note is the empty string (the column is NOT NULL), never NULL.
    sql = f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (note))"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        copy.write(text)


def _stage(frame: pd.DataFrame) -> None:
    """COPY the frame into a fresh temporary table (dropped at the end of the transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{STAGING}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGING} (indicator_id bigint NOT NULL, place_id bigint NOT NULL, "
            "origin_id bigint, year smallint NOT NULL, sex varchar(1) NOT NULL, value double precision NOT NULL, "
            "note varchar(20) NOT NULL) ON COMMIT DROP"
        )
    copy_rows(STAGING, None, frame)


_MATCH = (
    "o.indicator_id = s.indicator_id AND o.place_id = s.place_id AND o.year = s.year AND o.sex = s.sex "
    "AND COALESCE(o.origin_id, 0) = COALESCE(s.origin_id, 0)"
)
_JOIN = f"FROM {STAGING} s LEFT JOIN {OBSERVATION} o ON o.release_id = %s AND {_MATCH}"
_DROPPED = f"FROM {OBSERVATION} o WHERE o.release_id = %s AND NOT EXISTS (SELECT 1 FROM {STAGING} s WHERE {_MATCH})"


def _staged_counts(release_id: int) -> Counts:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE o.id IS NULL), "
            "count(*) FILTER (WHERE o.id IS NOT NULL AND (o.value <> s.value OR o.note <> s.note)), "
            f"count(*) FILTER (WHERE o.id IS NOT NULL AND o.value = s.value AND o.note = s.note) {_JOIN}",
            [release_id],
        )
        added, replaced, unchanged = cursor.fetchone()
        cursor.execute(f"SELECT count(*) {_DROPPED}", [release_id])
        removed = cursor.fetchone()[0]
    return Counts(added, replaced, unchanged, removed)


def compare(*, release_id: int | None, frame: pd.DataFrame) -> Counts:
    """How many figures would be added, replaced, left unchanged or removed; writes nothing that outlives the call."""
    if release_id is None or not Observation.objects.filter(release_id=release_id).exists():
        return Counts(added=len(frame))
    if _use_copy():
        from django.db import transaction

        with transaction.atomic():
            _stage(frame)
            counts = _staged_counts(release_id)
            transaction.set_rollback(True)
        return counts
    merged, dropped = _merge_existing(release_id, frame)
    return _counts_from_merge(merged, dropped)


def write(*, release_id: int, frame: pd.DataFrame) -> Counts:
    """Make the release hold exactly the figures of ``frame``. Must run inside a transaction."""
    check_references(frame)
    has_rows = Observation.objects.filter(release_id=release_id).exists()
    if not _use_copy():
        return _write_orm(release_id, frame, has_rows)
    if not has_rows:
        copy_rows(OBSERVATION, release_id, frame)
        _analyze_if_large(len(frame))
        return Counts(added=len(frame))
    _stage(frame)
    counts = _staged_counts(release_id)
    update = (
        "DO UPDATE SET value = EXCLUDED.value, note = EXCLUDED.note "
        f"WHERE ({OBSERVATION}.value, {OBSERVATION}.note) IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.note)"
    )
    insert = (
        f"INSERT INTO {OBSERVATION} (release_id, indicator_id, place_id, origin_id, year, sex, value, note) "
        f"SELECT %s, indicator_id, place_id, origin_id, year, sex, value, note FROM {STAGING} "
    )
    with connection.cursor() as cursor:
        # The figures the corrected file no longer has go first, so that nothing else can clash with them.
        cursor.execute(f"DELETE FROM {OBSERVATION} WHERE id IN (SELECT o.id {_DROPPED})", [release_id])
        # One statement per partial unique index: figures without an origin, and origin-destination figures.
        cursor.execute(
            insert + "WHERE origin_id IS NULL ON CONFLICT (release_id, indicator_id, place_id, year, sex) "
            "WHERE origin_id IS NULL " + update, [release_id])
        cursor.execute(
            insert + "WHERE origin_id IS NOT NULL ON CONFLICT (release_id, indicator_id, origin_id, place_id, year, "
            "sex) WHERE origin_id IS NOT NULL " + update, [release_id])
    _analyze_if_large(counts.added + counts.removed)
    return counts


# Below this many changed figures the planner's statistics stay good enough.
ANALYZE_FROM = 10_000


def _analyze_if_large(changed: int) -> None:
    """Refresh the planner's statistics of the figures after a large write, in the import's transaction.

    Until autovacuum gets to it (a minute or more; never where it is off), the planner thinks a new
    release holds almost no figures and reads the whole release for one country's or group's figures:
    115 ms against 4 ms for the API's figures of the GCC on the load database (EXPLAIN ANALYZE, see
    docs/operations.md). ANALYZE samples the table: a fraction of a second even for millions of rows.
    """
    if changed >= ANALYZE_FROM:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {OBSERVATION}")


def _merge_existing(release_id: int, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The file's figures beside the release's (``id`` empty where new), and the release's figures it lacks."""
    existing = pd.DataFrame.from_records(
        Observation.objects.filter(release_id=release_id).values_list(
            "id", "indicator_id", "place_id", "origin_id", "year", "sex", "value", "note"),
        columns=["id", "indicator_id", "place_id", "origin_id", "year", "sex", "old_value", "old_note"],
    )
    key = ["indicator_id", "place_id", "okey", "year", "sex"]
    existing["okey"] = existing["origin_id"].fillna(0).astype("int64")
    left = frame.assign(okey=frame["origin_id"].fillna(0).astype("int64"))
    merged = left.merge(existing.drop(columns=["origin_id"]), on=key, how="left")
    dropped = existing.loc[~existing["id"].isin(merged["id"].dropna())]
    return merged, dropped


def _counts_from_merge(merged: pd.DataFrame, dropped: pd.DataFrame) -> Counts:
    new = merged["id"].isna()
    same = ~new & (merged["old_value"] == merged["value"]) & (merged["old_note"] == merged["note"])
    return Counts(added=int(new.sum()), replaced=int((~new & ~same).sum()), unchanged=int(same.sum()),
                  removed=int(len(dropped)))


def _write_orm(release_id: int, frame: pd.DataFrame, has_rows: bool) -> Counts:
    """The portable path (SQLite in the demo): insert new figures in batches, bulk_update changed ones,
    delete the ones the file no longer has."""
    if has_rows:
        merged, dropped = _merge_existing(release_id, frame)
        counts = _counts_from_merge(merged, dropped)
        Observation.objects.filter(pk__in=dropped["id"].astype(int).tolist()).delete()
        changed = merged.loc[merged["id"].notna() & ~((merged["old_value"] == merged["value"])
                                                     & (merged["old_note"] == merged["note"]))]
        Observation.objects.bulk_update(
            [Observation(id=int(r.id), value=r.value, note=r.note) for r in changed.itertuples(index=False)],
            ["value", "note"], batch_size=2000)
        frame = merged.loc[merged["id"].isna(), COLUMNS]
    else:
        counts = Counts(added=len(frame))
    # Plain parameterised INSERTs, a batch at a time: building 385,000 model instances for bulk_create
    # costs far more than the database's own work here.
    columns = [
        [release_id] * len(frame),
        frame["indicator_id"].astype(int).tolist(),
        frame["place_id"].astype(int).tolist(),
        [None if pd.isna(o) else int(o) for o in frame["origin_id"]],
        frame["year"].astype(int).tolist(),
        frame["sex"].tolist(),
        frame["value"].astype(float).tolist(),
        frame["note"].tolist(),
    ]
    sql = (f"INSERT INTO {OBSERVATION} (release_id, indicator_id, place_id, origin_id, year, sex, value, note) "
           "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)")
    with connection.cursor() as cursor:
        for batch in itertools.batched(zip(*columns, strict=True), 5000):
            cursor.executemany(sql, batch)
    return counts
