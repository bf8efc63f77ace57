import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Load the demo content of every app (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--allow-outside-development", action="store_true",
                            help="Load the demo even though RWG_DEBUG is off (a test or staging database).")

    def handle(self, *args, **options):
        # The demo creates a superuser with a published password and TOTP secret: never by mistake
        # against production settings.
        if not settings.DEBUG and not options["allow_outside_development"]:
            raise CommandError("rwg_demo runs only in development mode (RWG_DEBUG=true); it creates accounts "
                               "with a published password. Pass --allow-outside-development to load it anyway.")
        # Each app that has demo content offers ``<app>.demo.load()``, and may offer ``summary()``, text
        # to print at the end (the members' demo logins). Apps load in INSTALLED_APPS order (members first).
        summaries = []
        for app in (config.name for config in apps.get_app_configs()):
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            if not hasattr(module, "load"):  # the shell's own demo module holds helpers only
                continue
            module.load()
            self.stdout.write(f"  demo content of {app}: loaded")
            if hasattr(module, "summary"):
                summaries.append(module.summary())
        self.stdout.write("\n".join(summaries))
