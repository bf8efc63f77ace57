"""Template helpers for the data hub: the sub-navigation, permissions, figures."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from data_hub import charts, permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def subnav_link(context, url_name: str, label: str, exact: bool = False):
    """A tab of the data hub's sub-navigation, marked current when the page is under it."""
    url = reverse(url_name)
    path = context["request"].path
    active = path == url if exact else path.startswith(url)
    if active:
        return format_html('<li class="nav-item"><a class="nav-link active" aria-current="page" href="{}">{}</a></li>',
                           url, label)
    return format_html('<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>', url, label)


@register.simple_tag(takes_context=True)
def data_hub_can_import(context) -> bool:
    return permissions.can_import(context["request"].user)


@register.filter
def figure(value, percent=False):
    """A figure with grouped thousands (or a share with one decimal); "—" when there is none."""
    if value is None or value == "":
        return "—"
    return charts.format_value(float(value), percent=bool(percent))


@register.filter
def sex_label(code) -> str:
    """A sex code as stored (T, M, F) in the reader's words."""
    from data_hub.choices import Sex

    return str(dict(Sex.choices).get(code, code))


@register.filter
def notice(problem: dict) -> str:
    """An import problem or warning in the reader's language (``data_hub.notices``)."""
    if not isinstance(problem, dict):
        return str(problem or "")
    from data_hub.notices import render

    return render(problem.get("i18n") or problem.get("message", ""))


@register.filter
def import_notes(preview: dict) -> list[str]:
    """An import's notes in the reader's language (previews stored before they kept their parts: as they are)."""
    from data_hub.notices import render

    stored = preview.get("notes_i18n")
    return [render(note) for note in stored] if stored else list(preview.get("notes") or [])
