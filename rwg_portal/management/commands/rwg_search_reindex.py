from django.core.management.base import BaseCommand, CommandError

from rwg_portal.registry import SEARCH_SOURCES
from rwg_portal.search import reindex


class Command(BaseCommand):
    help = "Index the searchable records again (all, or with --missing those not yet in the index)."

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help=f"one source only: {', '.join(sorted(SEARCH_SOURCES))}")
        parser.add_argument("--missing", action="store_true",
                            help="only records without a search document (run at every start; quick when none)")

    def handle(self, *args, source=None, missing=False, **options):
        if source and source not in SEARCH_SOURCES:
            raise CommandError(f"unknown source {source!r}; known: {', '.join(sorted(SEARCH_SOURCES))}")
        count = reindex(source, missing_only=missing)
        self.stdout.write(f"Indexed {count} records.")
