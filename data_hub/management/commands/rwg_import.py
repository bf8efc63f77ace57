"""Import a statistical file from the command line, exactly as the upload page does (same checks, all or nothing)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from data_hub import services
from data_hub.importers import ImportRefused
from data_hub.models import Dataset
from members.models import Agency, User


class Command(BaseCommand):
    help = (
        "Import a UN DESA workbook, an origin-destination table or the portal's template into the data hub. "
        "With --dry-run, only show the preview (what would be added or replaced, and any problem)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .xlsx, .xls or .csv file.")
        parser.add_argument("--dry-run", action="store_true", help="Check and preview; write nothing.")
        parser.add_argument("--dataset", help="Code of the dataset (default: recognised from a UN DESA file).")
        parser.add_argument("--new-dataset", help="Start a new dataset with this name.")
        parser.add_argument("--agency", help="Acronym of the agency whose own data a new dataset is.")
        parser.add_argument("--revision", help="Revision, e.g. POP/DB/MIG/Stock/Rev.2024 (UN DESA files state it).")
        parser.add_argument("--title")
        parser.add_argument("--citation")
        parser.add_argument("--licence")
        parser.add_argument("--publisher")
        parser.add_argument("--source-url")
        parser.add_argument("--not-current", action="store_true",
                            help="Do not make the release the dataset's current one (unless it has none).")
        parser.add_argument("--user", help="E-mail of the person recorded as the importer (default: nobody).")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        dataset = agency = user = None
        if options["dataset"]:
            dataset = Dataset.objects.filter(code=options["dataset"]).first()
            if dataset is None:
                codes = ", ".join(Dataset.objects.values_list("code", flat=True))
                raise CommandError(f"Unknown dataset {options['dataset']!r}; known: {codes}")
        if options["agency"]:
            agency = Agency.objects.filter(acronym=options["agency"]).first()
            if agency is None:
                raise CommandError(f"Unknown agency {options['agency']!r}")
        if options["user"]:
            user = User.objects.filter(email=options["user"].lower()).first()
            if user is None:
                raise CommandError(f"Unknown user {options['user']!r}")
        release_options = {key: options[key] for key in ("revision", "title", "citation", "licence", "publisher")
                           if options[key]}
        if options["source_url"]:
            release_options["source_url"] = options["source_url"]
        if options["new_dataset"]:
            release_options["new_dataset_name"] = options["new_dataset"]
        release_options["make_current"] = not options["not_current"]
        started = time.perf_counter()
        try:
            outcome = services.import_file(path=path, name=path.name, user=user, dataset=dataset, agency=agency,
                                           options=release_options, commit=not options["dry_run"],
                                           progress=self._progress if options["verbosity"] > 1 else None)
        except ImportRefused as exc:
            raise CommandError(str(exc)) from None
        self._report(outcome.preview)
        if not outcome.ok:
            raise CommandError(f"{outcome.preview['error_count']} problem(s); nothing was imported.")
        elapsed = time.perf_counter() - started
        if options["dry_run"]:
            self.stdout.write(f"Dry run: nothing was written ({elapsed:.2f} s).")
        elif outcome.written:
            # Listed on the imports page like an upload (as the secretariat's, or the --user's).
            services.import_job_record(outcome=outcome, path=path, name=path.name, user=user)
            self.stdout.write(self.style.SUCCESS(
                f"Imported into release {outcome.release.pk} ({outcome.release}) in {elapsed:.2f} s."))
        else:
            self.stdout.write(f"Nothing changed: this file was imported already (release {outcome.release.pk}).")

    def _progress(self, percent, stage):
        self.stdout.write(f"  {percent:3d} % {stage}")

    def _report(self, preview: dict) -> None:
        release = preview.get("release") or {}
        lines = [
            f"File kind:        {preview.get('kind') or '?'}",
            f"Dataset:          {preview.get('dataset') or '?'}",
            f"Revision:         {release.get('revision') or '?'}",
            f"Citation:         {release.get('citation') or '?'}",
            f"Rows read:        {preview.get('rows_read', 0)}",
            f"Figures read:     {preview.get('figures', 0)} (cells not available: {preview.get('missing', 0)})",
        ]
        if "to_add" in preview:
            lines.append(f"To add / replace / unchanged / remove: {preview['to_add']} / {preview['to_replace']} / "
                         f"{preview['unchanged']} / {preview.get('to_remove', 0)}")
        lines += [f"Note: {note}" for note in preview.get("notes", [])]
        for problem in preview.get("errors", []):
            where = ", ".join(str(p) for p in (problem.get("sheet"), problem.get("row") and f"row {problem['row']}",
                                               problem.get("column") and f"column {problem['column']}") if p)
            lines.append(f"Problem: {where + ': ' if where else ''}{problem['message']}")
        self.stdout.write("\n".join(lines))
