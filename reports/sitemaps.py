"""Publications in sitemap.xml, in every language."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from reports import selectors


class PublicationsSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["reports_public:publications"]

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
