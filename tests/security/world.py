"""One small world of records owned by the ``people`` fixture's ``owning`` agency.

The every-URL test builds its arguments from it: one object of every kind a URL can name,
built with the apps' factories and services, and files where downloads need them.
"""

import contextlib
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings

from tests.people import People, make_people


@dataclass
class World:
    people: People
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc


def build_world(people: People) -> World:
    from data_hub.choices import ImportState as DataImportState
    from data_hub.choices import PlaceKind
    from data_hub.models import ImportJob, Place
    from meetings.services.actions import action_item_create
    from meetings.services.agenda import agenda_item_add
    from meetings.services.decisions import decision_record
    from meetings.services.documents import document_upload, papers_bundle_build, papers_bundle_request
    from meetings.services.feeds import calendar_feed_create
    from meetings.services.invitations import invitations_create
    from members.models import CoChairPeriod, Designation, JoinRequest
    from programmes.choices import ImportState
    from programmes.models import ActivityImport, Attachment
    from reports.choices import QuestionnaireStatus
    from tests.data_hub.conftest import ensure_reference_data
    from tests.data_hub.factories import DatasetFactory, ObservationFactory, ReleaseFactory
    from tests.meetings.files import pdf_upload
    from tests.meetings.helpers import held, schedule
    from tests.programmes.factories import ActivityFactory, GoodPracticeFactory, PriorityAreaFactory
    from tests.reports.factories import (
        AssessmentFactory,
        BuildFactory,
        ChapterFactory,
        QuestionFactory,
        ReportFactory,
        SourceFactory,
    )

    ensure_reference_data()
    by = people.secretariat
    owning = people.owning
    world = World(people=people)
    world.objects["media_root"] = settings.MEDIA_ROOT
    o = world.objects

    # members
    o["agency"] = owning
    o["designation"] = Designation.objects.get(agency=owning, person=people.focal_point)
    o["co_chair"] = CoChairPeriod.objects.create(agency=owning, starts_on=datetime.date(2026, 1, 1))
    o["person"] = people.focal_point
    o["join_request"] = JoinRequest.objects.create(
        organisation="Applicant Org", kind=owning.kind, contact_name="Applicant", contact_email="a@applicant.example",
        motivation="We work on migration.")

    # meetings: a held meeting with its records, a planned one the focal point is invited to
    meeting = held(by)
    item = agenda_item_add(meeting=meeting, data={"title": "Workplan"}, by=by)
    document = document_upload(meeting=meeting, agenda_item=item, title="Workplan draft", upload=pdf_upload(), by=by)
    decision = decision_record(meeting=meeting, text="Adopted", agenda_item=item, report_to_rcm=True, by=by)
    action = action_item_create(meeting=meeting, title="Circulate", owner_agency=owning,
                                due_on=datetime.date(2031, 1, 1), decision=decision, by=by)
    planned = schedule(by)
    (invitation,) = invitations_create(meeting=planned, include_members=False, people=[people.focal_point], by=by)
    bundle = papers_bundle_request(meeting=meeting, by=by)
    papers_bundle_build(bundle_id=bundle.pk)
    _feed, token = calendar_feed_create(user=people.focal_point)
    o.update(meeting=meeting, agenda_item=item, document=document, version=document.versions.get(),
             decision=decision, action=action, planned=planned, invitation=invitation, bundle=bundle,
             feed_token=token)
    # a guest of the planned meeting (no account) and a paper shared with guests
    from meetings.guests import guest_token
    from meetings.services.guests import documents_share_with_guests, guest_invite

    guest = guest_invite(meeting=planned, name="Guest Observer", email="guest@ngo.example", organisation="An NGO",
                         organisation_kind="ngo", language="en", by=by)
    guest_document = document_upload(meeting=planned, title="Concept note", upload=pdf_upload(), by=by)
    documents_share_with_guests(meeting=planned, document_ids=[guest_document.pk], by=by)
    o.update(guest=guest, guest_token=guest_token(guest), guest_version=guest_document.versions.get())

    # programmes
    activity = ActivityFactory(lead_agency=owning)
    attachment = Attachment(activity=activity, kind="document", title="Concept note")
    attachment.file.save("concept.pdf", ContentFile(pdf_upload().read()), save=True)
    bulk = ActivityImport(agency=owning, uploaded_by=people.focal_point, original_name="update.xlsx",
                          state=ImportState.VALIDATED)
    bulk.file.save("update.xlsx", ContentFile(b"PK\x03\x04 not read by these views"), save=True)
    o.update(activity=activity, attachment=attachment, priority=PriorityAreaFactory(), bulk=bulk,
             practice=GoodPracticeFactory(agency=owning))
    from programmes.services import recommendation_save

    o["recommendation"] = recommendation_save(data={"reference": "1", "text_en": "Protect migrant workers.",
                                                    "theme": "labour", "countries": ["JOR", "LBN"]},
                                              activities=[activity], by=by)

    # data hub: an unpublished release of the owning agency's own dataset
    release = ReleaseFactory(dataset=DatasetFactory(agency=owning), is_published=False)
    ObservationFactory(release=release, indicator_id=_indicator_id(), place=Place.objects.get(code="JOR"))
    job = ImportJob.objects.create(original_name="figures.csv", created_by=people.focal_point, agency=owning,
                                   state=DataImportState.READY)
    group = Place.objects.create(code="OWNGRP", kind=PlaceKind.GROUP, name_en="Owning group",
                                 created_by=people.focal_point)
    group.members.add(Place.objects.get(code="JOR"))
    o.update(place=Place.objects.get(code="JOR"), release=release, job=job, group=group)

    # reports: a situation report with a chapter led by the owning agency, an open assessment
    report = ReportFactory()
    chapter = ChapterFactory(report=report, lead_agency=owning)
    assessment = AssessmentFactory(questionnaire_status=QuestionnaireStatus.OPEN)
    build = BuildFactory(report=report)
    build.file.save("build-en.pdf", ContentFile(pdf_upload().read()), save=True)
    o.update(report=report, chapter=chapter, source=SourceFactory(report=report, agency=owning), assessment=assessment,
             question=QuestionFactory(report=assessment), build=build)

    # the RCM: a session at which the Group presented the report and the decision, with a follow-up
    from meetings.services.rcm import rcm_follow_up_create, rcm_session_save

    rcm_session = rcm_session_save(data={"held_on": datetime.date(2030, 11, 5), "place": "Beirut, UN House"},
                                   reports=[report], decisions=[decision], by=by)
    o.update(rcm_session=rcm_session, rcm_follow_up=rcm_follow_up_create(
        session=rcm_session, title="Share the figures", owner_agency=owning, by=by))

    # the Group in public: the assessment published and public; a message to the secretariat
    from django.utils import timezone

    from members.models import ContactMessage

    now = timezone.now()
    BuildFactory(report=assessment, approved_at=now, approved_by=by, published_at=now, is_public=True)
    # the library: a members-only study of the owning agency, with its file
    from reports.services.library import library_item_save

    o["library_item"] = library_item_save(item=None, fields={
        "kind": "study", "title_en": "Members-only study", "abstract_en": "Findings.", "language": "en", "year": 2026,
        "agency": owning, "countries": ["JOR"], "gcm_objectives": [1], "sdg_targets": ["17.18"],
        "visibility": "members", "url": ""}, upload=pdf_upload("study.pdf"), by=people.focal_point)
    o.update(public_report=assessment, contact=ContactMessage.objects.create(
        name="Visitor", email="visitor@example.org", subject="A question", message="Where is the data?",
        language="en"))

    # stakeholders: a proposal awaiting moderation, one returned (its amend link), an open consultation
    # with an answer, and another open one for the close URL
    from members.stakeholders import services as stakeholders

    proposal_data = {"organisation": "Civic Org", "organisation_kind": "civil_society", "contact_name": "Nadia",
                     "contact_email": "nadia@civic.example", "language": "en", "title": "Legal clinics",
                     "countries": ["JOR"], "theme": "rights", "practice": "Clinics.", "evidence": "Cases.",
                     "lessons": "Trust.", "replication": "Lawyers."}
    proposal = stakeholders.proposal_submit(data=proposal_data)
    returned = stakeholders.proposal_return(proposal=stakeholders.proposal_submit(data=proposal_data),
                                            message="Add the results.", by=by)
    period = {"question": "How?", "language": "en", "questions": ["Which corridor?"], "time_zone": "Asia/Beirut",
              "opens_at": now - datetime.timedelta(days=1), "closes_at": now + datetime.timedelta(days=3650)}
    consultation = stakeholders.consultation_save(consultation=None, fields={"title": "Remittances", **period}, by=by)
    answer = stakeholders.answer_submit(consultation=consultation, data={
        "organisation": "Diaspora Forum", "organisation_kind": "migrants", "contact_name": "Karim",
        "contact_email": "karim@forum.example", "language": "fr", "answer": "Trop cher.", "replies": [""]})
    from reports.services.library_proposals import library_proposal_submit

    o["library_proposal"] = library_proposal_submit(data={
        "organisation": "Civic Org", "organisation_kind": "civil_society", "contact_name": "Nadia",
        "contact_email": "nadia@civic.example", "language": "en", "title": "Remittance costs", "kind": "study",
        "year": 2025, "countries": ["JOR"], "abstract": "Costs."}, upload=pdf_upload("proposed.pdf"))
    o.update(proposal=proposal, returned_proposal=returned, amend_token=stakeholders.amend_token(returned),
             consultation=consultation, consultation_answer=answer,
             closing_consultation=stakeholders.consultation_save(
                 consultation=None, fields={"title": "To close", **period}, by=by))
    return world


def _indicator_id() -> int:
    from data_hub.models import Indicator

    return Indicator.objects.order_by("pk").values_list("pk", flat=True).first()


@contextlib.contextmanager
def world_for_module(django_db_blocker, media_root):
    """People and their world, built once for a test module inside a transaction that is rolled back
    when the module is done. Each test runs in a savepoint inside it (pytest-django's ``django_db``)."""
    with django_db_blocker.unblock(), override_settings(
        MEDIA_ROOT=media_root, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            people = make_people()
            yield people, build_world(people)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
