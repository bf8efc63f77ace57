"""Where apps plug into the shell: navigation entries and dashboard panels.

Each app registers its entries in ``AppConfig.ready()``, so the shell's templates never
need to know which apps exist.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation, shown to the users for whom ``visible`` is true."""

    label: str
    url_name: str
    visible: Callable
    order: int = 100


@dataclass(frozen=True)
class Panel:
    """A dashboard panel: ``render`` returns (template name, context) or None to hide it.

    ``shared``, when given, returns the scope within which every viewer sees the same panel (a
    role, a set of agencies), or None to hide it; the panel is then rendered once per scope and
    content version of ``apps`` and kept in the shared cache (``rwg_portal.dashboard_cache``).
    """

    render: Callable[[HttpRequest], tuple[str, dict] | None]
    order: int = 100
    shared: Callable[[HttpRequest], str | None] | None = None
    apps: tuple[str, ...] = ()


NAV_ITEMS: list[NavItem] = []
DASHBOARD_PANELS: list[Panel] = []


def register_nav(label: str, url_name: str, visible: Callable, order: int = 100) -> None:
    NAV_ITEMS.append(NavItem(label, url_name, visible, order))
    NAV_ITEMS.sort(key=lambda item: item.order)


def register_panel(render: Callable[[HttpRequest], tuple[str, dict] | None], order: int = 100, *,
                   shared: Callable[[HttpRequest], str | None] | None = None, apps: tuple[str, ...] = ()) -> None:
    DASHBOARD_PANELS.append(Panel(render, order, shared, apps))
    DASHBOARD_PANELS.sort(key=lambda panel: panel.order)


@dataclass
class SearchEntry:
    """What the search index keeps of one record: its texts by language and its facets.

    ``texts`` maps a language ("en", "fr", "ar"; "" when unknown, guessed from the script)
    to (title, body). ``facets`` maps a facet ("agency", "year", "country", "gcm", "sdg")
    to its values. ``url`` is the page the result leads to.
    """

    url: str
    texts: dict[str, tuple[str, str]]
    facets: dict[str, list[str]]


@dataclass(frozen=True)
class SearchSource:
    """A kind of record the portal-wide search finds, registered by the app that owns it.

    ``visible(user)`` returns the queryset of ``model`` rows whose page the user may open (built
    from the app's own selectors, so search shows exactly what the pages show); ``entry(obj)``
    returns the record's :class:`SearchEntry`, or None to keep it out of the index. ``follows``
    lists (model, function of an instance returning the primary keys of this source's records to
    re-index) for records whose text lives in other tables (agenda items of a meeting, versions of
    a paper). The function may be called on a deleted instance: it reads ids, not relations.
    ``indexable()``, for a source whose ``entry`` keeps some records out, returns the queryset of
    the records it may index (the same rule, or a wider one, never a narrower one): the index is
    completed at every start (``rwg_search_reindex --missing``) by looking only at those, without
    building the entry of every record kept out each time.
    """

    key: str
    label: object
    model: type
    visible: Callable
    entry: Callable
    follows: tuple = ()
    order: int = 100
    indexable: Callable | None = None


SEARCH_SOURCES: dict[str, SearchSource] = {}
FACET_LABELS: dict[str, Callable[[str], str]] = {}


def register_search(source: SearchSource) -> None:
    """Add a searchable source; the shell indexes its records on save (see rwg_portal/search.py)."""
    from rwg_portal.search import connect

    SEARCH_SOURCES[source.key] = source
    connect(source)


def register_facet_labels(facet: str, label: Callable[[str], str]) -> None:
    """How the values of a facet are shown (country codes as names, for instance)."""
    FACET_LABELS[facet] = label


# What the shell needs of the apps below it, registered by them: the shell imports no app.

SITEMAPS: dict[str, type] = {}  # sitemap.xml's sections (rwg_portal/sitemaps.py), by key
JOBS: dict[str, type] = {}  # kinds of jobs (rwg_portal.jobs.Job models) swept by rwg_portal.tasks.sweep_jobs
_HOOKS: dict[str, Callable] = {}


def register_sitemap(key: str, sitemap: type) -> None:
    SITEMAPS[key] = sitemap


def register_job(name: str, model: type) -> None:
    """Jobs of kind ``name`` (imports, builds, bundles), rows of ``model`` (a rwg_portal.jobs.Job), that
    the shell's beat task sweeps: it fails those whose worker was lost and publishes again those
    saved while the broker was away."""
    JOBS[name] = model


def register_hook(name: str, function: Callable) -> None:
    """A function of an app that the shell calls by name; the names the shell uses are those of
    ``hook`` calls: ``is_secretariat(user)``, ``needs_two_factor(user)``,
    ``user_set_language(user=, language=)``, ``role_label(code)``, ``designation_role_label(code)``,
    ``agency_acronyms(ids) -> {id: acronym}`` (members), ``data_version() -> int`` (data_hub);
    and between apps: ``practice_save(practice=, fields=, by=)`` (programmes, for members' stakeholders),
    ``report_editions() -> QuerySet`` (reports, for meetings' RCM sessions),
    ``library_proposals_awaiting() -> int`` (reports, for the members' moderation panel)."""
    _HOOKS[name] = function


def hook(name: str) -> Callable:
    """The function registered as ``name``; an app that is not installed is a configuration error."""
    try:
        return _HOOKS[name]
    except KeyError:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"no app registered the shell's hook {name!r}") from None
