"""Reads of the meetings app. Every object is fetched through the user who asks for it.

``<thing>_get_for_user(user, pk, write=False)`` narrows to what the user may see and
raises 404 when the object is absent (or invisible to them) and PermissionDenied when they
may see it but not do what they asked.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from meetings import permissions
from meetings.choices import OPEN_ACTION_STATUSES, MinutesStatus
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Document,
    DocumentVersion,
    GuestInvitation,
    Invitation,
    Meeting,
    MinutesComment,
    PapersBundle,
)
from members.permissions import is_group_member, represented_agency_ids
from rwg_portal import dashboard_cache, translated
from rwg_portal.refusals import role_refusal


def meeting_list_for_user(user) -> QuerySet[Meeting]:
    """Group members see every meeting; other people only those they are invited to."""
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    queryset = Meeting.objects.select_related("chair_agency").annotate(
        is_invited=Exists(Invitation.objects.filter(meeting=OuterRef("pk"), person_id=user.pk))
    )
    if is_group_member(user):
        return queryset
    return queryset.filter(is_invited=True)


def meeting_dates_for_user(user) -> QuerySet[Meeting]:
    """The Group's meetings as a list of dates (RCM delegates and members): nothing here opens a
    meeting; ``meeting_get_for_user`` still decides who sees one."""
    if not permissions.can_view_meeting_dates(user):
        return Meeting.objects.none()
    return Meeting.objects.all()


def meeting_get_for_user(user, pk, *, write: bool = False) -> Meeting:
    """The meeting as the user may see it (``write``: as the secretariat may change it)."""
    if not user.is_authenticated:
        raise role_refusal(user)
    try:
        meeting = meeting_list_for_user(user).get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        # People with no access at all get 403 rather than learning which meetings exist.
        if not permissions.can_view_meetings(user):
            raise role_refusal(user) from None
        raise Http404 from None
    if write and not permissions.can_manage_meetings(user):
        raise permissions.manage_meetings_refusal()
    return meeting


def _versions_prefetch():
    return Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by").order_by("-number"))


def meeting_detail_for_user(user, pk) -> Meeting:
    """A meeting with everything its page shows, in a fixed number of queries.

    Who may see it is decided per user (``meeting_get_for_user``: one query, with whether the user is
    invited); the meeting with its agenda, papers, invitations, attendance, decisions and action items
    is the same for every reader and is read once for all of them (``_meeting_graph``), kept in the
    shared cache by the content version of the meetings and members apps (moved on by every write to
    them, ``rwg_portal.dashboard_cache``). A copy per request: the cache hands out a fresh one."""
    visible = meeting_get_for_user(user, pk)
    meeting = dashboard_cache.cached_by_content(("meeting-detail", visible.pk), ("meetings", "members"),
                                                lambda: _meeting_graph(visible.pk))
    meeting.is_invited = visible.is_invited
    meeting.my_invitation = next((i for i in meeting.invitation_list if i.person_id == user.pk), None)
    return meeting


def _meeting_graph(pk: int) -> Meeting:
    """The meeting and what its page shows, whoever reads it: in one query per kind of record; its papers
    read in one query with their versions and shared out (``meeting.general_documents`` and each agenda
    item's ``document_list``)."""
    agenda = (
        AgendaItem.objects.select_related("presenting_agency", "minutes_of")
        .prefetch_related(
            Prefetch("follow_up_items", queryset=ActionItem.objects.select_related(
                "meeting", "owner_agency", "assignee").order_by("due_on", "pk")),
        )
        .order_by("position", "pk")
    )
    meeting = (
        Meeting.objects
        .select_related("chair_agency", "cloned_from", "minutes_approved_at_meeting", "created_by")
        .prefetch_related(
            Prefetch("agenda_items", queryset=agenda, to_attr="agenda"),
            Prefetch("documents", queryset=Document.objects.prefetch_related(_versions_prefetch())
                     .order_by("title", "pk"), to_attr="document_list"),
            Prefetch("invitations", queryset=Invitation.objects.select_related("person", "agency")
                     .order_by("agency__acronym", "person__last_name", "pk"), to_attr="invitation_list"),
            Prefetch("attendance", queryset=Attendance.objects.select_related("agency", "person")
                     .order_by("agency__acronym"), to_attr="attendance_list"),
            Prefetch("decisions", queryset=Decision.objects.select_related("agenda_item", "join_request")
                     .order_by("number"), to_attr="decision_list"),
            Prefetch("action_items", queryset=ActionItem.objects.select_related(
                "owner_agency", "assignee", "decision", "decision__meeting").order_by("number"),
                to_attr="action_item_list"),
            Prefetch("approved_minutes_of", to_attr="approved_minutes_list"),
            Prefetch("guest_invitations", queryset=GuestInvitation.objects.filter(attended=True)
                     .order_by("organisation", "name", "pk"), to_attr="observer_list"),
        )
        .get(pk=pk)
    )
    by_item: dict[int | None, list[Document]] = {}
    for document in meeting.document_list:
        by_item.setdefault(document.agenda_item_id, []).append(document)
    meeting.general_documents = by_item.get(None, [])
    for item in meeting.agenda:
        item.document_list = by_item.get(item.pk, [])
    return meeting


def agenda_item_get_for_user(user, pk, *, write: bool = False) -> AgendaItem:
    try:
        item = AgendaItem.objects.select_related("meeting", "minutes_of").get(pk=pk)
    except (AgendaItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    meeting_get_for_user(user, item.meeting_id, write=write)
    return item


def document_get_for_user(user, pk, *, write: bool = False) -> Document:
    try:
        document = Document.objects.select_related("meeting", "agenda_item").get(pk=pk)
    except (Document.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    meeting_get_for_user(user, document.meeting_id, write=write)
    return document


def document_version_get_for_user(user, pk) -> DocumentVersion:
    """A stored file, for download: only to those who may see its meeting."""
    try:
        version = DocumentVersion.objects.select_related("document", "document__meeting").get(pk=pk)
    except (DocumentVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    meeting_get_for_user(user, version.document.meeting_id)
    return version


def papers_bundle_get_for_user(user, meeting: Meeting, pk) -> PapersBundle:
    try:
        return PapersBundle.objects.get(pk=pk, meeting=meeting)
    except (PapersBundle.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def invitation_get_for_user(user, pk, *, write: bool = False) -> Invitation:
    """An invitation: its invitee and the secretariat may answer it."""
    try:
        invitation = Invitation.objects.select_related("meeting", "person").get(pk=pk)
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    meeting_get_for_user(user, invitation.meeting_id)
    if write and not permissions.can_answer_invitation(user, invitation):
        raise PermissionDenied
    return invitation


def minutes_get_for_user(user, pk) -> Meeting:
    """A meeting whose minutes the user may read (drafts: the secretariat only)."""
    meeting = meeting_get_for_user(user, pk)
    if not permissions.can_view_minutes(user, meeting):
        raise PermissionDenied
    return meeting


def minutes_detail_for_user(user, pk) -> Meeting:
    meeting = minutes_get_for_user(user, pk)
    agenda = AgendaItem.objects.select_related("presenting_agency", "minutes_of", "minutes",
                                               "minutes__updated_by").order_by("position", "pk")
    comments = MinutesComment.objects.select_related("author", "agenda_item").order_by("created_at", "pk")
    return (
        Meeting.objects.select_related("minutes_approved_at_meeting", "chair_agency")
        .prefetch_related(
            Prefetch("agenda_items", queryset=agenda, to_attr="agenda"),
            Prefetch("minutes_comments", queryset=comments, to_attr="comment_list"),
            Prefetch("decisions", queryset=Decision.objects.select_related("agenda_item").order_by("number"),
                     to_attr="decision_list"),
        )
        .get(pk=meeting.pk)
    )


def decision_get_for_user(user, pk, *, write: bool = False) -> Decision:
    try:
        decision = Decision.objects.select_related("meeting", "agenda_item", "join_request").get(pk=pk)
    except (Decision.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    meeting_get_for_user(user, decision.meeting_id, write=write)
    return decision


def rcm_decisions_for_user(user) -> QuerySet[Decision]:
    """Decisions published to the RCM: flagged for it, in approved minutes."""
    if not permissions.can_view_rcm_decisions(user):
        return Decision.objects.none()
    return (
        Decision.objects.filter(report_to_rcm=True, meeting__minutes_status=MinutesStatus.APPROVED)
        .select_related("meeting", "agenda_item")
        .order_by("-meeting__starts_at", "number")
    )


def decision_register_for_user(user) -> QuerySet[Decision]:
    """The decisions register as the user may read it, each decision with its follow-up counts.

    Group members (the secretariat included) see every decision, as on the meeting pages. Outside
    the Group only decisions of approved minutes are shown: to RCM delegates those reported to the
    RCM or published, to everyone else those the secretariat published.
    """
    queryset = (
        Decision.objects.select_related("meeting", "agenda_item")
        .annotate(action_count=Count("action_items"),
                  open_action_count=Count("action_items", filter=Q(action_items__status__in=OPEN_ACTION_STATUSES)))
        .order_by("-meeting__starts_at", "-meeting_id", "number")
    )
    if permissions.can_view_meetings(user):
        return queryset
    visible = Q(public=True) | Q(meeting__publish_decisions=True)  # as ``public_decisions``
    if permissions.can_view_rcm_decisions(user):
        visible |= Q(report_to_rcm=True)
    return queryset.filter(visible, meeting__minutes_status=MinutesStatus.APPROVED)


def action_item_list_for_user(user) -> QuerySet[ActionItem]:
    if not permissions.can_view_action_items(user):
        return ActionItem.objects.none()
    return ActionItem.objects.select_related("meeting", "owner_agency", "assignee", "decision", "decision__meeting")


def action_item_get_for_user(user, pk, *, write: bool = False, edit: bool = False) -> ActionItem:
    """``write``: update its progress (owner agency or secretariat); ``edit``: change it (secretariat)."""
    if not permissions.can_view_action_items(user):
        raise role_refusal(user)
    try:
        item = action_item_list_for_user(user).get(pk=pk)
    except (ActionItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not permissions.can_update_action_item(user, item):
        raise permissions.action_item_update_refusal(item)
    if edit and not permissions.can_edit_action_item(user, item):
        raise permissions.action_item_edit_refusal(item)
    return item


def my_action_items(user) -> QuerySet[ActionItem]:
    """Open action items assigned to the user or owned by an agency the user represents."""
    agencies = represented_agency_ids(user)
    return action_item_list_for_user(user).filter(status__in=OPEN_ACTION_STATUSES).filter(
        Q(assignee_id=user.pk) | Q(owner_agency_id__in=agencies)
    )


def meetings_between(user, start: datetime.datetime, end: datetime.datetime) -> QuerySet[Meeting]:
    """Meetings the user may see that overlap [start, end)."""
    return meeting_list_for_user(user).filter(starts_at__lt=end, ends_at__gt=start).order_by("starts_at", "pk")


def upcoming_invitations(user, now: datetime.datetime) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(person_id=user.pk, meeting__starts_at__gte=now, meeting__status="planned")
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )


def minutes_list_for_user(user) -> QuerySet[Meeting]:
    """Meetings whose minutes the user may read: the queryset form of ``permissions.can_view_minutes``."""
    meetings = meeting_list_for_user(user)
    if permissions.is_secretariat(user):
        return meetings
    if not is_group_member(user):
        return Meeting.objects.none()
    return meetings.filter(minutes_status__in=(MinutesStatus.SHARED, MinutesStatus.APPROVED))


def decision_list_for_user(user) -> QuerySet[Decision]:
    """Decisions shown on the pages of the meetings the user may see."""
    return Decision.objects.filter(meeting__in=meeting_list_for_user(user).values("pk"))


def document_list_for_user(user) -> QuerySet[Document]:
    """Papers of the meetings the user may see (their page and files follow the meeting's access)."""
    return Document.objects.filter(meeting__in=meeting_list_for_user(user).values("pk"))


# The public calendar (no user: what anyone may see) ----------------------------


def _public_meetings() -> QuerySet[Meeting]:
    # Only what the public pages show: never the video link, the agenda or the minutes.
    return Meeting.objects.select_related("chair_agency").defer("video_link")


def public_upcoming_meetings() -> QuerySet[Meeting]:
    """Planned and postponed meetings that have not started, soonest first."""
    from django.utils import timezone

    return _public_meetings().filter(starts_at__gte=timezone.now()).order_by("starts_at", "pk")


def public_past_meetings() -> QuerySet[Meeting]:
    """Meetings that have started, newest first."""
    from django.utils import timezone

    return _public_meetings().filter(starts_at__lt=timezone.now()).order_by("-starts_at", "-pk")


def public_meeting_get(pk) -> Meeting:
    """A meeting's public page by its id: the stable address (a reference changes when the year's
    meetings are renumbered, the id never does); 404 if absent."""
    try:
        return _public_meetings().get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def public_meeting_by_reference(year, number) -> Meeting:
    """The meeting that has the reference RWG <year>/<number> now; 404 if none has."""
    try:
        return Meeting.objects.only("pk").get(year=year, number=number)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def public_decision_list() -> QuerySet[Decision]:
    """Every decision the public may read (``public_decisions``' rule, across meetings): in approved minutes,
    published one by one or with all of its meeting's decisions."""
    return Decision.objects.filter(Q(public=True) | Q(meeting__publish_decisions=True),
                                   meeting__minutes_status=MinutesStatus.APPROVED)


def public_decisions(meeting: Meeting) -> list[Decision]:
    """The decisions the public may read: only once the minutes are approved, and then those published
    one by one (``Decision.public``) or all of them where the meeting's decisions are published. The
    decisions register (``decision_register_for_user``) follows the same rule."""
    if meeting.minutes_status != MinutesStatus.APPROVED:
        return []
    decisions = meeting.decisions.order_by("number").only("meeting", "number", "language", *translated.columns("text"))
    if not meeting.publish_decisions:
        decisions = decisions.filter(public=True)
    return list(decisions)


def public_summary(meeting: Meeting) -> str:
    """The summary the public may read: empty until the secretariat publishes it."""
    return meeting.public_summary if meeting.publish_summary else ""


def guest_get_for_user(user, pk, *, write: bool = False) -> GuestInvitation:
    """A guest invitation, through its meeting (guests are the secretariat's to manage)."""
    try:
        guest = GuestInvitation.objects.select_related("meeting").get(pk=pk)
    except (GuestInvitation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    meeting_get_for_user(user, guest.meeting_id, write=write)
    return guest
# The Regional Coordination Mechanism ---------------------------------------------


def rcm_session_list_for_user(user) -> QuerySet:
    """RCM sessions, newest first, with counts of their follow-up (delegates and the Group; else none)."""
    from meetings.models import RcmSession

    if not permissions.can_view_rcm_sessions(user):
        return RcmSession.objects.none()
    return RcmSession.objects.annotate(
        follow_up_count=Count("follow_ups", distinct=True),
        open_follow_up_count=Count("follow_ups", filter=Q(follow_ups__status__in=OPEN_ACTION_STATUSES),
                                   distinct=True),
        report_count=Count("presented_reports", distinct=True),
        decision_count=Count("presented_decisions", distinct=True),
    ).order_by("-held_on", "-pk")


def rcm_session_get_for_user(user, pk, *, write: bool = False):
    """One RCM session with what was presented and its follow-up; ``write``: the secretariat's."""
    from meetings.models import RcmFollowUp, RcmSession

    if not permissions.can_view_rcm_sessions(user):
        raise role_refusal(user)
    if write and not permissions.can_manage_rcm_sessions(user):
        raise permissions.manage_rcm_sessions_refusal()
    try:
        return RcmSession.objects.prefetch_related(
            "presented_reports",
            Prefetch("presented_decisions", queryset=Decision.objects.select_related("meeting").order_by(
                "meeting__starts_at", "number")),
            Prefetch("follow_ups", queryset=RcmFollowUp.objects.select_related(
                "owner_agency", "action_item__meeting").order_by("number")),
        ).get(pk=pk)
    except (RcmSession.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def rcm_follow_up_get_for_user(user, pk, *, write: bool = False):
    """One follow-up item of an RCM session; ``write``: the secretariat's."""
    from meetings.models import RcmFollowUp

    if not permissions.can_view_rcm_sessions(user):
        raise role_refusal(user)
    if write and not permissions.can_manage_rcm_sessions(user):
        raise permissions.manage_rcm_sessions_refusal()
    try:
        return RcmFollowUp.objects.select_related("session", "owner_agency", "action_item__meeting").get(pk=pk)
    except (RcmFollowUp.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def rcm_presentable_decisions() -> QuerySet[Decision]:
    """Decisions the secretariat may list as presented at the RCM: those flagged for it."""
    return Decision.objects.filter(report_to_rcm=True).select_related("meeting").order_by(
        "-meeting__starts_at", "number")
