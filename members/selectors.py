"""Reads for the members app. Every object is fetched through the user."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from members import permissions
from members.choices import DesignationRole, Membership
from members.models import Agency, Designation


def current_designations() -> QuerySet[Designation]:
    return Designation.objects.current().select_related("person")


def agency_list_for_user(user) -> QuerySet[Agency]:
    """Agencies the user may see, with their current designations prefetched."""
    if not permissions.can_view_directory(user):
        return Agency.objects.none()
    return Agency.objects.prefetch_related(
        Prefetch("designations", queryset=current_designations(), to_attr="current_designations")
    )


def agency_get_for_user(user, pk: int, *, write: bool = False) -> Agency:
    """The agency ``pk`` as the user may see it; 403 if they may not (edit) it, 404 if absent."""
    if not permissions.can_view_directory(user):
        raise PermissionDenied
    try:
        agency = agency_list_for_user(user).get(pk=pk)
    except (Agency.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not permissions.can_edit_agency_contacts(user, agency):
        raise PermissionDenied
    return agency


def agencies_missing_designations() -> QuerySet[Agency]:
    """Active agencies without a current focal point or without a current alternate."""
    current = Designation.objects.current().filter(agency=OuterRef("pk"))
    return (
        Agency.objects.exclude(membership=Membership.FORMER)
        .annotate(
            has_focal_point=Exists(current.filter(role=DesignationRole.FOCAL_POINT)),
            has_alternate=Exists(current.filter(role=DesignationRole.ALTERNATE)),
        )
        .filter(Q(has_focal_point=False) | Q(has_alternate=False))
    )
