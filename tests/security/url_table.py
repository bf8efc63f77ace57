"""The declared table: for every URL of the portal, who may read it (GET) and who may write (POST).

Outcomes come from each app's ``permissions.py`` (see the app's module docstring for the rules):
``OK`` (allowed: 2xx or a redirect elsewhere than the login page), ``LOGIN`` (sent to sign in),
403, 404 and 405 (the view does not take that method). Each entry names how to build the URL's
arguments from the world of ``tests/security/world.py`` (records owned by the ``owning`` agency)
and which record a refused write must leave untouched.

A URL missing from this table and from ``SKIPPED`` fails ``test_every_url_is_listed``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.access import LOGIN, OK
from tests.people import ROLES

ALL = {role: OK for role in ROLES}
SIGNED_IN = {**ALL, "anonymous": LOGIN}
PORTAL_ROLE = {**SIGNED_IN, "no_role": 403}
GROUP = {**PORTAL_ROLE, "rcm_delegate": 403}
SECRETARIAT = {**{role: 403 for role in ROLES}, "anonymous": LOGIN, "secretariat": OK, "admin": OK}
OWNING = {**SECRETARIAT, "alternate": OK, "focal_point": OK}
NOT_ALLOWED = {**{role: 405 for role in ROLES}, "anonymous": LOGIN}  # login first, then the method check
PUBLIC_NOT_ALLOWED = {role: 405 for role in ROLES}
NOBODY = {**{role: 403 for role in ROLES}, "anonymous": LOGIN}
HIDDEN_RELEASE = {**GROUP, "anonymous": 404, "no_role": 404, "rcm_delegate": 404}  # unpublished data
OWNING_HIDDEN = {**OWNING, "no_role": 404, "rcm_delegate": 404}
UPLOADER = {**SECRETARIAT, "focal_point": OK, "other_focal_point": 404, "alternate": 404}


def but(base: dict, **changes) -> dict:
    return {**base, **changes}


@dataclass(frozen=True)
class Entry:
    get: dict
    post: dict
    args: Callable = lambda w: []
    obj: str | None = None  # the world's record a refused write must leave as it was
    query: Callable | None = None  # query string for GET (e.g. API filters)
    data: Callable = field(default=lambda w: {})  # POST body; empty by default: authorization comes first


def get_only(expected: dict, *, public: bool = False, **kwargs) -> Entry:
    return Entry(get=expected, post=PUBLIC_NOT_ALLOWED if public else NOT_ALLOWED, **kwargs)


def post_only(expected: dict, **kwargs) -> Entry:
    return Entry(get=NOT_ALLOWED, post=expected, **kwargs)


def both(expected: dict, post: dict | None = None, **kwargs) -> Entry:
    return Entry(get=expected, post=expected if post is None else post, **kwargs)


def pk(key: str) -> Callable:
    return lambda w: [getattr(w, key).pk]


# Everything the URL configuration serves that this table does not check, with the reason.
SKIPPED_ROUTE_PREFIXES = {
    "admin/": "Django admin internals: only staff with two-factor reach them (admin:index is checked here, "
              "and the admin login goes through allauth's secure_admin_login)",
}
SKIPPED_MODULES = {
    "allauth.": "allauth's own sign-in, password and two-factor pages: tested in tests/security/test_login.py",
}

TABLE: dict[str, Entry] = {
    # Shell -------------------------------------------------------------------------------------------
    "home": both(ALL),  # the public front page; panels inside it ask their own permissions
    "health": get_only(ALL, public=True),
    "django.contrib.sitemaps.views.sitemap": get_only(ALL, public=True),
    "robots_txt": get_only(ALL, public=True),
    # Everyone may search; each result is filtered by its own page's rule (tests/shell/test_search_access.py).
    "search": get_only(ALL, public=True, query=lambda w: {"q": "migration"}),
    "security_events": both(SECRETARIAT),
    "set_language": both(ALL),
    # A plain redirect to members:my_account (itself LOGIN for anonymous visitors): it shows nothing.
    "account_email": both(ALL),
    # Everyone but a superuser (staff) is redirected to the admin sign-in, which is allauth's (two-factor);
    # test_admin_needs_staff checks that nobody else sees the index.
    "admin:index": both(ALL),
    # Members -----------------------------------------------------------------------------------------
    "members:index": both(ALL),  # a redirect to the directory, which asks for a role
    "members:directory": both(PORTAL_ROLE),
    "members:my_agency": both(but(GROUP, secretariat=403, admin=403)),  # they represent no agency
    "members:my_account": both(SIGNED_IN),
    "members:agency_create": both(SECRETARIAT),
    "members:agency_detail": both(PORTAL_ROLE, args=pk("agency"), obj="agency"),
    "members:agency_edit": both(SECRETARIAT, args=pk("agency"), obj="agency"),
    "members:agency_edit_contacts": both(OWNING, args=pk("agency"), obj="agency"),
    "members:agency_history": both(SECRETARIAT, args=pk("agency")),
    "members:designation_create": both(SECRETARIAT, args=pk("agency"), obj="agency"),
    "members:co_chair_create": both(SECRETARIAT, args=pk("agency"), obj="agency"),
    "members:designation_end": both(SECRETARIAT, args=pk("designation"), obj="designation"),
    "members:co_chair_edit": both(SECRETARIAT, args=pk("co_chair"), obj="co_chair"),
    "members:co_chair_delete": both(SECRETARIAT, args=pk("co_chair"), obj="co_chair"),
    "members:people": both(SECRETARIAT),
    "members:person_invite": both(SECRETARIAT),
    "members:person_detail": both(SECRETARIAT, args=pk("person"), obj="person"),
    "members:person_edit": both(SECRETARIAT, args=pk("person"), obj="person"),
    "members:person_deactivate": post_only(SECRETARIAT, args=pk("person"), obj="person"),
    "members:person_reactivate": post_only(SECRETARIAT, args=pk("person"), obj="person"),
    "members:person_reinvite": post_only(SECRETARIAT, args=pk("person"), obj="person"),
    "members:person_history": both(SECRETARIAT, args=pk("person")),
    "members:join": both(ALL),
    "members:join_thanks": both(ALL),
    "members:join_requests": both(SECRETARIAT),
    "members:join_request_detail": both(SECRETARIAT, args=pk("join_request"), obj="join_request"),
    "members:contact_messages": get_only(SECRETARIAT),
    "members:contact_message_detail": both(SECRETARIAT, args=pk("contact"), obj="contact"),
    "members:contact_message_close": post_only(SECRETARIAT, args=pk("contact"), obj="contact"),
    # Stakeholders (ToR 3(d)(i)): the secretariat moderates proposals and consultations.
    "members:proposals": get_only(SECRETARIAT),
    "members:proposal_detail": both(SECRETARIAT, args=pk("proposal"), obj="proposal"),
    "members:consultations": get_only(SECRETARIAT),
    "members:consultation_create": both(SECRETARIAT),
    "members:consultation_manage": get_only(SECRETARIAT, args=pk("consultation")),
    "members:consultation_edit": both(SECRETARIAT, args=pk("consultation"), obj="consultation"),
    "members:consultation_close": post_only(SECRETARIAT, args=pk("closing_consultation"), obj="closing_consultation"),
    "members:consultation_export": get_only(SECRETARIAT, args=lambda w: [w.consultation.pk, "xlsx"]),
    "members:answer_moderate": post_only(SECRETARIAT, args=pk("consultation_answer"), obj="consultation_answer"),
    # The Group in public (under /<language>/): open to everyone; the contact form takes POSTs from anyone.
    "members_public:about": get_only(ALL, public=True),
    "members_public:co_chairs": get_only(ALL, public=True),
    "members_public:agencies": get_only(ALL, public=True),
    "members_public:agency": get_only(ALL, public=True, args=lambda w: [w.people.owning.pk]),
    "members_public:contact": both(ALL),
    "members_public:contact_sent": get_only(ALL, public=True),
    # Organisations propose practices and answer open consultations without an account (the amend link is signed).
    "members_public:proposal_create": both(ALL),
    "members_public:proposal_sent": get_only(ALL, public=True),
    "members_public:proposal_amend": both(ALL, args=lambda w: [w.amend_token]),
    "members_public:consultations": get_only(ALL, public=True),
    "members_public:consultation": both(ALL, args=pk("consultation")),
    "members_public:consultation_answered": get_only(ALL, public=True, args=pk("consultation")),
    "meetings_public:calendar": get_only(ALL, public=True),
    "meetings_public:meeting": get_only(ALL, public=True, args=lambda w: [w.meeting.pk]),
    "meetings_public:meeting_by_reference": get_only(ALL, public=True, args=lambda w: [w.meeting.year,
                                                                                         w.meeting.number]),
    "reports_public:publications": get_only(ALL, public=True),
    "reports_public:report": get_only(ALL, public=True, args=pk("public_report")),
    # Meetings ----------------------------------------------------------------------------------------
    "meetings:meeting_list": both(but(GROUP, rcm_delegate=OK)),  # delegates: the dates only, no links
    "meetings:meeting_create": both(SECRETARIAT),
    "meetings:year_current": both(GROUP),
    "meetings:year": both(GROUP, args=lambda w: [2031]),
    "meetings:calendar": both(GROUP),
    "meetings:feed_settings": both(GROUP),
    "meetings:feed": get_only(ALL, public=True, args=lambda w: [w.feed_token]),
    "meetings:rcm_decisions": both(but(GROUP, rcm_delegate=OK)),
    "meetings:rcm_session_list": get_only(but(GROUP, rcm_delegate=OK)),
    "meetings:rcm_session_create": both(SECRETARIAT),
    "meetings:rcm_session_detail": get_only(but(GROUP, rcm_delegate=OK), args=pk("rcm_session")),
    "meetings:rcm_session_edit": both(SECRETARIAT, args=pk("rcm_session"), obj="rcm_session"),
    "meetings:rcm_session_history": get_only(SECRETARIAT, args=pk("rcm_session")),
    "meetings:rcm_follow_up_add": both(SECRETARIAT, args=pk("rcm_session"), obj="rcm_session"),
    "meetings:rcm_follow_up_edit": both(SECRETARIAT, args=pk("rcm_follow_up"), obj="rcm_follow_up"),
    "meetings:action_item_list": both(GROUP),
    "meetings:action_item_detail": both(GROUP, OWNING, args=pk("action"), obj="action"),
    "meetings:action_item_edit": both(SECRETARIAT, args=pk("action"), obj="action"),
    "meetings:meeting_detail": both(GROUP, args=pk("meeting"), obj="meeting"),
    "meetings:meeting_edit": both(SECRETARIAT, args=pk("planned"), obj="planned"),
    "meetings:meeting_status": both(SECRETARIAT, args=pk("planned"), obj="planned"),
    "meetings:meeting_clone": both(SECRETARIAT, args=pk("meeting"), obj="meeting"),
    "meetings:meeting_history": both(SECRETARIAT, args=pk("meeting")),
    "meetings:meeting_ics": get_only(GROUP, args=pk("meeting")),
    "meetings:agenda_item_add": both(SECRETARIAT, args=pk("meeting"), obj="meeting"),
    "meetings:agenda_refresh_follow_up": post_only(SECRETARIAT, args=pk("planned"), obj="planned"),
    "meetings:agenda_item_edit": both(SECRETARIAT, args=pk("agenda_item"), obj="agenda_item"),
    "meetings:agenda_item_delete": both(SECRETARIAT, args=pk("agenda_item"), obj="agenda_item"),  # GET: confirm
    "meetings:agenda_item_move": post_only(SECRETARIAT, args=pk("agenda_item"), obj="agenda_item"),
    "meetings:document_upload": both(SECRETARIAT, args=pk("meeting"), obj="meeting"),
    "meetings:document_detail": both(GROUP, args=pk("document"), obj="document"),
    "meetings:document_replace": post_only(SECRETARIAT, args=pk("document"), obj="document"),
    "meetings:document_download": get_only(GROUP, args=pk("version")),
    "meetings:papers_bundle_request": post_only(GROUP, args=pk("meeting"), obj="meeting"),
    "meetings:papers_bundle": get_only(GROUP, args=lambda w: [w.meeting.pk, w.bundle.pk]),
    "meetings:papers_bundle_download": get_only(GROUP, args=lambda w: [w.meeting.pk, w.bundle.pk]),
    "meetings:invitations": both(SECRETARIAT, args=pk("planned"), obj="planned"),
    "meetings:invitation_answer": post_only(but(SECRETARIAT, focal_point=OK), args=pk("invitation"),
                                            obj="invitation"),
    "meetings:attendance": both(SECRETARIAT, args=pk("meeting"), obj="meeting"),
    "meetings:guests": both(SECRETARIAT, args=pk("planned"), obj="planned"),
    "meetings:guest_papers": post_only(SECRETARIAT, args=pk("planned"), obj="planned"),
    "meetings:guest_renew": post_only(SECRETARIAT, args=pk("guest"), obj="guest"),
    # A guest's pages need no account but a valid signed token (tests/meetings/test_guests.py: tampered,
    # expired, renewed, another meeting's token, replay after a cancellation).
    "meetings:guest_page": both(ALL, args=lambda w: [w.guest_token], data=lambda w: {"response": "attending"}),
    "meetings:guest_document": get_only(ALL, public=True, args=lambda w: [w.guest_token, w.guest_version.pk]),
    "meetings:minutes": both(SECRETARIAT, args=pk("meeting"), obj="meeting"),
    "meetings:minutes_comment": post_only(but(SECRETARIAT, secretariat=403, admin=403), args=pk("meeting"),
                                          obj="meeting"),
    "meetings:minutes_share": post_only(SECRETARIAT, args=pk("meeting"), obj="meeting"),
    "meetings:minutes_approve": both(SECRETARIAT, args=pk("meeting"), obj="meeting"),
    "meetings:minutes_section_edit": both(SECRETARIAT, args=pk("agenda_item"), obj="agenda_item"),
    "meetings:minutes_section_history": both(SECRETARIAT, args=pk("agenda_item")),
    "meetings:decision_add": both(SECRETARIAT, args=pk("meeting"), obj="meeting"),
    "meetings:decision_edit": both(SECRETARIAT, args=pk("decision"), obj="decision"),
    "meetings:decision_register": get_only(ALL, public=True),  # each reader sees what the selector allows
    "meetings:decision_register_export": get_only(ALL, public=True, args=lambda w: ["csv"]),
    "meetings:decision_publish": post_only(SECRETARIAT, args=pk("decision"), obj="decision"),
    "meetings:action_item_add": both(SECRETARIAT, args=pk("meeting"), obj="meeting"),
    # Programmes --------------------------------------------------------------------------------------
    "programmes:index": both(SIGNED_IN),  # a redirect to the activity list, which asks for a role
    "programmes:activity_list": both(PORTAL_ROLE),
    "programmes:recommendation_list": get_only(PORTAL_ROLE),
    "programmes:recommendation_create": both(SECRETARIAT),
    "programmes:recommendation_coverage": get_only(PORTAL_ROLE),
    "programmes:recommendation_detail": get_only(PORTAL_ROLE, args=pk("recommendation")),
    "programmes:recommendation_edit": both(SECRETARIAT, args=pk("recommendation"), obj="recommendation"),
    "programmes:recommendation_review": both(SECRETARIAT, args=pk("recommendation"), obj="recommendation"),
    "programmes:recommendation_history": get_only(SECRETARIAT, args=pk("recommendation")),
    "programmes:activity_export_csv": both(PORTAL_ROLE),
    "programmes:activity_export_xlsx": both(PORTAL_ROLE),
    "programmes:activity_export_iati": both(PORTAL_ROLE),
    "programmes:activity_create": both(GROUP),
    "programmes:activity_detail": both(PORTAL_ROLE, args=pk("activity"), obj="activity"),
    "programmes:activity_edit": both(OWNING, args=pk("activity"), obj="activity"),
    "programmes:activity_history": both(OWNING, args=pk("activity")),
    "programmes:attachment_download": both(PORTAL_ROLE, args=pk("attachment")),
    "programmes:coverage": both(PORTAL_ROLE),
    "programmes:synergies": both(PORTAL_ROLE),
    "programmes:synergy_review": post_only(but(SECRETARIAT, secretariat=400, admin=400)),  # empty pair: 400
    "programmes:priority_list": both(PORTAL_ROLE),
    "programmes:priority_create": both(SECRETARIAT),
    "programmes:priority_edit": both(SECRETARIAT, args=pk("priority"), obj="priority"),
    "programmes:priority_history": both(SECRETARIAT, args=pk("priority")),
    "programmes:bulk_home": both(GROUP),
    "programmes:bulk_download": both(OWNING, args=lambda w: [w.agency.pk]),
    "programmes:bulk_upload": both(OWNING, args=lambda w: [w.agency.pk], obj="agency"),
    "programmes:bulk_preview": both(OWNING, args=pk("bulk"), obj="bulk"),
    "programmes:bulk_apply": post_only(OWNING, args=pk("bulk"), obj="bulk"),
    "programmes:bulk_discard": post_only(OWNING, args=pk("bulk"), obj="bulk"),
    "programmes:practice_list": both(ALL),
    "programmes:practice_create": both(GROUP),
    "programmes:practice_detail": both(OWNING, args=pk("practice"), obj="practice"),
    "programmes:practice_edit": both(OWNING, args=pk("practice"), obj="practice"),
    "programmes:practice_submit": post_only(OWNING, args=pk("practice"), obj="practice"),
    "programmes:practice_publish": post_only(SECRETARIAT, args=pk("practice"), obj="practice"),
    "programmes:practice_return": post_only(SECRETARIAT, args=pk("practice"), obj="practice",
                                            data=lambda w: {"note": "Please add the evidence."}),
    "programmes:practice_history": both(OWNING, args=pk("practice")),
    # Data hub ----------------------------------------------------------------------------------------
    "data_hub:explorer": get_only(ALL, public=True),
    "data_hub:place_list": get_only(ALL, public=True),
    "data_hub:place_detail": get_only(ALL, public=True, args=lambda w: [w.place.code]),
    "data_hub:quality": get_only(ALL, public=True),
    "data_hub:compare": get_only(ALL, public=True),
    "data_hub:release_list": get_only(ALL, public=True),
    "data_hub:release_detail": get_only(HIDDEN_RELEASE, public=True,
                                        args=pk("release")),
    "data_hub:release_download": get_only(HIDDEN_RELEASE,
                                          public=True, args=pk("release")),
    "data_hub:release_make_current": post_only(OWNING_HIDDEN, args=pk("release"), obj="release"),
    "data_hub:release_publish": post_only(OWNING_HIDDEN, args=pk("release"), obj="release"),
    "data_hub:release_delete": both(OWNING_HIDDEN, args=pk("release"), obj="release"),
    "data_hub:import_list": get_only(GROUP),
    "data_hub:import_create": both(GROUP),
    # An import is its uploader's (and the secretariat's); to other importers it does not exist.
    "data_hub:import_detail": get_only(UPLOADER, args=pk("job")),
    "data_hub:import_confirm": post_only(UPLOADER, args=pk("job"), obj="job"),
    "data_hub:import_cancel": post_only(UPLOADER, args=pk("job"), obj="job"),
    "data_hub:template": get_only(ALL, public=True, args=lambda w: ["csv"]),
    "data_hub:group_list": get_only(ALL, public=True),
    "data_hub:group_create": both(GROUP),
    "data_hub:group_edit": both(but(SECRETARIAT, focal_point=OK), args=lambda w: [w.group.code], obj="group"),
    "data_hub:group_delete": both(but(SECRETARIAT, focal_point=OK), args=lambda w: [w.group.code], obj="group"),
    "data_hub:api_index": get_only(ALL, public=True),
    "data_hub:openapi": get_only(ALL, public=True),
    "data_hub:api_indicators": get_only(ALL, public=True, args=lambda w: ["json"]),
    "data_hub:api_places": get_only(ALL, public=True, args=lambda w: ["json"]),
    "data_hub:api_releases": get_only(ALL, public=True, args=lambda w: ["json"]),
    # The world's only release is unpublished: outside the group it does not exist (404).
    "data_hub:api_observations": get_only(HIDDEN_RELEASE, public=True, args=lambda w: ["json"],
                                          query=lambda w: {"indicator": "migrant_stock", "place": "JOR"}),
    "data_hub:api_aggregates": get_only(HIDDEN_RELEASE, public=True, args=lambda w: ["json"],
                                        query=lambda w: {"indicator": "migrant_stock", "group": "OWNGRP"}),
    # Reports -----------------------------------------------------------------------------------------
    "reports:index": both(GROUP),
    "reports:report_create": both(SECRETARIAT),
    "reports:report_detail": both(GROUP, args=pk("report"), obj="report"),
    "reports:report_edit": both(SECRETARIAT, args=pk("report"), obj="report"),
    "reports:chapter_create": both(SECRETARIAT, args=pk("report"), obj="report"),
    "reports:source_list": both(GROUP, OWNING, args=pk("report"), obj="report"),
    "reports:build_create": post_only(SECRETARIAT, args=pk("report"), obj="report"),
    "reports:question_list": both(SECRETARIAT, args=pk("assessment"), obj="assessment"),
    "reports:questionnaire_answer": both(but(GROUP, secretariat=403, admin=403), args=pk("assessment"),
                                         obj="assessment"),
    "reports:questionnaire_open": post_only(SECRETARIAT, args=pk("assessment"), obj="assessment"),
    "reports:questionnaire_close": post_only(SECRETARIAT, args=pk("assessment"), obj="assessment"),
    "reports:questionnaire_results": both(SECRETARIAT, args=pk("assessment")),
    "reports:chapter_detail": both(GROUP, args=pk("chapter"), obj="chapter"),
    "reports:chapter_edit": both(OWNING, args=pk("chapter"), obj="chapter"),
    "reports:chapter_outline": both(SECRETARIAT, args=pk("chapter"), obj="chapter"),
    "reports:chapter_action": post_only(OWNING, args=pk("chapter"), obj="chapter",
                                        data=lambda w: {"action": "submit"}),
    "reports:chapter_comment": post_only(OWNING, args=pk("chapter"), obj="chapter"),
    "reports:chapter_versions": both(GROUP, args=pk("chapter")),
    "reports:chapter_compare": both(GROUP, args=pk("chapter")),
    "reports:chapter_blocks": both(GROUP, args=pk("chapter")),
    "reports:source_edit": both(OWNING, args=pk("source"), obj="source"),
    "reports:source_delete": post_only(SECRETARIAT, args=pk("source"), obj="source"),
    "reports:question_edit": both(SECRETARIAT, args=pk("question"), obj="question"),
    "reports:question_delete": post_only(SECRETARIAT, args=pk("question"), obj="question"),
    "reports:build_detail": both(GROUP, args=pk("build"), obj="build"),
    "reports:build_retry": post_only(SECRETARIAT, args=pk("build"), obj="build"),
    "reports:build_approve": post_only(SECRETARIAT, args=pk("build"), obj="build"),
    # The world's build is finished but not approved: publishing steps are refused to everyone.
    "reports:build_publish": post_only(NOBODY, args=pk("build"), obj="build"),
    "reports:build_unpublish": post_only(NOBODY, args=pk("build"), obj="build"),
    "reports:build_public": post_only(NOBODY, args=pk("build"), obj="build"),
    # Public downloads need no sign-in; an unpublished build does not exist outside the group.
    "reports:build_download": get_only(but(GROUP, anonymous=404, no_role=404, rcm_delegate=404), public=True,
                                       args=pk("build")),
    "reports:downloads": both(but(GROUP, rcm_delegate=OK)),
    # The library: members see everything, a members-only item is a 404 for everyone else (not revealed);
    # a focal point or alternate shares for their agency and edits its items only (docs/reports.md).
    "reports:library_list": get_only(GROUP),
    "reports:library_create": both(GROUP),
    "reports:library_edit": both(OWNING, args=pk("library_item"), obj="library_item"),
    "reports:library_download": get_only(but(GROUP, anonymous=404, no_role=404, rcm_delegate=404), public=True,
                                         args=pk("library_item")),
    # Library items proposed by organisations: a public form (no account); the secretariat moderates them.
    "reports:library_proposals": get_only(SECRETARIAT),
    "reports:library_proposal_detail": both(SECRETARIAT, args=pk("library_proposal"), obj="library_proposal"),
    "reports:library_proposal_file": get_only(SECRETARIAT, args=pk("library_proposal")),
    "reports_public:library_propose": both(ALL),
    "reports_public:library_proposal_sent": get_only(ALL, public=True),
    "reports_public:library": get_only(ALL, public=True),
    "reports_public:library_item": get_only(but(GROUP, anonymous=404, no_role=404, rcm_delegate=404), public=True,
                                            args=pk("library_item")),
    "reports:public": both(ALL),
}


def case_count() -> int:
    """How many (URL, role, method) cases the table declares."""
    return len(TABLE) * len(ROLES) * 2
