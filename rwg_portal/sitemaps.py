"""sitemap.xml: every public page, each in English, Arabic and French with its hreflang alternates.

Each app declares the sitemaps of the pages it owns (``<app>/sitemaps.py``) and registers them
(``rwg_portal.registry.register_sitemap``); ``SITEMAPS`` gathers them.
The public pages live under a language prefix (``/en/``, ``/ar/``, ``/fr/``, Django's ``i18n_patterns``),
so ``i18n = True`` gives one address per language and ``alternates`` links them.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from rwg_portal.registry import SITEMAPS


class OpenPagesSitemap(Sitemap):
    """Public pages that follow the visitor's chosen language at one address: the home page, the open
    data and its API, and the good practices."""

    changefreq = "weekly"

    def items(self):
        return ["home", "data_hub:explorer", "data_hub:place_list", "data_hub:api_index",
                "programmes:practice_list"]

    def location(self, item):
        return reverse(item)


__all__ = ["SITEMAPS", "OpenPagesSitemap"]
