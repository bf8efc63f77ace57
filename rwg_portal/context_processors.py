from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language

from rwg_portal.registry import NAV_ITEMS


def portal(request):
    """Navigation entries the current user may see, for the base layout."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    items = []
    for item in NAV_ITEMS:
        if item.visible(user):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "active": request.path.startswith(url)})
    return {"nav_items": items}


OG_LOCALES = {"en": "en_GB", "ar": "ar_AR", "fr": "fr_FR"}


def seo(request):
    """The canonical address and the other languages' addresses of a public page, for the page head.

    A page under a language prefix (``/ar/about/``) has one address per language: each is named as an
    ``hreflang`` alternate; ``x-default`` is the address without the prefix, which redirects by language.
    Canonical and alternates are absolute, on ``RWG_SITE_URL``, and drop the query string (except a page
    number, which changes the content).
    """
    path = request.path
    language = get_language() or settings.LANGUAGE_CODE
    alternates = []
    for code, _name in settings.LANGUAGES:
        other = translate_url(path, code)
        if other == path and code != language:
            alternates = []  # not a page with an address per language
            break
        alternates.append((code, settings.SITE_URL + other))
    page = request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    if alternates and query:
        alternates = [(code, url + query) for code, url in alternates]
    return {
        "canonical_url": settings.SITE_URL + path + query,
        "alternate_urls": alternates,
        # As Django's sitemap: the address without the prefix, which redirects to the visitor's language.
        "x_default_url": settings.SITE_URL + path.removeprefix(f"/{language}") if alternates else "",
        "og_locale": OG_LOCALES.get(language[:2], "en_GB"),
        "og_locale_alternates": [OG_LOCALES[code] for code, _url in alternates if code != language[:2]],
    }
