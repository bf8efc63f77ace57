from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rwg_portal.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded and generated files into one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("output", nargs="?", help="archive path (default: rwg-backup-<time>.tar.gz)")

    def handle(self, *args, output=None, **options):
        path = Path(output or f"rwg-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        try:
            manifest = backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"Backed up {len(manifest['tables'])} tables ({rows} rows) and "
                          f"{len(manifest['files'])} files to {path}")
