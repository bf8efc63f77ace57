"""Views of the programmes app, one module per subject: fetch through the user, validate with forms, write with
services."""
