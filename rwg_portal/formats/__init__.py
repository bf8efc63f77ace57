"""The portal's own locale formats (FORMAT_MODULE_PATH): only what differs from Django's, which fills
in the rest. See rwg_portal/formats/ar/formats.py for the Arabic figures and why."""
