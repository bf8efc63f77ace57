"""Counts what the every-URL test checked; tests/conftest.py prints it at the end of the run."""

CHECKED = {"cases": 0}
