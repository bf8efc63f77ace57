"""History pages and previews speak the reader's language: field labels, choice labels and translated
reasons (rwg_portal.history), never field names, stored codes or the services' English reasons."""

import pytest
from django.urls import reverse
from django.utils import translation

from meetings.choices import ActionItemStatus, MeetingStatus
from meetings.models import ActionItem, Meeting
from programmes import services
from programmes.choices import ActivityStatus
from programmes.models import Activity
from rwg_portal.history import reason_label
from tests.access import client_for
from tests.programmes.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_an_activity_history_shows_labels_not_names_and_codes(people):
    activity = ActivityFactory(lead_agency=people.owning, status=ActivityStatus.PIPELINE, budget=None)
    services.activity_save(activity=Activity.objects.get(pk=activity.pk), by=people.focal_point,
                           fields={"status": ActivityStatus.ONGOING, "budget": 1234567})
    client = client_for(people, "focal_point")
    url = reverse("programmes:activity_history", args=[activity.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<strong>Status</strong>: <del>Pipeline</del> → <ins>Ongoing</ins>" in page
    assert "<strong>Budget</strong>" in page and "1,234,567" in page
    assert "<strong>status</strong>" not in page and "pipeline" not in page
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    with translation.override("ar"):
        status, pipeline = str(Activity._meta.get_field("status").verbose_name), str(ActivityStatus.PIPELINE.label)
    assert status != "status" and pipeline != "Pipeline"  # the test means something only if they are translated
    assert f"<del>{pipeline}</del>" in arabic and "1\u066c234\u066c567" in arabic


@pytest.mark.parametrize("language", ["en", "ar", "fr"])
def test_status_reasons_read_as_labels_in_the_readers_language(language):
    with translation.override(language):
        shown = reason_label("status open -> done", ActionItem)
        field, old, new = (str(ActionItem._meta.get_field("status").verbose_name), str(ActionItemStatus.OPEN.label),
                           str(ActionItemStatus.DONE.label))
        assert shown.lower().startswith(field.lower()) and shown.index(old) < shown.index(new)  # old, then new
        assert "->" not in shown and ("open" not in shown or language == "en")
        meeting = reason_label(f"status {MeetingStatus.PLANNED} -> {MeetingStatus.HELD}", Meeting)
        assert str(MeetingStatus.HELD.label) in meeting and "planned ->" not in meeting
        assert reason_label("minutes approved") != "minutes approved" or language == "en"
        assert reason_label("something a script wrote") == "something a script wrote"


def test_the_bulk_preview_names_fields_and_values_as_people_read_them():
    from django.template import Context, Template

    template = Template('{% load rwg_history %}{% field_label_of "programmes.Activity" "budget" %}|'
                        '{% field_value_of "programmes.Activity" "status" "pipeline" %}|'
                        '{% field_value_of "programmes.Activity" "budget" "150000.00" %}')
    with translation.override("en"):
        assert template.render(Context()) == "Budget|Pipeline|150,000.00"
    with translation.override("ar"):
        label, status, budget = template.render(Context()).split("|")
        assert label != "Budget" and status == str(ActivityStatus.PIPELINE.label) and budget == "150\u066c000\u066b00"
