"""Writes of the meetings app, one module per subject; all keyword-only, validated, atomic."""
