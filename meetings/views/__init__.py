"""Views of the meetings app, one module per subject. They read through selectors and write through services."""
