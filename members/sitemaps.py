"""The members app's public pages in sitemap.xml, in every language (rwg_portal/sitemaps.py gathers them)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from members import selectors


class AboutSitemap(Sitemap):
    """About the Group, its co-chairs, its agencies and the contact form."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["members_public:about", "members_public:co_chairs", "members_public:agencies",
                "members_public:contact", "members_public:consultations", "members_public:proposal_create"]

    def location(self, item):
        return reverse(item)


class AgencySitemap(Sitemap):
    """Each member agency's public page."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return list(selectors.public_agencies().order_by("pk"))

    def location(self, item):
        return reverse("members_public:agency", args=[item.pk])


class ConsultationSitemap(Sitemap):
    """Each public consultation (stakeholders, ToR 3(d)(i))."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        from members.stakeholders.selectors import public_consultations

        return list(public_consultations().order_by("pk"))

    def location(self, item):
        return reverse("members_public:consultation", args=[item.pk])
