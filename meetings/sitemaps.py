"""The public calendar in sitemap.xml, in every language."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from meetings.models import Meeting


class CalendarSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["meetings_public:calendar"]

    def location(self, item):
        return reverse(item)


class MeetingSitemap(Sitemap):
    """Each meeting's public page, at its stable address (by id, unchanged by renumbering)."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return list(Meeting.objects.only("pk").order_by("starts_at", "pk"))

    def location(self, item):
        return reverse("meetings_public:meeting", args=[item.pk])
