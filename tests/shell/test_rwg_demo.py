"""``rwg_demo`` creates accounts with a published password and TOTP secret: development only."""

import pytest
from django.core.management import CommandError, call_command

from members.models import User

pytestmark = pytest.mark.django_db


def test_rwg_demo_refuses_outside_development_mode(settings):
    settings.DEBUG = False  # production settings (RWG_DEBUG off)
    before = User.objects.count()
    with pytest.raises(CommandError, match="development"):
        call_command("rwg_demo")
    assert User.objects.count() == before
    assert not User.objects.filter(is_superuser=True).exists()


def test_rwg_demo_states_its_flag(settings):
    from rwg_portal.management.commands import rwg_demo

    parser = rwg_demo.Command().create_parser("manage.py", "rwg_demo")
    assert parser.parse_args(["--allow-outside-development"]).allow_outside_development is True
