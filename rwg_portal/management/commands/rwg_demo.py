import importlib
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from members.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, LOGINS

# Each app that has demo content offers ``<app>.demo.load()``; order matters (members first).
DEMO_APPS = ["members", "meetings", "programmes", "data_hub", "reports"]


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
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            module.load()
            self.stdout.write(f"  demo content of {app}: loaded")
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))
        lines = [
            "",
            "Demo logins (all demo content is labelled as such). Password for every account: " + DEMO_PASSWORD,
            *[f"  {label:<34} {email}" for label, email in LOGINS],
            "",
            "Two-factor (secretariat and admin): add this TOTP secret to an authenticator app:",
            f"  {DEMO_TOTP_SECRET}",
            f"  or type the current code (valid for about 30 s, now: {code});",
            "  print a fresh one at any time with: .venv/bin/python manage.py rwg_totp",
            "",
        ]
        self.stdout.write("\n".join(lines))
