from django.db import models


class Heartbeat(models.Model):
    """The last time a background process (worker, beat) proved it was alive."""

    name = models.CharField(max_length=50, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} @ {self.seen_at:%Y-%m-%d %H:%M:%S %Z}"
