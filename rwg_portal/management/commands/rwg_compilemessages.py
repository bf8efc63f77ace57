from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every gettext catalogue (.po to .mo) without needing GNU gettext installed."

    def handle(self, *args, **options):
        count = 0
        base = Path(settings.BASE_DIR)
        # The shell's catalogue and each app's own (apps keep theirs beside their code).
        for po_path in [*base.glob("locale/*/LC_MESSAGES/*.po"), *base.glob("*/locale/*/LC_MESSAGES/*.po")]:
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                count += 1
        self.stdout.write(f"Compiled {count} catalogue(s).")
