"""Arabic and French pages carry no English widget text: a form page, a list with filters, a history page.

The strings come from Django ("- Select an option -", "Unknown", "Currently", "Clear"), django-filter
("---------", "All") and the portal's own widgets; each is looked for in the page's widget text (options,
placeholders, labels of inputs), so a new English string in a shared widget fails here.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.access import client_for
from tests.programmes.factories import ActivityFactory

pytestmark = pytest.mark.django_db

KNOWN_ENGLISH = [
    "- Select an option -", "---------", "Unknown", "Yes", "No", "All", "Currently", "Change", "Clear",
    "Select a lookup", "Ordering", "descending", "Submit", "(none)",
]


class WidgetText(HTMLParser):
    """The text a reader meets in a page's form controls: options, placeholders, titles, labels."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("placeholder", "title", "aria-label"):
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag in ("option", "label", "select", "legend", "button"):
            self._in.append(tag)

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in and data.strip():
            self.texts.append(data.strip())


def widget_texts(html: str) -> list[str]:
    parser = WidgetText()
    parser.feed(html)
    return parser.texts


def english_in(html: str) -> list[str]:
    texts = widget_texts(html)
    return sorted({text for text in texts for english in KNOWN_ENGLISH
                   if re.fullmatch(rf"\W*{re.escape(english)}\W*", text)})


@pytest.fixture
def pages(people):
    activity = ActivityFactory(lead_agency=people.owning)
    return [reverse("programmes:activity_create"), reverse("programmes:activity_list"),
            reverse("meetings:meeting_list"), reverse("meetings:meeting_create"), reverse("members:my_account"),
            reverse("members:directory"), reverse("programmes:activity_history", args=[activity.pk]),
            reverse("programmes:activity_edit", args=[activity.pk])]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_widgets_speak_the_readers_language(people, pages, language):
    client = client_for(people, "secretariat")
    found = {}
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        html = response.content.decode()
        if english := english_in(html):
            found[url] = english
    assert found == {}


@pytest.mark.parametrize(("language", "name"), [("en", "Beirut, Lebanon"), ("ar", "بيروت، لبنان"),
                                                ("fr", "Beyrouth, Liban")])
def test_the_footer_names_the_time_zone_by_its_city(client, language, name):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    footer = page.split("<footer")[1]
    assert name in footer and "Asia/Beirut" not in footer
