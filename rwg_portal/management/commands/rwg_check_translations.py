from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Fail unless every interface string has an Arabic and a French translation (no empty or fuzzy entry)."

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        problems = []
        catalogues = [*base.glob("locale/*/LC_MESSAGES/django.po"), *base.glob("*/locale/*/LC_MESSAGES/django.po")]
        for po_path in sorted(catalogues):
            po = polib.pofile(str(po_path))
            untranslated = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
            total = len([e for e in po if not e.obsolete])
            self.stdout.write(f"{po_path.relative_to(base)}: {total - len(untranslated)}/{total} translated")
            problems += [f"{po_path.relative_to(base)}: {msgid[:70]!r}" for msgid in untranslated]
        if not catalogues:
            raise CommandError("no catalogue found")
        if problems:
            raise CommandError(f"{len(problems)} untranslated strings:\n" + "\n".join(problems[:50]))
