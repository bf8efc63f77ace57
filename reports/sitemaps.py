"""Publications and the public library in sitemap.xml, in every language."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from reports import selectors


class PublicationsSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["reports_public:publications", "reports_public:library"]

    def location(self, item):
        return reverse(item)


class ReportSitemap(Sitemap):
    """Each published report's stable page."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return [report for report, _builds in selectors.public_reports()]

    def location(self, item):
        return reverse("reports_public:report", args=[item.pk])

    def lastmod(self, item):
        return None


class LibraryItemSitemap(Sitemap):
    """Each public library item's stable page."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return selectors.library_list_public().order_by("pk")

    def location(self, item):
        return reverse("reports_public:library_item", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at
