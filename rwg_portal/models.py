from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last time a background process (worker, beat) proved it was alive."""

    name = models.CharField(max_length=50, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} @ {self.seen_at:%Y-%m-%d %H:%M:%S %Z}"


class SecurityEvent(models.Model):
    """One security-relevant event: who, when, from where (OWASP ASVS V6/V16 logging)."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOGOUT = "logout", _("Signed out")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset")
        MFA_ADDED = "mfa_added", _("Two-factor method added")
        MFA_REMOVED = "mfa_removed", _("Two-factor method removed")
        MFA_FAILED = "mfa_failed", _("Failed two-factor code")
        ROLE_CHANGED = "role_changed", _("Role or agency changed")
        DESIGNATION_CHANGED = "designation_changed", _("Designation changed")
        INVITATION = "invitation", _("Invitation sent")
        SESSION_EXPIRED = "session_expired", _("Idle session ended")

    kind = models.CharField(max_length=30, choices=Kind.choices, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey("members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor = models.ForeignKey("members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    email = models.CharField(max_length=254, blank=True, help_text="The account concerned, as typed for failures.")
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.email}"


class SearchDocument(models.Model):
    """One record as the portal-wide search sees it (docs/search.md).

    ``source`` names the registered :class:`~rwg_portal.registry.SearchSource` and, with
    ``object_id``, points at the record: a generic relation that needs no import of the apps.
    The ``body_*`` texts are normalised (Arabic spelling variants folded, see
    ``rwg_portal.search.normalise``); ``vector`` is PostgreSQL's tsvector over them, one text
    search configuration per language, kept current by the save signals; ``plain`` is the same
    text lower-cased, for the SQLite fallback. Who may see a record is never stored here: it is
    asked of the app's selectors at every search.
    """

    source = models.CharField(max_length=50)
    object_id = models.PositiveBigIntegerField()
    url = models.CharField(max_length=500)
    title_en = models.CharField(max_length=500, blank=True)
    title_fr = models.CharField(max_length=500, blank=True)
    title_ar = models.CharField(max_length=500, blank=True)
    body_en = models.TextField(blank=True)
    body_fr = models.TextField(blank=True)
    body_ar = models.TextField(blank=True)
    plain = models.TextField(blank=True)
    vector = SearchVectorField(null=True)
    # The facets again, one "facet=value" a line, read with the matches: counting them needs no second
    # query over every match, and plain text is read faster than JSON (docs/search.md, "Speed").
    # ``SearchFacet`` rows serve the facet filters.
    facet_values = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "object_id"], name="search_document_unique")]

    def __str__(self):
        return f"{self.source} {self.object_id}"


class SearchFacet(models.Model):
    """A facet value of a search document (agency, year, country, GCM objective, SDG target)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["facet", "value"], name="search_facet_value")]

    def __str__(self):
        return f"{self.facet}={self.value}"
