#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")
    # A developer's shell with no configuration at all gets development mode; wherever a
    # secret key is configured (production, CI's deploy check), nothing is assumed.
    if not os.environ.get("RWG_SECRET_KEY") and not os.environ.get("RWG_SECRET_KEY_FILE"):
        os.environ.setdefault("RWG_DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
