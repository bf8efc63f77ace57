from django.core.management.base import BaseCommand

from members.services import seed_reference_data


class Command(BaseCommand):
    help = "Create the reference data from the terms of reference (idempotent)."

    def handle(self, *args, **options):
        seed_reference_data()
        self.stdout.write("Reference data is in place.")
