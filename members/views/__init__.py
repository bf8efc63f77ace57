"""Views of the members app, one module per subject. They read through selectors and write through services."""
