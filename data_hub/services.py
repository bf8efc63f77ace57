"""Writes for the data hub: imports (preview, then all or nothing), releases, groups.

The same ``import_file`` serves the upload page (through a Celery job) and the
``rwg_import`` command: read and validate the file, say what it would change, and, when
asked to, write everything in one transaction.
"""

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from data_hub import caching, loading, notices, permissions
from data_hub.choices import ImportAction, ImportState, PlaceKind
from data_hub.importers import ImportRefused, ParseResult, Problem, parse_file
from data_hub.models import Dataset, ImportJob, Indicator, Observation, Place, Release
from data_hub.notices import gettext as _  # translated again in the reader's language (notices.py)
from data_hub.reference import SECRETARIAT_INDICATORS, UNDESA_LICENCE, UNDESA_PUBLISHER
from rwg_portal.uploads import original_name_of

logger = logging.getLogger(__name__)

# Which built-in dataset a UN DESA file goes to when the uploader names none.
DEFAULT_DATASET = {"undesa_destination": "undesa-stock", "matrix": "undesa-od"}
RELEASE_OPTIONS = ("revision", "title", "citation", "licence", "publisher", "source_url")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


# Importing --------------------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What an import found (``preview``, stored on the job) and, once written, the release."""

    preview: dict
    ok: bool
    release: Release | None = None
    written: bool = False
    errors: list[dict] = field(default_factory=list)


@dataclass
class _Plan:
    dataset: Dataset | None
    new_dataset: dict | None
    release: Release | None
    fields: dict
    make_current: bool
    errors: list[Problem]
    notes: list[str]


def _plan_release(parsed: ParseResult, *, name: str, user, dataset: Dataset | None, agency, options: dict) -> _Plan:
    """Decide which dataset and release the figures go to, and check the user may write there."""
    errors: list[Problem] = []
    notes: list[str] = []
    new_dataset = None
    if dataset is None and options.get("new_dataset_name"):
        new_dataset = {"name_en": options["new_dataset_name"].strip(), "agency": agency,
                       "publisher": options.get("publisher") or (agency.name_en if agency else "")}
        if user is not None and not permissions.can_create_dataset_for(user, agency.pk if agency else None):
            errors.append(Problem(_("You may start datasets only for the agency you represent.")))
    elif dataset is None:
        code = DEFAULT_DATASET.get(parsed.kind)
        if code and parsed.summary.get("indicators") == ["od_migrant_stock"]:
            code = "undesa-od"  # the 2020/2024 workbook by destination and origin (one row per pair)
        dataset = Dataset.objects.filter(code=code).first() if code else None
        if dataset is None:
            errors.append(Problem(_("Choose the dataset these figures belong to, or name a new one.")))
    if dataset is not None and user is not None and not permissions.can_write_dataset(user, dataset):
        errors.append(Problem(
            _("You may not add figures to “%(dataset)s”: only its agency's focal points and alternates, or the "
              "secretariat, may change it.") % {"dataset": dataset.name}))
    agency_id = dataset.agency_id if dataset is not None else getattr((new_dataset or {}).get("agency"), "pk", None)
    if agency_id is not None:
        errors += _secretariat_indicator_problems(parsed)
    meta = parsed.metadata
    is_undesa = dataset is not None and dataset.code.startswith("undesa")
    revision = (options.get("revision") or meta.revision or "").strip()
    year_in_name = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", name)
    if not revision and is_undesa and year_in_name:
        revision = f"POP/DB/MIG/Stock/Rev.{year_in_name.group(1)}"
        notes.append(_("The revision %(revision)s was taken from the file name.") % {"revision": revision})
    if not revision:
        errors.append(Problem(_("Give the revision of these figures (e.g. 2024, or POP/DB/MIG/Stock/Rev.2019).")))
    dataset_name = dataset.name_en if dataset else (new_dataset or {}).get("name_en", "")
    year = re.search(r"(19|20)\d{2}", revision or "")
    year_text = year.group(0) if year else str(timezone.now().year)
    publisher = (options.get("publisher") or meta.publisher or (dataset.publisher if dataset else "")
                 or (new_dataset or {}).get("publisher") or "")
    if is_undesa:
        publisher = publisher or UNDESA_PUBLISHER
        default_title = f"International Migrant Stock {year_text}"
        default_citation = (f"{UNDESA_PUBLISHER} ({year_text}). {meta.title or default_title} "
                            f"(United Nations database, {revision}).")
    else:
        default_title = f"{dataset_name} {revision}".strip()
        default_citation = f"{publisher or dataset_name} ({year_text}). {dataset_name}, {revision}."
    fields = {
        "revision": revision[:100],
        "title": (options.get("title") or meta.title or default_title)[:255],
        "citation": options.get("citation") or meta.citation or default_citation,
        "licence": (options.get("licence") or meta.licence or (UNDESA_LICENCE if is_undesa else ""))[:255],
        "publisher": (publisher or dataset_name)[:255],
        "source_url": options.get("source_url") or "",
    }
    release = Release.objects.filter(dataset=dataset, revision=revision).first() if dataset and revision else None
    if release is not None and user is not None and not permissions.can_change_release(user, release):
        errors.append(Problem(_("You may not change the release %(revision)s.") % {"revision": revision}))
    if agency_id is not None:
        notes.append(_("Figures of an agency's dataset stay unpublished until the secretariat (or the agency, for "
                       "indicators of its own) publishes the release."))
    has_current = dataset is not None and dataset.releases.filter(is_current=True).exists()
    make_current = bool(options.get("make_current", True)) or not has_current
    return _Plan(dataset, new_dataset, release, fields, make_current, errors, notes)


def _secretariat_indicator_problems(parsed: ParseResult) -> list[Problem]:
    """One problem per indicator of UN DESA's series found in a file bound for an agency's dataset, at its first
    row (an agency's release could otherwise stand beside, or in for, the official figures)."""
    figures = parsed.figures
    used = figures.loc[figures["indicator"].isin(SECRETARIAT_INDICATORS)]
    problems = []
    for code, rows in used.groupby("indicator", sort=True, observed=True):
        first = rows.iloc[0]
        column = parsed.indicator_columns.get(first["sheet"], first["column"])
        problems.append(Problem(
            _("The indicator “%(code)s” belongs to the secretariat's datasets (UN DESA's official figures): an "
              "agency's dataset may not hold it (%(count)s figure(s) in this file). Use an indicator of your own, "
              "with its name in the column indicator_name.") % {"code": code, "count": len(rows)},
            sheet=str(first["sheet"]), row=int(first["row"]), column=column))
    return problems


def import_file(*, path: Path, name: str, user=None, dataset: Dataset | None = None, agency=None,
                options: dict | None = None, commit: bool = False, sha256: str | None = None,
                progress=None) -> ImportOutcome:
    """Read, validate and preview a file; with ``commit``, write it all or nothing.

    ``user`` None means the operator at the command line (trusted, recorded as nobody).
    Raises ``ImportRefused`` when the file cannot be opened at all.
    """
    options = options or {}
    report = progress or (lambda percent, stage: None)
    sha256 = sha256 or file_sha256(path)
    parsed = parse_file(Path(path), name=name, progress=report)
    plan = _plan_release(parsed, name=name, user=user, dataset=dataset, agency=agency, options=options)
    errors = parsed.errors + plan.errors
    preview = {
        "kind": parsed.kind,
        **parsed.summary,
        "metadata": parsed.metadata.as_dict(),
        "notes": parsed.notes + plan.notes,
        "notes_i18n": [notices.stored(note) for note in parsed.notes + plan.notes],
        "warnings": [w.as_dict() for w in parsed.warnings],
        "errors": [e.as_dict() for e in errors[:500]],
        "error_count": len(errors) + sum(max(0, n - 200) for n in parsed.summary.get("errors_by_kind", {}).values()),
        "new_indicators": parsed.new_indicators,
        "dataset": plan.dataset.name_en if plan.dataset else (plan.new_dataset or {}).get("name_en", ""),
        "release": plan.fields,
        "existing_release": plan.release.pk if plan.release else None,
        "make_current": plan.make_current,
        "sha256": sha256,
    }
    if errors:
        return ImportOutcome(preview=preview, ok=False, errors=preview["errors"])
    report(70, "comparing")
    known = dict(Indicator.objects.values_list("code", "id"))
    # New indicators have no figures yet: any id that no observation uses will do for the comparison.
    provisional = {code: -(i + 1) for i, code in enumerate(parsed.new_indicators)}
    already = plan.release is not None and plan.release.file_sha256 == sha256
    frame = loading.prepare(parsed.figures, known | provisional)
    preview["sample"] = _sample_rows(frame, parsed)
    if already:
        counts = loading.Counts(unchanged=len(frame))
        note = _("This very file was imported already (same checksum): nothing will change.")
        preview["notes"].append(note)
        preview["notes_i18n"].append(notices.stored(note))
    else:
        counts = loading.compare(release_id=plan.release.pk if plan.release else None, frame=frame)
    preview.update(counts.as_dict(), already_imported=already)
    if not commit:
        return ImportOutcome(preview=preview, ok=True, release=plan.release)
    if already:
        return ImportOutcome(preview=preview, ok=True, release=plan.release, written=False)
    report(80, "writing")
    release = _write_release(plan=plan, parsed=parsed, user=user, agency=agency, name=name, sha256=sha256)
    return ImportOutcome(preview=preview, ok=True, release=release, written=True)


SAMPLE_SIZE = 8


def _sample_rows(frame, parsed: ParseResult) -> list[dict]:
    """A few figures exactly as they will be stored (indicator, place, origin, year, sex, value, note), spread over
    the file (first, last and evenly between), with the sheet and row they come from: the uploader sees what the
    portal understood before confirming."""
    if frame.empty:
        return []
    count = len(frame)
    positions = sorted({round(i * (count - 1) / max(1, SAMPLE_SIZE - 1)) for i in range(min(SAMPLE_SIZE, count))})
    ids = {int(frame["place_id"].iat[i]) for i in positions}
    ids |= {int(frame["origin_id"].iat[i]) for i in positions if not pd.isna(frame["origin_id"].iat[i])}
    places = {p.pk: p for p in Place.objects.filter(pk__in=ids).only("id", "code", "name_en")}
    rows = []
    for i in positions:
        origin = frame["origin_id"].iat[i]
        place, source = places.get(int(frame["place_id"].iat[i])), parsed.figures.iloc[i]
        origin_place = None if pd.isna(origin) else places.get(int(origin))
        value = float(frame["value"].iat[i])
        rows.append({
            "indicator": str(parsed.figures["indicator"].iat[i]),
            "place": place.code if place else "", "place_name": place.name_en if place else "",
            "origin": origin_place.code if origin_place else "",
            "origin_name": origin_place.name_en if origin_place else "",
            "year": int(frame["year"].iat[i]), "sex": str(frame["sex"].iat[i]),
            "value": int(value) if value.is_integer() else value, "note": str(frame["note"].iat[i]),
            "sheet": str(source["sheet"]), "row": int(source["row"]) if not pd.isna(source["row"]) else None,
        })
    return rows


@transaction.atomic
def _write_release(*, plan: _Plan, parsed: ParseResult, user, agency, name: str, sha256: str) -> Release:
    """Create what is new (dataset, indicators, release), write the figures, record provenance. All or nothing."""
    dataset = plan.dataset
    if dataset is None:
        dataset = Dataset(code=_unique_dataset_code(plan.new_dataset["name_en"]), **plan.new_dataset)
        dataset.full_clean()
        dataset.save()
    for code, new in parsed.new_indicators.items():
        indicator = Indicator(code=code, name_en=new["name"][:200], unit=new["unit"], has_origin=new["has_origin"],
                              additive=new["unit"] != "percent",
                              aggregation="sum" if new["unit"] != "percent" else "none", agency=agency)
        indicator.full_clean()
        indicator.save()
    release = plan.release or Release(dataset=dataset)
    for key, value in plan.fields.items():
        setattr(release, key, value)
    if dataset.agency_id is not None:
        # An agency's figures are public once the secretariat (or the agency, for its own indicators) publishes
        # them: a new release starts unpublished, and a re-import withdraws the release until then.
        release.is_published = False
    release.file_name = name[:255]
    release.file_sha256 = sha256
    release.imported_by = user
    release.imported_at = timezone.now()
    release.full_clean(exclude=["summary"])
    release._change_reason = f"imported {name}"
    release.save()
    indicator_ids = dict(Indicator.objects.values_list("code", "id"))
    counts = loading.write(release_id=release.pk, frame=loading.prepare(parsed.figures, indicator_ids))
    # A new release holds exactly the file's figures: summarise them without reading them back.
    release.summary = summary_of(parsed) if counts.added == len(parsed.figures) and plan.release is None \
        else release_summary(release)
    if plan.make_current:
        Release.objects.filter(dataset=dataset, is_current=True).exclude(pk=release.pk).update(is_current=False)
        release.is_current = True
    release.save(update_fields=["summary", "is_current"])
    caching.bump_version()
    return release


def _unique_dataset_code(name: str) -> str:
    base = slugify(name)[:40] or "dataset"
    code, n = base, 1
    while Dataset.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def summary_of(parsed: ParseResult) -> dict:
    figures = parsed.figures
    return {"indicators": sorted(figures["indicator"].unique().tolist()),
            "years": sorted(int(y) for y in figures["year"].unique()), "figures": int(len(figures)),
            "places": int(figures["place_id"].nunique())}


def release_summary(release: Release) -> dict:
    """Indicators, years and counts of a release, kept on it so that pages need not scan its figures."""
    rows = Observation.objects.filter(release_id=release.pk)
    indicators = Indicator.objects.filter(pk__in=rows.values("indicator_id").distinct()).values_list("code", flat=True)
    years = rows.values_list("year", flat=True).distinct().order_by("year")
    return {"indicators": sorted(indicators), "years": list(years), "figures": rows.count(),
            "places": rows.values("place_id").distinct().count()}


# Import jobs ------------------------------------------------------------------------------------------


@transaction.atomic
def import_job_create(*, user, upload: UploadedFile, dataset: Dataset | None = None, agency=None,
                      options: dict | None = None) -> ImportJob:
    """Store the upload and queue its preview. Nothing is imported until the uploader confirms."""
    if not permissions.can_import(user):
        raise PermissionDenied
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    job = ImportJob(
        original_name=original_name_of(upload.name) or "upload", size=upload.size or 0, sha256=digest.hexdigest(),
        dataset=dataset, agency=agency, created_by=user,
        # Messages (problems, errors) are written in the uploader's language by the worker.
        options={"language": translation.get_language() or "en", **(options or {})},
    )
    job.file.save(job.original_name, upload, save=False)  # under a generated name (models.import_upload_to)
    job.full_clean()
    job.save()
    job.enqueue()
    return job


@transaction.atomic
def import_job_record(*, outcome: ImportOutcome, path: Path, name: str, user=None, via: str = "command") -> ImportJob:
    """A finished job row for an import written outside the upload page (``rwg_import``, the demo), so that the
    imports list shows every release loaded, whoever loaded it and however."""
    now = timezone.now()
    release = outcome.release
    job = ImportJob(
        state=ImportState.DONE, action=ImportAction.IMPORT, progress=100, original_name=name[:255],
        size=Path(path).stat().st_size, sha256=outcome.preview.get("sha256", ""),
        kind=outcome.preview.get("kind") or "", dataset=release.dataset if release else None,
        agency=release.dataset.agency if release else None, options={"via": via},
        preview=outcome.preview, release=release, created_by=user, created_at=now, started_at=now, finished_at=now,
    )
    job.full_clean(exclude=["file"])
    job._change_reason = "imported from the command line"
    job.save()
    return job


@transaction.atomic
def import_job_confirm(*, job: ImportJob, user) -> ImportJob:
    """Queue the import of a previewed file; refused unless the preview is ready and clean."""
    if not permissions.can_import(user) or not permissions.can_view_import(user, job):
        raise PermissionDenied
    changed = ImportJob.objects.filter(pk=job.pk, state=ImportState.READY, action=ImportAction.PREVIEW).update(
        state=ImportState.PENDING, action=ImportAction.IMPORT, progress=0, stage="")
    if not changed:
        raise ValidationError(_("This import is not waiting for confirmation."))
    job.refresh_from_db()
    job.enqueue()
    return job


@transaction.atomic
def import_job_cancel(*, job: ImportJob, user) -> ImportJob:
    if not permissions.can_view_import(user, job):
        raise PermissionDenied
    changed = ImportJob.objects.filter(pk=job.pk, state__in=[ImportState.READY, ImportState.FAILED]).update(
        state=ImportState.CANCELLED, finished_at=timezone.now())
    if not changed:
        raise ValidationError(_("Only a previewed or failed import can be cancelled."))
    job.refresh_from_db()
    if job.file:
        job.file.delete(save=False)
        job.save(update_fields=["file"])
    return job


def _set_progress(job_id: int, percent: int, stage: str) -> None:
    ImportJob.objects.filter(pk=job_id).update(progress=min(100, max(0, percent)), stage=stage)


def import_job_run(*, job_id: int) -> None:
    """The worker's part: preview or import the job's file, recording progress and the outcome on the row."""
    if not ImportJob.claim(job_id, progress=1, stage="starting"):
        logger.info("import job %s is not pending; nothing to do", job_id)
        return
    job = ImportJob.objects.select_related("created_by", "dataset", "agency").get(pk=job_id)
    commit = job.action == ImportAction.IMPORT
    with translation.override(job.options.get("language") or "en"):
        try:
            outcome = import_file(
                path=Path(job.file.path), name=job.original_name, user=job.created_by, dataset=job.dataset,
                agency=job.agency, options=job.options, commit=commit, sha256=job.sha256,
                progress=lambda percent, stage: _set_progress(job_id, percent, stage),
            )
        except ImportRefused as exc:
            _finish(job_id, ImportState.FAILED, preview={"errors": [{"message": str(exc)}], "error_count": 1},
                    error=str(exc), remove_file=True)
            return
        except Exception as exc:  # recorded on the job so the uploader sees it; the transaction rolled back
            logger.exception("import job %s failed", job_id)
            _finish(job_id, ImportState.FAILED, error=_("The import failed and changed nothing: %(error)s")
                    % {"error": str(exc)[:500]})
            return
    if not outcome.ok:
        # The uploader corrects the file and uploads it again: this copy is of no further use.
        _finish(job_id, ImportState.FAILED, preview=outcome.preview, remove_file=True,
                error=_("The file has %(count)s problem(s); nothing was imported.")
                % {"count": outcome.preview["error_count"]})
    elif commit:
        _finish(job_id, ImportState.DONE, preview=outcome.preview, release=outcome.release, remove_file=True)
    else:
        _finish(job_id, ImportState.READY, preview=outcome.preview)


def _finish(job_id: int, state: str, *, preview: dict | None = None, error: str = "",
            release: Release | None = None, remove_file: bool = False) -> None:
    job = ImportJob.objects.get(pk=job_id)
    if remove_file and job.file:
        job.file.delete(save=False)
    job.state = state
    job.progress = 100
    job.stage = ""
    job.error = error
    job.finished_at = timezone.now()
    if preview is not None:
        job.preview = preview
    if release is not None:
        job.release = release
    job.save()


# Releases ---------------------------------------------------------------------------------------------


@transaction.atomic
def release_set_current(*, release: Release, user) -> Release:
    """Make this revision the current one of its dataset (the one pages and the API use by default)."""
    if not permissions.can_change_release(user, release):
        raise PermissionDenied
    Release.objects.filter(dataset_id=release.dataset_id, is_current=True).exclude(pk=release.pk).update(
        is_current=False)
    release.is_current = True
    release._change_reason = "made current"
    release.save(update_fields=["is_current"])
    caching.bump_version()
    return release


@transaction.atomic
def release_set_published(*, release: Release, published: bool, user) -> Release:
    allowed = permissions.can_publish_release if published else permissions.can_change_release
    if not allowed(user, release):
        raise PermissionDenied
    release.is_published = published
    release._change_reason = "published" if published else "withdrawn"
    release.save(update_fields=["is_published"])
    caching.bump_version()
    return release


@transaction.atomic
def release_delete(*, release: Release, user) -> None:
    """Delete a release and all its figures (reports that named it say so when rebuilt)."""
    if not permissions.can_change_release(user, release):
        raise PermissionDenied
    ImportJob.objects.filter(release=release).update(release=None)
    Observation.objects.filter(release_id=release.pk).delete()
    release._change_reason = "deleted"
    release.delete()
    caching.bump_version()


# Groups -----------------------------------------------------------------------------------------------


@transaction.atomic
def group_create(*, code: str, name_en: str, name_ar: str = "", name_fr: str = "", members: list[Place],
                 user) -> Place:
    if not permissions.can_define_groups(user):
        raise PermissionDenied
    group = Place(code=code.strip().upper(), kind=PlaceKind.GROUP, name_en=name_en, name_ar=name_ar, name_fr=name_fr,
                  created_by=user)
    group.full_clean()
    group.save()
    group.members.set([m for m in members if not m.is_group])
    caching.bump_version()
    return group


@transaction.atomic
def group_update(*, group: Place, name_en: str, name_ar: str = "", name_fr: str = "", members: list[Place],
                 user) -> Place:
    if not permissions.can_change_group(user, group):
        raise PermissionDenied
    group.name_en, group.name_ar, group.name_fr = name_en, name_ar, name_fr
    group.full_clean()
    group.save()
    group.members.set([m for m in members if not m.is_group])
    caching.bump_version()
    return group


@transaction.atomic
def group_delete(*, group: Place, user) -> None:
    if not permissions.can_change_group(user, group):
        raise PermissionDenied
    group.delete()
    caching.bump_version()
