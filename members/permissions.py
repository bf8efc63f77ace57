"""Who may do what: the role checks every app's permissions build on.

Nothing is allowed by default. Views and templates ask these functions; the answers
for focal points and alternates come from their current designations, read once per
request and kept on the user object.
"""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from members.choices import Role
from rwg_portal.refusals import Refused

_AGENCY_CACHE = "_rwg_represented_agency_ids"


def is_secretariat(user) -> bool:
    """Secretariat staff and superusers manage everything through the portal."""
    return bool(user.is_authenticated and user.is_active and (user.role == Role.SECRETARIAT or user.is_superuser))


def is_rcm_delegate(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.RCM_DELEGATE)


def represented_agency_ids(user) -> frozenset[int]:
    """Ids of the agencies for which the user is a current focal point or alternate."""
    if isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, _AGENCY_CACHE, None)
    if cached is None:
        from members.models import Designation

        cached = frozenset(
            Designation.objects.current().filter(person_id=user.pk).values_list("agency_id", flat=True)
        )
        setattr(user, _AGENCY_CACHE, cached)
    return cached


def forget_represented_agencies(user) -> None:
    """Drop the cached designations, e.g. after a designation changed in this request."""
    if hasattr(user, _AGENCY_CACHE):
        delattr(user, _AGENCY_CACHE)


def is_focal_point_or_alternate(user) -> bool:
    return bool(represented_agency_ids(user))


def represents(user, agency_id: int | None) -> bool:
    """True when the user is a current focal point or alternate of this agency."""
    return agency_id is not None and agency_id in represented_agency_ids(user)


def is_group_member(user) -> bool:
    """Secretariat, focal points and alternates: the people who run the Group's work."""
    return is_secretariat(user) or is_focal_point_or_alternate(user)


def has_portal_role(user) -> bool:
    """Any signed-in person the secretariat gave a role: they may read the directory."""
    return is_group_member(user) or is_rcm_delegate(user)


def needs_two_factor(user) -> bool:
    """Secretariat and admin accounts must use two-factor authentication."""
    return bool(user.is_authenticated and (is_secretariat(user) or user.is_staff or user.is_superuser))


# Members app rules -------------------------------------------------------


def can_view_directory(user) -> bool:
    return has_portal_role(user)


def can_edit_agency_contacts(user, agency) -> bool:
    """Focal points and alternates keep their own agency's contact details current."""
    return is_secretariat(user) or represents(user, agency.pk)


def can_manage_agencies(user) -> bool:
    """Create agencies, change membership, designations and co-chair periods."""
    return is_secretariat(user)


def can_manage_people(user) -> bool:
    """See the list of people, invite people, change roles and agencies, deactivate accounts."""
    return is_secretariat(user)


def can_edit_person(user, person) -> bool:
    """The secretariat changes people's roles; only an admin may change an admin's account."""
    return can_manage_people(user) and (user.is_superuser or not person.is_superuser)


def can_view_join_requests(user) -> bool:
    return is_secretariat(user)


def can_view_history(user) -> bool:
    return is_secretariat(user)


def can_decide_join_requests(user) -> bool:
    return is_secretariat(user)


def can_read_contact_messages(user) -> bool:
    """Messages sent through the public contact form are for the secretariat."""
    return is_secretariat(user)


# Reasons shown on the 403 page (rwg_portal/refusals.py) -----------------------


def agency_contacts_refusal(agency) -> Refused:
    return Refused(_("Only %(agency)s's focal points and alternates and the secretariat can change %(agency)s's "
                     "contact details.") % {"agency": agency.acronym})


def manage_agencies_refusal() -> Refused:
    return Refused(_("Only the secretariat manages member agencies, their designations and the co-chairs."))


def manage_people_refusal() -> Refused:
    return Refused(_("Only the secretariat manages people's accounts and roles."))


def can_moderate_stakeholders(user) -> bool:
    """Proposed good practices and consultations of stakeholders (ToR 3(d)(i)) are the secretariat's."""
    return is_secretariat(user)
