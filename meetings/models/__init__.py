"""Models of the meetings app (being split into one module per subject)."""

from meetings.models.meetings import *  # noqa: F403
