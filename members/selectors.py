"""Reads for the members app. Every object is fetched through the user."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from members import history, permissions
from members.choices import DesignationRole, JoinRequestStatus, Membership, Role
from members.models import Agency, CoChairPeriod, ContactMessage, Designation, JoinRequest, User


def _get_or_404(queryset: QuerySet, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def current_designations() -> QuerySet[Designation]:
    # "focal_point" sorts after "alternate": descending puts the focal point first.
    return Designation.objects.current().select_related("person").order_by("-role")


def _with_designation_flags(queryset: QuerySet[Agency]) -> QuerySet[Agency]:
    current = Designation.objects.current().filter(agency=OuterRef("pk"))
    return queryset.annotate(
        has_focal_point=Exists(current.filter(role=DesignationRole.FOCAL_POINT)),
        has_alternate=Exists(current.filter(role=DesignationRole.ALTERNATE)),
    )


# Agencies ----------------------------------------------------------------


def agency_list_for_user(user) -> QuerySet[Agency]:
    """Agencies the user may see, with their current designations prefetched."""
    if not permissions.can_view_directory(user):
        return Agency.objects.none()
    return _with_designation_flags(Agency.objects.all()).prefetch_related(
        Prefetch("designations", queryset=current_designations(), to_attr="current_designations")
    )


def agency_get_for_user(user, pk: int, *, write: bool = False) -> Agency:
    """The agency ``pk`` as the user may see it; 403 if they may not (edit) it, 404 if absent."""
    if not permissions.can_view_directory(user):
        raise PermissionDenied
    agency = _get_or_404(agency_list_for_user(user), pk)
    if write and not permissions.can_edit_agency_contacts(user, agency):
        raise permissions.agency_contacts_refusal(agency)
    return agency


def agency_manage_for_user(user, pk: int) -> Agency:
    """The agency ``pk`` for the secretariat's management pages (all fields, designations, co-chairs)."""
    if not permissions.can_manage_agencies(user):
        raise permissions.manage_agencies_refusal()
    return _get_or_404(agency_list_for_user(user), pk)


def agency_past_designations(agency: Agency) -> QuerySet[Designation]:
    return agency.designations.filter(ends_on__isnull=False).select_related("person").order_by("-ends_on", "role")


def agencies_missing_designations() -> QuerySet[Agency]:
    """Active agencies without a current focal point or without a current alternate."""
    return (
        _with_designation_flags(Agency.objects.exclude(membership=Membership.FORMER))
        .filter(Q(has_focal_point=False) | Q(has_alternate=False))
    )


# Designations and co-chair periods ---------------------------------------


def designation_get_for_user(user, pk: int) -> Designation:
    """A designation for the secretariat to end; 403 for everyone else."""
    if not permissions.can_manage_agencies(user):
        raise PermissionDenied
    return _get_or_404(Designation.objects.select_related("agency", "person"), pk)


def co_chair_period_get_for_user(user, pk: int) -> CoChairPeriod:
    if not permissions.can_manage_agencies(user):
        raise PermissionDenied
    return _get_or_404(CoChairPeriod.objects.select_related("agency"), pk)


# People ------------------------------------------------------------------


def people_list_for_user(user) -> QuerySet[User]:
    """Everyone with an account, for the secretariat, with agency and current designations prefetched."""
    if not permissions.can_manage_people(user):
        raise permissions.manage_people_refusal()
    return User.objects.select_related("agency").prefetch_related(
        Prefetch("designations", queryset=Designation.objects.current().select_related("agency"),
                 to_attr="current_designations")
    )


def person_get_for_user(user, pk: int, *, write: bool = False) -> User:
    """A person's record for the secretariat; changing an admin's account needs an admin."""
    person = _get_or_404(people_list_for_user(user), pk)
    if write and not permissions.can_edit_person(user, person):
        raise PermissionDenied
    return person


def person_designations(person: User) -> QuerySet[Designation]:
    return person.designations.select_related("agency").order_by("ends_on", "-starts_on")


def designation_candidates() -> QuerySet[User]:
    """People who may be designated: active accounts, with their agency for the labels."""
    return User.objects.filter(is_active=True).select_related("agency").order_by(
        "agency__acronym", "last_name", "first_name", "email")


def secretariat_people() -> QuerySet[User]:
    """The active secretariat staff, for notifications."""
    return User.objects.filter(is_active=True, role=Role.SECRETARIAT).only("email", "language")


# Requests to join --------------------------------------------------------


def join_request_list_for_user(user) -> QuerySet[JoinRequest]:
    if not permissions.can_view_join_requests(user):
        raise PermissionDenied
    return JoinRequest.objects.select_related("agency", "decided_by")


def join_request_get_for_user(user, pk: int) -> JoinRequest:
    return _get_or_404(join_request_list_for_user(user), pk)


def pending_join_request_count(user) -> int:
    if not permissions.can_view_join_requests(user):
        return 0
    return JoinRequest.objects.filter(status=JoinRequestStatus.PENDING).count()


# History -----------------------------------------------------------------


def agency_history_for_user(user, pk: int) -> tuple[Agency, list[history.Entry]]:
    """An agency's changes, with those of its designations and co-chair periods, newest first."""
    if not permissions.can_view_history(user):
        raise PermissionDenied
    agency = _get_or_404(Agency.objects.all(), pk)
    return agency, history.entries(
        Agency.history.filter(id=agency.pk),
        Designation.history.filter(agency_id=agency.pk),
        CoChairPeriod.history.filter(agency_id=agency.pk),
    )


def person_history_for_user(user, pk: int) -> tuple[User, list[history.Entry]]:
    """A person's account changes, with those of their designations, newest first."""
    if not permissions.can_view_history(user):
        raise PermissionDenied
    person = _get_or_404(User.objects.all(), pk)
    return person, history.entries(
        User.history.filter(id=person.pk),
        Designation.history.filter(person_id=person.pk),
    )


# The Group in public (no user: what anyone may see) ----------------------


def public_agencies() -> QuerySet[Agency]:
    """Every member agency, for the public pages: no contact details, no people."""
    return Agency.objects.only("acronym", "name_en", "name_ar", "name_fr", "kind", "membership", "joined_on",
                               "website", "public_about_en", "public_about_ar", "public_about_fr")


def public_agencies_grouped() -> list[tuple[str, str, list[Agency]]]:
    """(membership value, label, agencies) for core participants, other participants and former members."""
    agencies = list(public_agencies())
    return [(value, label, [a for a in agencies if a.membership == value]) for value, label in Membership.choices]


def public_agency_get(pk) -> Agency:
    return _get_or_404(public_agencies(), pk)


def public_co_chair_periods() -> QuerySet[CoChairPeriod]:
    """Every co-chair period, current ones first, with the agency's public fields."""
    return CoChairPeriod.objects.select_related("agency").order_by(
        F("ends_on").desc(nulls_first=True), "-starts_on", "agency__acronym")


def public_current_co_chairs(on=None) -> list[CoChairPeriod]:
    """The co-chair periods running today (or on ``on``)."""
    from django.utils import timezone

    on = on or timezone.localdate()
    return list(CoChairPeriod.objects.select_related("agency")
                .filter(Q(starts_on__lte=on) & (Q(ends_on__isnull=True) | Q(ends_on__gte=on)))
                .order_by("agency__acronym"))


# Messages to the secretariat ---------------------------------------------


def contact_message_list_for_user(user) -> QuerySet[ContactMessage]:
    if not permissions.can_read_contact_messages(user):
        raise PermissionDenied
    return ContactMessage.objects.select_related("answered_by")


def contact_message_get_for_user(user, pk) -> ContactMessage:
    return _get_or_404(contact_message_list_for_user(user), pk)


def new_contact_message_count(user) -> int:
    if not permissions.can_read_contact_messages(user):
        return 0
    from members.choices import ContactMessageStatus

    return ContactMessage.objects.filter(status=ContactMessageStatus.NEW).count()
