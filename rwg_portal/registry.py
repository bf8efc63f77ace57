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
    """A dashboard panel: ``render`` returns (template name, context) or None to hide it."""

    render: Callable[[HttpRequest], tuple[str, dict] | None]
    order: int = 100


NAV_ITEMS: list[NavItem] = []
DASHBOARD_PANELS: list[Panel] = []


def register_nav(label: str, url_name: str, visible: Callable, order: int = 100) -> None:
    NAV_ITEMS.append(NavItem(label, url_name, visible, order))
    NAV_ITEMS.sort(key=lambda item: item.order)


def register_panel(render: Callable[[HttpRequest], tuple[str, dict] | None], order: int = 100) -> None:
    DASHBOARD_PANELS.append(Panel(render, order))
    DASHBOARD_PANELS.sort(key=lambda panel: panel.order)
