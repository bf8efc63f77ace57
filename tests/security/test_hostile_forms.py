"""Hostile input in the portal's main write forms (issue 7).

Each case posts a form that is valid except for one field: text longer than the column or than
the cap on free text, text where a number or date belongs, a choice nobody offered, a date out of
range or an end before the start, the id of another agency's record or of no record at all. The
answer must be the form again (200) with an English message on that field, and nothing written:
the row counts of every table of the five apps (history tables included) and the edited record
stay as they were. ``test_baselines_are_accepted`` proves each form's valid post is saved, so a
case can only fail because of its one hostile value.

To add a case, add a line to ``CASES``; to add a form, add a ``Target`` to ``TARGETS``.
"""

import contextlib
import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction
from django.forms import BaseForm, BaseFormSet
from django.test import Client
from django.urls import reverse

from rwg_portal.forms import TEXT_LIMIT
from tests.access import client_for
from tests.security.test_every_url import record_fields, row_counts
from tests.security.world import world_for_module

MEGABYTE = "x" * (1024 * 1024)
NO_SUCH_ID = "987654321"

# Django's own messages, as the person reads them (English).
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
NOT_A_DATE = "Enter a valid date."
NOT_A_DATETIME = "Enter a valid date/time."
NOT_A_NUMBER = "Enter a number."
NOT_A_WHOLE_NUMBER = "Enter a whole number."


def invalid(value: str) -> str:
    """The message of a choice field (not a model choice field) given ``value``."""
    return f"Select a valid choice. {value} is not one of the available choices."


def too_long(limit: int, given: int) -> str:
    return f"Ensure this value has at most {limit} characters (it has {given})."


def capped() -> str:
    return too_long(TEXT_LIMIT, len(MEGABYTE))


@dataclass
class Target:
    """One form: who posts it, where, a valid post, and the record it edits (if any)."""

    role: str
    url: Callable
    data: Callable
    obj: str | None = None
    headers: dict | None = None


def model_data(obj, fields: list[str]) -> dict:
    """A form post with ``obj``'s current values: dates in ISO, records by id, empty for None."""
    data = {}
    for name in fields:
        value = getattr(obj, f"{name}_id", None) if hasattr(obj, f"{name}_id") else getattr(obj, name)
        if isinstance(value, datetime.date):
            value = value.isoformat()
        data[name] = "" if value is None else value
    return data


def activity_post(w) -> dict:
    from programmes.services import ACTIVITY_FIELDS

    fields = [f for f in ACTIVITY_FIELDS if f not in ("target_groups", "sdg_targets", "gcm_objectives")]
    return {**model_data(w.activity, fields), "budget": "1000", "title_en": "An activity",
            "partners-TOTAL_FORMS": "1", "partners-INITIAL_FORMS": "0",
            "indicators-TOTAL_FORMS": "0", "indicators-INITIAL_FORMS": "0",
            "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0"}


def proposal_post(_w) -> dict:
    return {"organisation": "Civic Org", "organisation_kind": "civil_society", "contact_name": "Nadia",
            "contact_email": "nadia@civic.example", "website": "", "language": "ar", "title": "عيادات قانونية",
            "countries": ["JOR"], "theme": "rights", "practice": "Clinics.", "evidence": "Cases.", "lessons": "Trust.",
            "replication": "Lawyers.", "fax_number": ""}


def library_proposal_post(_w) -> dict:
    return {"organisation": "Civic Org", "organisation_kind": "civil_society", "contact_name": "Nadia",
            "contact_email": "nadia@civic.example", "website": "", "language": "ar", "kind": "study",
            "title": "تكلفة التحويلات", "authors": "", "year": "2025", "countries": ["JOR"], "abstract": "Costs.",
            "url": "https://civic.example/study.pdf", "fax_number": ""}


def meeting_post(_w) -> dict:
    return {"kind": "regular", "title": "", "mode": "in_person", "city": "beirut", "time_zone": "Asia/Beirut",
            "starts": "2031-03-04T10:00", "ends": "2031-03-04T13:00", "venue": "UN House", "video_link": "",
            "chair_agency": ""}


def practice_post(w) -> dict:
    return {"agency": w.agency.pk, "title_en": "A practice", "language": "en", "countries": ["JOR"],
            "theme": "labour", "activity": w.activity.pk, "practice_en": "What was done.", "evidence_en": "Results.",
            "lessons_en": "Lessons.", "replication_en": "Conditions."}


TARGETS = {
    # members
    "agency_edit": Target("secretariat", lambda w: reverse("members:agency_edit", args=[w.agency.pk]),
                          lambda w: model_data(w.agency, ["acronym", "name_en", "name_ar", "name_fr", "kind",
                                                          "membership", "joined_on", "office_city",
                                                          "office_city_other", "website", "email", "phone",
                                                          "address"]), "agency"),
    "agency_contacts": Target("focal_point", lambda w: reverse("members:agency_edit_contacts", args=[w.agency.pk]),
                              lambda w: model_data(w.agency, ["website", "email", "phone", "address", "office_city",
                                                              "office_city_other"]), "agency"),
    "person_edit": Target("secretariat", lambda w: reverse("members:person_edit", args=[w.person.pk]),
                          lambda w: model_data(w.person, ["first_name", "last_name", "job_title", "phone", "role",
                                                          "agency"]), "person"),
    "designation_create": Target("secretariat",
                                 lambda w: reverse("members:designation_create", args=[w.people.other.pk]),
                                 lambda w: {"role": "alternate", "person": "", "email": "new.person@other.example",
                                            "first_name": "New", "last_name": "Person", "starts_on": "2026-02-01"}),
    "join": Target("anonymous", lambda w: reverse("members:join"),
                   lambda w: {"organisation": "Applicant Two", "acronym": "AP2", "kind": "ngo", "website": "",
                              "contact_name": "Someone", "contact_email": "someone@applicant.example",
                              "motivation": "We work on migration.", "fax_number": ""}),
    # stakeholders: the public forms (no account) and the secretariat's
    "proposal_create": Target("anonymous", lambda w: reverse("members_public:proposal_create"), proposal_post),
    "consultation_answer": Target("anonymous", lambda w: reverse("members_public:consultation",
                                                                  args=[w.consultation.pk]),
                                  lambda w: {"organisation": "Forum", "organisation_kind": "migrants",
                                             "contact_name": "Someone", "contact_email": "someone@forum.example",
                                             "language": "fr", "answer": "Trop cher.", "reply_1": "Golfe",
                                             "fax_number": ""}),
    "consultation_create": Target("secretariat", lambda w: reverse("members:consultation_create"),
                                  lambda w: {"title_en": "Labour mobility", "title_ar": "تنقل العمالة",
                                             "title_fr": "", "language": "en", "question_en": "What works?",
                                             "question_ar": "", "question_fr": "Qu'est-ce qui marche ?",
                                             "time_zone": "Africa/Cairo", "opens": "2031-05-01T09:00",
                                             "closes": "2031-05-31T17:00", "questions_text": "", "summary_en": "",
                                             "summary_ar": "", "summary_fr": ""}),
    "proposal_decide": Target("secretariat", lambda w: reverse("members:proposal_detail", args=[w.proposal.pk]),
                              lambda w: {"decision": "accept", "agency": w.agency.pk, "title_en": "Legal clinics",
                                         "message": ""}, "proposal"),
    "library_propose": Target("anonymous", lambda w: reverse("reports_public:library_propose"),
                              library_proposal_post),
    "library_proposal_decide": Target("secretariat", lambda w: reverse("reports:library_proposal_detail",
                                                                       args=[w.library_proposal.pk]),
                                      lambda w: {"decision": "accept", "agency": w.agency.pk, "message": ""},
                                      "library_proposal"),
    # meetings
    "meeting_create": Target("secretariat", lambda w: reverse("meetings:meeting_create"), meeting_post),
    "meeting_edit": Target("secretariat", lambda w: reverse("meetings:meeting_edit", args=[w.planned.pk]),
                           meeting_post, "planned"),
    "action_item_add": Target("secretariat", lambda w: reverse("meetings:action_item_add", args=[w.meeting.pk]),
                              lambda w: {"title": "Send the figures", "description": "", "owner_agency": w.agency.pk,
                                         "assignee": w.people.focal_point.pk, "due_on": "2031-06-01",
                                         "decision": w.decision.pk, "status": "open", "progress_note": ""}),
    "action_item_edit": Target("secretariat", lambda w: reverse("meetings:action_item_edit", args=[w.action.pk]),
                               lambda w: {**model_data(w.action, ["title", "description", "owner_agency", "assignee",
                                                                  "due_on", "decision", "status", "progress_note"])},
                               "action"),
    "decision_add": Target("secretariat", lambda w: reverse("meetings:decision_add", args=[w.meeting.pk]),
                           lambda w: {"agenda_item": w.agenda_item.pk, "text_en": "Agreed.", "language": "en",
                                      "report_to_rcm": "", "join_request": "", "join_request_outcome": "",
                                      "action_title": "", "action_owner": "", "action_assignee": "",
                                      "action_due_on": ""}),
    "agenda_item_add": Target("secretariat", lambda w: reverse("meetings:agenda_item_add", args=[w.meeting.pk]),
                              lambda w: {"language": "fr", "title_en": "", "title_ar": "خطة العمل",
                                         "title_fr": "Plan de travail", "description": "", "presenting_agency": "",
                                         "duration_minutes": "30"}),
    "agenda_item_edit": Target("secretariat", lambda w: reverse("meetings:agenda_item_edit",
                                                                 args=[w.agenda_item.pk]),
                               lambda w: {**model_data(w.agenda_item, ["language", "title_en", "title_ar", "title_fr",
                                                                       "description", "presenting_agency",
                                                                       "duration_minutes"])},
                               "agenda_item"),
    "recommendation_edit": Target("secretariat", lambda w: reverse("programmes:recommendation_edit",
                                                                    args=[w.recommendation.pk]),
                                  lambda w: {**model_data(w.recommendation, ["forum", "forum_detail", "made_on",
                                                                             "reference", "text_en", "text_ar",
                                                                             "text_fr", "theme"]),
                                             "countries": w.recommendation.countries},
                                  "recommendation"),
    "invitation_answer": Target("focal_point",
                                lambda w: reverse("meetings:invitation_answer", args=[w.invitation.pk]),
                                lambda w: {"response": "remote", "note": ""}, "invitation",
                                headers={"HTTP_HX_REQUEST": "true"}),
    # programmes
    "activity_create": Target("focal_point", lambda w: reverse("programmes:activity_create"), activity_post),
    "activity_edit": Target("focal_point", lambda w: reverse("programmes:activity_edit", args=[w.activity.pk]),
                            activity_post, "activity"),
    "practice_create": Target("focal_point", lambda w: reverse("programmes:practice_create"), practice_post),
    "practice_edit": Target("focal_point", lambda w: reverse("programmes:practice_edit", args=[w.practice.pk]),
                            practice_post, "practice"),
    "priority_create": Target("secretariat", lambda w: reverse("programmes:priority_create"),
                              lambda w: {"title_en": "Labour mobility", "place": "JOR", "theme": "labour",
                                         "source": "government", "source_reference": "", "stated_on": "2025-05-01",
                                         "description": ""}),
    # data hub (its files are fuzzed in test_import_fuzz.py)
    "group_create": Target("focal_point", lambda w: reverse("data_hub:group_create"),
                           lambda w: {"code": "NEW_GROUP", "name_en": "New group", "members": [w.place.pk]}),
    "group_edit": Target("focal_point", lambda w: reverse("data_hub:group_edit", args=[w.group.code]),
                         lambda w: {"code": w.group.code, "name_en": "Owning group", "members": [w.place.pk]},
                         "group"),
    # reports
    "chapter_edit": Target("focal_point", lambda w: reverse("reports:chapter_edit", args=[w.chapter.pk]),
                           lambda w: {"body_en": "# Context\n\nNew text.", "body_ar": "", "note": "",
                                      "revision": w.chapter.revision}, "chapter"),
    "chapter_outline": Target("secretariat", lambda w: reverse("reports:chapter_outline", args=[w.chapter.pk]),
                              lambda w: {**model_data(w.chapter, ["position", "title_en", "title_ar", "lead_agency",
                                                                  "deadline"]), "contributing_agencies": []},
                              "chapter"),
    "report_edit": Target("secretariat", lambda w: reverse("reports:report_edit", args=[w.report.pk]),
                          lambda w: model_data(w.report, ["title_en", "title_ar", "summary_en", "summary_ar"]),
                          "report"),
}


def other(name: str) -> Callable:
    """The id of a record of the other agency (or another meeting) built for these tests."""
    return lambda w: w.objects[name].pk


# (role is the target's), form, field, hostile value (or a function of the world), expected message
CASES = [
    # members: agency (secretariat), its contacts (focal point), a person, a designation, the public join form
    ("agency_edit", "acronym", "A" * 31, too_long(30, 31)),
    ("agency_edit", "name_en", "N" * 256, too_long(255, 256)),
    ("agency_edit", "address", MEGABYTE, capped()),
    ("agency_edit", "kind", "bogus", invalid("bogus")),
    ("agency_edit", "membership", "", "This field is required."),
    ("agency_edit", "joined_on", "last spring", NOT_A_DATE),
    ("agency_edit", "joined_on", "10000-01-01", NOT_A_DATE),
    ("agency_edit", "joined_on", "0000-01-01", NOT_A_DATE),
    ("agency_edit", "website", "javascript:alert(1)", "Enter a valid URL."),
    ("agency_edit", "email", "not an address", "Enter a valid email address."),
    ("agency_contacts", "address", MEGABYTE, capped()),
    ("agency_contacts", "phone", "9" * 51, too_long(50, 51)),
    ("agency_contacts", "office_city", "paris", invalid("paris")),
    ("person_edit", "agency", NO_SUCH_ID, INVALID_CHOICE),
    ("person_edit", "role", "superuser", invalid("superuser")),
    ("person_edit", "job_title", "J" * 201, too_long(200, 201)),
    ("person_edit", "first_name", "F" * 151, too_long(150, 151)),
    ("designation_create", "person", NO_SUCH_ID, INVALID_CHOICE),
    ("designation_create", "role", "chair", invalid("chair")),
    ("designation_create", "starts_on", "2026-13-40", NOT_A_DATE),
    ("designation_create", "first_name", "F" * 151, too_long(150, 151)),
    ("join", "organisation", "O" * 256, too_long(255, 256)),
    ("join", "kind", "other", invalid("other")),  # a kind that exists but the terms of reference do not admit
    ("join", "motivation", MEGABYTE, too_long(5000, len(MEGABYTE))),
    ("join", "contact_email", "someone", "Enter a valid email address."),
    ("join", "motivation", "a\x00b", "Null characters are not allowed."),
    # stakeholders: the public proposal and answer forms, the secretariat's consultation and decision forms
    ("proposal_create", "organisation", "O" * 256, too_long(255, 256)),
    ("proposal_create", "practice", MEGABYTE, too_long(5000, len(MEGABYTE))),
    ("proposal_create", "countries", ["XXX"], invalid("XXX")),
    ("proposal_create", "countries", [], "This field is required."),
    ("proposal_create", "theme", "<script>", invalid("<script>")),
    ("proposal_create", "language", "de", invalid("de")),
    ("proposal_create", "organisation_kind", "government", invalid("government")),
    ("proposal_create", "contact_email", "x@", "Enter a valid email address."),
    ("proposal_create", "website", "javascript:alert(1)", "Enter a valid URL."),
    ("proposal_create", "title", "a\x00b", "Null characters are not allowed."),
    ("consultation_answer", "answer", MEGABYTE, too_long(5000, len(MEGABYTE))),
    ("consultation_answer", "reply_1", MEGABYTE, too_long(5000, len(MEGABYTE))),
    ("consultation_answer", "language", "xx", invalid("xx")),
    ("consultation_answer", "answer", "", "This field is required."),
    ("consultation_create", "closes", "2031-04-01T09:00", "The consultation must close after it opens."),
    ("consultation_create", "opens", "tomorrow", NOT_A_DATETIME),
    ("consultation_create", "opens", "10000-01-01T00:00", NOT_A_DATETIME),
    ("consultation_create", "time_zone", "Mars/Olympus", invalid("Mars/Olympus")),
    ("consultation_create", "questions_text", "\n".join("q" * 9), "Give at most 8 questions."),
    ("consultation_create", "title_en", "T" * 256, too_long(255, 256)),
    ("consultation_create", "title_ar", "T" * 256, too_long(255, 256)),
    ("consultation_create", "question_fr", MEGABYTE, capped()),
    ("consultation_create", "summary_ar", MEGABYTE, capped()),
    ("consultation_create", "question_en", "   ", "Write this in the language of the original (English), or "
                                                    "choose the language it is written in."),
    ("consultation_create", "language", "de", invalid("de")),
    ("proposal_decide", "agency", NO_SUCH_ID, INVALID_CHOICE),
    ("proposal_decide", "agency", "", "Choose the member agency that follows the practice up."),
    ("proposal_decide", "decision", "publish", invalid("publish")),
    ("proposal_decide", "title_en", "T" * 256, too_long(255, 256)),
    ("library_propose", "title", "T" * 301, too_long(300, 301)),
    ("library_propose", "abstract", MEGABYTE, too_long(5000, len(MEGABYTE))),
    ("library_propose", "countries", ["FRA"], invalid("FRA")),
    ("library_propose", "kind", "<script>", invalid("<script>")),
    ("library_propose", "year", "1800", "Ensure this value is greater than or equal to 1950."),
    ("library_propose", "url", "javascript:alert(1)", "Enter a valid URL."),
    ("library_propose", "contact_email", "x@", "Enter a valid email address."),
    ("library_propose", "title", "a\x00b", "Null characters are not allowed."),
    ("library_proposal_decide", "agency", "", "Choose the member agency that takes the item up."),
    ("library_proposal_decide", "agency", NO_SUCH_ID, INVALID_CHOICE),
    ("library_proposal_decide", "decision", "publish", invalid("publish")),
    # meetings
    ("meeting_create", "title", "T" * 256, too_long(255, 256)),
    ("meeting_create", "starts", "next tuesday", NOT_A_DATETIME),
    ("meeting_create", "starts", "10000-01-01T10:00", NOT_A_DATETIME),
    ("meeting_create", "starts", "0001-01-01T00:30", "Give a date between 1990 and 2100."),  # was stored: 500s
    ("meeting_create", "ends", "9999-12-31T23:59", "Give a date between 1990 and 2100."),
    ("meeting_create", "starts", "1900-01-01T10:00", "Give a date between 1990 and 2100."),
    ("meeting_create", "title", "\x00", "Null characters are not allowed."),
    ("meeting_create", "ends", "2031-03-04T09:00", "The meeting must end after it starts."),
    ("meeting_create", "city", "paris", invalid("paris")),
    ("meeting_create", "mode", "telepathy", invalid("telepathy")),
    ("meeting_create", "time_zone", "Mars/Olympus", invalid("Mars/Olympus")),
    ("meeting_create", "chair_agency", NO_SUCH_ID, INVALID_CHOICE),
    ("meeting_create", "video_link", "javascript:alert(1)", "Enter a valid URL."),
    ("meeting_edit", "ends", "2031-03-03T13:00", "The meeting must end after it starts."),
    ("meeting_edit", "venue", "V" * 256, too_long(255, 256)),
    ("meeting_edit", "chair_agency", NO_SUCH_ID, INVALID_CHOICE),
    ("action_item_add", "title", "T" * 256, too_long(255, 256)),
    ("action_item_add", "description", MEGABYTE, capped()),
    ("action_item_add", "due_on", "soon", NOT_A_DATE),
    ("action_item_add", "due_on", "10000-01-01", NOT_A_DATE),
    ("action_item_add", "due_on", "0001-01-01", "Give a date between 1950 and 2100."),  # was stored, reminded
    ("chapter_outline", "deadline", "1900-01-01", "Give a date between 1950 and 2100."),
    ("action_item_add", "owner_agency", NO_SUCH_ID, INVALID_CHOICE),
    ("action_item_add", "decision", other("other_decision"), INVALID_CHOICE),  # a decision of another meeting
    ("action_item_add", "assignee", lambda w: w.people.other_focal_point.pk,
     "The assignee must work for the owner agency."),
    ("action_item_add", "status", "forgotten", invalid("forgotten")),
    ("action_item_edit", "decision", other("other_decision"), INVALID_CHOICE),
    ("action_item_edit", "progress_note", MEGABYTE, capped()),
    ("action_item_edit", "owner_agency", NO_SUCH_ID, INVALID_CHOICE),
    ("action_item_edit", "assignee", lambda w: w.people.other_focal_point.pk,
     "The assignee must work for the owner agency."),
    ("decision_add", "text_ar", MEGABYTE, capped()),
    # agenda items and governments' recommendations: texts in three languages side by side
    ("agenda_item_add", "title_fr", "T" * 256, too_long(255, 256)),
    ("agenda_item_add", "title_fr", "", "Write this in the language of the original (French), or choose the "
                                        "language it is written in."),
    ("agenda_item_add", "language", "de", invalid("de")),
    ("agenda_item_add", "title_ar", "a\x00b", "Null characters are not allowed."),
    ("agenda_item_edit", "title_en", "T" * 256, too_long(255, 256)),
    ("agenda_item_edit", "duration_minutes", "forever", NOT_A_WHOLE_NUMBER),
    ("agenda_item_edit", "presenting_agency", NO_SUCH_ID, INVALID_CHOICE),
    ("recommendation_edit", "text_en", "  ", "Enter the recommendation's text as adopted."),
    ("recommendation_edit", "text_fr", "x" * 10001, too_long(10000, 10001)),
    ("recommendation_edit", "countries", ["FRA"], invalid("FRA")),
    ("decision_add", "agenda_item", other("other_agenda_item"), INVALID_CHOICE),
    ("decision_add", "action_owner", NO_SUCH_ID, INVALID_CHOICE),
    ("decision_add", "action_due_on", "tomorrow", NOT_A_DATE),
    ("decision_add", "join_request", NO_SUCH_ID, INVALID_CHOICE),
    ("invitation_answer", "response", "maybe", invalid("maybe")),
    ("invitation_answer", "note", "N" * 501, too_long(500, 501)),
    # programmes: a focal point of the owning agency
    ("activity_create", "lead_agency", lambda w: w.people.other.pk, INVALID_CHOICE),
    ("activity_create", "lead_agency", NO_SUCH_ID, INVALID_CHOICE),
    ("activity_create", "partners-0-agency", NO_SUCH_ID, INVALID_CHOICE),
    ("activity_create", "partners-0-role", "boss", invalid("boss")),
    ("activity_create", "title_en", "T" * 256, too_long(255, 256)),
    ("activity_create", "summary_en", MEGABYTE, capped()),
    ("activity_create", "starts_on", "whenever", NOT_A_DATE),
    ("activity_create", "starts_on", "0000-01-01", NOT_A_DATE),
    ("activity_create", "ends_on", "2024-12-31", "The end date is before the start date."),
    ("activity_create", "budget", "a lot", NOT_A_NUMBER),
    ("activity_create", "budget", "-5", "Ensure this value is greater than or equal to 0."),
    ("activity_create", "budget", "1e30", "Ensure that there are no more than 14 digits in total."),
    ("activity_create", "kind", "bogus", invalid("bogus")),
    ("activity_create", "themes", ["bogus"], invalid("bogus")),
    ("activity_create", "countries", ["XXX"], invalid("XXX")),
    ("activity_create", "gender_marker", "9", invalid("9")),
    ("activity_create", "gcm_objectives", ["abc"], invalid("abc")),
    ("activity_create", "sdg_targets", ["99.9"], invalid("99.9")),
    ("activity_create", "budget", "NaN", NOT_A_NUMBER),
    ("activity_create", "budget", "Infinity", NOT_A_NUMBER),
    ("activity_create", "title_en", "a\x00b", "Null characters are not allowed."),
    ("activity_create", "priority_areas", [NO_SUCH_ID], f"Select a valid choice. {NO_SUCH_ID} is not one of the "
                                                       "available choices."),
    ("activity_edit", "lead_agency", lambda w: w.people.other.pk, INVALID_CHOICE),
    ("activity_edit", "partners-0-agency", NO_SUCH_ID, INVALID_CHOICE),
    ("activity_edit", "summary_fr", MEGABYTE, capped()),
    ("activity_edit", "ends_on", "2024-12-31", "The end date is before the start date."),
    ("activity_edit", "starts_on", "10000-01-01", NOT_A_DATE),
    ("activity_create", "starts_on", "0001-01-01", "Give a date between 1950 and 2100."),  # was stored
    ("activity_edit", "ends_on", "9999-12-31", "Give a date between 1950 and 2100."),
    ("practice_create", "agency", lambda w: w.people.other.pk, INVALID_CHOICE),
    ("practice_create", "activity", other("other_activity"), INVALID_CHOICE),  # another agency's activity
    ("practice_create", "practice_en", MEGABYTE, capped()),
    ("practice_create", "language", "xx", invalid("xx")),
    ("practice_edit", "agency", lambda w: w.people.other.pk, INVALID_CHOICE),
    ("practice_edit", "activity", other("other_activity"), INVALID_CHOICE),
    ("practice_edit", "lessons_fr", MEGABYTE, capped()),
    ("priority_create", "place", "XXX", invalid("XXX")),
    ("priority_create", "stated_on", "2025-02-30", NOT_A_DATE),
    ("priority_create", "description", MEGABYTE, capped()),
    # data hub: groups of countries
    ("group_create", "code", "1 bad code", "Enter a valid value."),
    ("group_create", "name_en", "N" * 121, too_long(120, 121)),
    ("group_create", "members", [], "This field is required."),
    ("group_create", "members", [NO_SUCH_ID], f"Select a valid choice. {NO_SUCH_ID} is not one of the available "
                                              "choices."),
    ("group_edit", "members", ["JOR"], "“JOR” is not a valid value."),
    # reports: a chapter (its lead agency's focal point), the outline and the report (secretariat)
    ("chapter_edit", "body_en", MEGABYTE, capped()),
    ("chapter_edit", "body_ar", MEGABYTE, capped()),
    ("chapter_edit", "revision", "latest", NOT_A_WHOLE_NUMBER),
    ("chapter_edit", "note", "N" * 101, too_long(100, 101)),
    ("chapter_outline", "lead_agency", NO_SUCH_ID, INVALID_CHOICE),
    ("chapter_outline", "position", "first", NOT_A_WHOLE_NUMBER),
    ("chapter_outline", "position", "0", "Positions start at 1."),
    ("chapter_outline", "position", "32768", "Positions go up to 999."),  # beyond smallint: was a 500
    ("chapter_outline", "position", "99999999999", "Positions go up to 999."),
    ("chapter_outline", "deadline", "10000-01-01", NOT_A_DATE),
    ("chapter_outline", "contributing_agencies", [NO_SUCH_ID], f"Select a valid choice. {NO_SUCH_ID} is not one "
                                                               "of the available choices."),
    ("report_edit", "summary_en", MEGABYTE, capped()),
    ("report_edit", "title_en", "T" * 256, too_long(255, 256)),
]
CASE_FLOOR = 100


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """People, their world, and records of elsewhere: built once, rolled back at the end of the module."""
    from meetings.services.agenda import agenda_item_add
    from meetings.services.decisions import decision_record
    from tests.meetings.helpers import held
    from tests.programmes.factories import ActivityFactory

    with world_for_module(django_db_blocker, tmp_path_factory.mktemp("media")) as (people, built):
        by = people.secretariat
        elsewhere = held(by, days_ago=30)
        item = agenda_item_add(meeting=elsewhere, data={"title": "Elsewhere"}, by=by)
        built.objects.update(
            other_activity=ActivityFactory(lead_agency=people.other),
            other_agenda_item=item,
            other_decision=decision_record(meeting=elsewhere, text="Elsewhere", agenda_item=item, by=by),
        )
        yield built


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The public join form counts requests per address in the cache: start every test with none."""
    cache.clear()


def post(client: Client, target: Target, url: str, data: dict):
    return client.post(url, data, **(target.headers or {}))


def page_objects(response) -> list:
    """Every value the page's templates saw (the test client's ContextList is a list; keys() spans it)."""
    return [response.context[key] for key in response.context.keys()]  # noqa: SIM118


def field_errors(response, field: str) -> list[str] | None:
    """The errors shown on ``field`` in the page's forms and formsets (``prefix-n-name`` in a formset)."""
    for value in page_objects(response):
        if isinstance(value, BaseFormSet) and field.startswith(f"{value.prefix}-"):
            index, name = field[len(value.prefix) + 1:].split("-", 1)
            return list(value.forms[int(index)].errors.get(name, []))
        if isinstance(value, BaseForm) and field in value.fields:
            return list(value.errors.get(field, []))
        # One language of a translated text ("text_ar"): its errors show on the text's side-by-side field.
        base = field.rsplit("_", 1)[0]
        if isinstance(value, BaseForm) and getattr(value.fields.get(base), "translated", False):
            return list(value.errors.get(base, []))
    return None


def test_the_table_is_large_enough_and_names_real_forms():
    assert len(CASES) >= CASE_FLOOR, len(CASES)
    assert {case[0] for case in CASES} == set(TARGETS), "every form has cases, every case a known form"
    print(f"hostile form input: {len(CASES)} cases over {len(TARGETS)} forms")  # noqa: T201


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_baselines_are_accepted(world, name, settings):
    """Without its hostile value, each form's post is saved: the cases below test one field each."""
    settings.MEDIA_ROOT = world.media_root
    target = TARGETS[name]
    with transaction.atomic():
        before = row_counts()
        response = post(client_for(world.people, target.role), target, target.url(world), target.data(world))
        after = row_counts()
        transaction.set_rollback(True)
    if target.headers:  # the htmx answer card says the answer was saved
        assert response.status_code == 200 and response.context["answer_saved"], name
    else:
        errors = [v.errors for v in page_objects(response) if isinstance(v, BaseForm) and v.errors] \
            if response.status_code == 200 else []
        assert response.status_code == 302, f"{name}: {errors}"
    assert after != before or target.obj, f"{name} saved nothing"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "field", "value", "message"), CASES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_hostile_value_is_refused_on_its_field(world, name, field, value, message, settings):
    settings.MEDIA_ROOT = world.media_root
    target = TARGETS[name]
    data = {**target.data(world), field: value(world) if callable(value) else value}
    obj = world.objects.get(target.obj) if target.obj else None
    client = client_for(world.people, target.role)  # signing in writes last_login: before the snapshot
    with transaction.atomic():
        before = row_counts(), record_fields(obj)
        response = post(client, target, target.url(world), data)
        after = row_counts(), record_fields(obj)
        transaction.set_rollback(True)
    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    errors = field_errors(response, field)
    assert errors is not None, f"no form on the page has the field {field}"
    assert message in errors, f"{field}: {errors}"
    changed = [a[0] for a, b in zip(after[0], before[0], strict=True) if a != b]
    assert after == before, f"a refused post changed data: {changed} {before[1]!r} -> {after[1]!r}"


# Markdown is free text: hostile Markdown is saved (or refused with a message), and neither the
# chapter page nor the PDF's rendering of it fails.
HOSTILE_MARKDOWN = [
    "RWGDATABLOCK7X",  # the renderer's placeholder, typed by an author (was a KeyError: 500 and failed builds)
    "Text\n\nRWGDATABLOCK1X\n\n```data\nkind: stock_by_sex\nplace: ARAB\n```\n\nRWGDATABLOCK2X",
    "<p>RWGDATABLOCK3X</p>",
    ">" * 2000 + " deep",
    "- " * 1000 + "nested",
    "```data\nkind: stock_by_sex\nplace: ARAB",  # an unclosed data block
    "```data\nkind: nothing\nplace: NOWHERE\n```",
    "text[^1] and[^1] and [^missing]\n\n[^1]: note [^1]\n[^1]: again",
    "[x](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)>",
    "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 500,
    "*" * 5000 + "_" * 5000,
    "\u202e\u0000\ufeff text with control characters",
]


@pytest.mark.django_db
@pytest.mark.parametrize("body", HOSTILE_MARKDOWN, ids=[f"markdown-{i}" for i in range(len(HOSTILE_MARKDOWN))])
def test_hostile_markdown_never_breaks_the_chapter_or_its_pdf(world, body, settings):
    from reports import text
    from reports.models import Chapter

    settings.MEDIA_ROOT = world.media_root
    target = TARGETS["chapter_edit"]
    client = client_for(world.people, target.role)
    with transaction.atomic():
        response = post(client, target, target.url(world), {**target.data(world), "body_en": body})
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:  # refused: the form says why
            assert field_errors(response, "body_en") or response.context["form"].non_field_errors()
        page = client.get(reverse("reports:chapter_detail", args=[world.chapter.pk]))
        assert page.status_code == 200
        saved = Chapter.objects.get(pk=world.chapter.pk).body_en
        transaction.set_rollback(True)
    # The PDF renders the saved text with its blocks resolved and footnotes inline.
    # (A stored block that cannot be read fails the build with BlockSyntaxError's message, not a crash.)
    with contextlib.suppress(text.BlockSyntaxError):
        text.render(saved, footnotes_inline=True, block_html=lambda block: "<figure></figure>")
