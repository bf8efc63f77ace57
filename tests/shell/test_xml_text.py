"""Text that XML cannot hold (control characters such as \\x0b) is never stored (issue 15)."""

import pytest
from django.urls import reverse
from lxml import etree

from programmes.models import Activity
from tests.programmes.factories import ActivityFactory

pytestmark = pytest.mark.django_db

ILLEGAL = "Fair\x0b recruit\x01ment\x1f\ufffe"


def test_a_form_post_with_control_characters_stores_clean_text(people, client):
    client.force_login(people.focal_point)
    from tests.programmes.test_views import activity_post

    response = client.post(reverse("programmes:activity_create"),
                           activity_post(people, title_en=ILLEGAL, summary_en="Line one\x0c\nline two\ttab"))
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.title_en == "Fair recruitment"
    assert activity.summary_en == "Line one\nline two\ttab"  # tab, newline and carriage return are kept


def test_every_model_save_strips_them(people):
    from meetings.models import Meeting
    from reports.models import Source
    from tests.reports.factories import SourceFactory

    activity = ActivityFactory(lead_agency=people.owning, title_en=ILLEGAL)
    activity.refresh_from_db()
    assert activity.title_en == "Fair recruitment"
    assert SourceFactory(citation_en="UN\x0bDESA").citation_en == "UNDESA"
    assert Source.objects.get(citation_en="UNDESA")
    assert Meeting  # imported: the mechanism is for every app, not per model


def test_the_iati_export_survives_a_title_stored_before_the_fix(people, client):
    activity = ActivityFactory(lead_agency=people.owning, title_en="Clean")
    Activity.objects.filter(pk=activity.pk).update(title_en=ILLEGAL)  # as an old row may hold it
    client.force_login(people.focal_point)
    response = client.get(reverse("programmes:activity_export_iati"))
    assert response.status_code == 200
    titles = etree.fromstring(response.content).xpath("//title/narrative/text()")
    assert "Fair recruitment" in titles
