import importlib
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from members.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, LOGINS

# Each app that has demo content offers ``<app>.demo.load()``; order matters (members first).
DEMO_APPS = ["members", "meetings", "programmes", "data_hub", "reports"]


class Command(BaseCommand):
    help = "Load the demo content of every app (idempotent) and print the demo logins."

    def handle(self, *args, **options):
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
