"""sitemap.xml and robots.txt: every public page in three languages with its alternates; private areas kept
out of crawlers. The sitemap is validated with lxml against the sitemaps.org 0.9 schema (sitemap.xsd, from
the npm package ``sitemap``, pinned in package.json: never copied into the repository) and its structure
checked too (see docs/operations.md, "Found and shared")."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from lxml import etree

from tests.security.world import build_world

pytestmark = pytest.mark.django_db

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
W3C_DATE = r"^\d{4}-\d{2}-\d{2}"


@pytest.fixture
def world(people):
    return build_world(people)


def _sitemap(client) -> etree._Element:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def test_sitemap_follows_the_sitemaps_protocol(client, world):
    root = _sitemap(client)
    assert root.tag == f"{{{SM}}}urlset"
    urls = root.findall(f"{{{SM}}}url")
    assert urls and len(urls) <= 50_000
    for url in urls:
        children = [child.tag for child in url]
        assert children[0] == f"{{{SM}}}loc", children  # loc comes first, once
        assert children.count(f"{{{SM}}}loc") == 1
        allowed = {f"{{{SM}}}{name}" for name in ("loc", "lastmod", "changefreq", "priority")} | {f"{{{XHTML}}}link"}
        assert set(children) <= allowed
        loc = url.findtext(f"{{{SM}}}loc")
        assert loc.startswith("http://testserver/") and len(loc) < 2048
        changefreq = url.findtext(f"{{{SM}}}changefreq")
        assert changefreq in (None, "always", "hourly", "daily", "weekly", "monthly", "yearly", "never")
        for link in url.findall(f"{{{XHTML}}}link"):
            assert link.get("rel") == "alternate" and link.get("hreflang") in ("en", "ar", "fr", "x-default")
            assert link.get("href").startswith("http://testserver/")


def test_sitemap_validates_against_the_sitemaps_org_schema(client, world):
    """sitemap.xsd (sitemaps.org 0.9, as the npm package ``sitemap`` ships it) for the sitemap, and a small
    schema of ours for the xhtml:link alternates, which sitemap.xsd admits only when a schema declares them."""
    sitemap_xsd = Path(settings.NODE_MODULES) / "sitemap" / "schema" / "sitemap.xsd"
    assert sitemap_xsd.exists(), "npm package 'sitemap' missing: run bin/setup prepare (npm ci)"
    link_xsd = Path(__file__).with_name("sitemap-xhtml-link.xsd")
    both = (f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
            f'<xsd:import namespace="{SM}" schemaLocation="{sitemap_xsd.as_uri()}"/>'
            f'<xsd:import namespace="{XHTML}" schemaLocation="{link_xsd.as_uri()}"/></xsd:schema>')
    schema = etree.XMLSchema(etree.fromstring(both.encode()))
    root = _sitemap(client)
    assert schema.validate(root), schema.error_log
    assert root.find(f"{{{SM}}}url/{{{XHTML}}}link") is not None  # the alternates were validated too
    # The schema can fail: a sitemap with a misplaced element or a bad alternate does not validate.
    broken = etree.fromstring(etree.tostring(root))
    etree.SubElement(broken.find(f"{{{SM}}}url"), f"{{{SM}}}title").text = "not in the protocol"
    assert not schema.validate(broken)
    broken = etree.fromstring(etree.tostring(root))
    broken.find(f"{{{SM}}}url/{{{XHTML}}}link").attrib.pop("hreflang")
    assert not schema.validate(broken)


def test_sitemap_lists_every_public_page_in_three_languages_with_alternates(client, world):
    locs = {url.findtext(f"{{{SM}}}loc"): url for url in _sitemap(client).findall(f"{{{SM}}}url")}
    meeting = world.meeting
    for path in ("about/", "about/co-chairs/", "about/agencies/", f"about/agencies/{world.people.owning.pk}/",
                 "contact/", "meetings/", f"meetings/id/{meeting.pk}/", "publications/",
                 f"publications/{world.public_report.pk}/"):
        for language in ("en", "ar", "fr"):
            url = locs.get(f"http://testserver/{language}/{path}")
            assert url is not None, f"/{language}/{path} missing"
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{{{XHTML}}}link")}
            assert alternates == {code: f"http://testserver/{code}/{path}" for code in ("en", "ar", "fr")} | {
                "x-default": f"http://testserver/{path}"}
    assert "http://testserver/" in locs and "http://testserver/data/" in locs
    # Nothing private, nothing unpublished: the world's unpublished situation report has no page.
    assert not any("/members/" in loc or "/accounts/" in loc for loc in locs)
    assert not any(loc.endswith(f"/publications/{world.report.pk}/") for loc in locs)


def test_the_address_without_language_redirects_to_the_visitors_language(client):
    client.cookies["django_language"] = "ar"
    response = client.get("/about/co-chairs/")
    assert response.status_code == 302 and response["Location"] == "/ar/about/co-chairs/"


def test_every_sitemap_page_answers_an_anonymous_visitor(client, world):
    for loc in (url.findtext(f"{{{SM}}}loc") for url in _sitemap(client).findall(f"{{{SM}}}url")):
        path = loc.removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path


def test_robots_keeps_private_areas_out_and_names_the_sitemap(client):
    response = client.get(reverse("robots_txt"))
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for private in ("/accounts/", "/admin/", "/members/", "/meetings/", "/security/"):
        assert f"Disallow: {private}" in text
    for public in ("/en/", "/ar/", "/fr/", "/data/"):
        assert f"Allow: {public}" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
