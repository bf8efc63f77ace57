"""Build the maps' projected frames once, into the data directory, so that no page waits for them."""

import time

from django.core.management.base import BaseCommand

from data_hub import maps


class Command(BaseCommand):
    requires_system_checks = []  # needs no database: it may run before one exists (bin/setup prepare)
    help = "Decode and project the world atlas for every map frame (kept in RWG_DATA_DIR/cache/map-frames)."

    def handle(self, *args, **options):
        for name in maps.FRAMES:
            started = time.monotonic()
            projected = maps.frame_shapes(name)
            self.stdout.write(f"{name}: {len(projected.shapes)} areas in {time.monotonic() - started:.1f} s")
