"""Small helpers for the apps' views: one way to page a list, one way to say what went wrong."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int | None = None) -> Page:
    """The page of ``items`` that ``?page=`` asks for (the first when it is not a number, the last when
    past the end): ``RWG_PAGE_SIZE`` items, or ``per_page`` where a list shows more or fewer."""
    return Paginator(items, per_page or settings.RWG_PAGE_SIZE).get_page(request.GET.get("page"))


def flash_errors(request, error: ValidationError) -> None:
    """A service's refusal shown on the next page, one notice per message."""
    for message in error.messages:
        messages.error(request, message)
