from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rwg_portal.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by rwg_backup (replaces the database and the files), then verify it."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, archive, yes=False, **options):
        if not yes and input("This replaces the whole database and all files. Type 'restore' to go on: ") != "restore":
            raise CommandError("Nothing was restored.")
        try:
            manifest = restore(Path(archive))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored and verified {len(manifest['tables'])} tables and {len(manifest['files'])} files "
                          f"from the backup of {manifest['created']}.")
