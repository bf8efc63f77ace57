"""Who may do what in the data hub. Nothing is allowed unless a rule here says so.

- Published releases (figures, charts, downloads, the API) are open to everyone.
- Unpublished releases are seen by the secretariat and the focal points and alternates.
- Importing: the secretariat and the agencies' focal points (and their alternates, who act for them).
- An agency's own data (a dataset with an agency) is changed only by that agency's focal points and
  alternates and by the secretariat; data of outside publishers (UN DESA) by the secretariat.
- Publishing: the secretariat; an agency's focal points and alternates publish a release of their agency's
  dataset only when it holds nothing but the agency's own indicators (agency imports start unpublished).
  Withdrawing is ``can_change_release``.
- The indicators of UN DESA's series (``reference.SECRETARIAT_INDICATORS``) belong to the secretariat's
  datasets: no agency dataset may hold them, whoever imports.
- Groups of countries: any focal point, alternate or the secretariat may define one; its author and
  the secretariat may change it; the reference groups are not editable.
"""

from django.utils.translation import gettext as _

from members.permissions import (
    has_portal_role,
    is_group_member,
    is_secretariat,
    represented_agency_ids,
    represents,
)
from rwg_portal.refusals import Refused, role_refusal


def can_view_unpublished(user) -> bool:
    return is_group_member(user)


def can_view_release(user, release) -> bool:
    return release.is_published or can_view_unpublished(user)


def can_import(user) -> bool:
    """Upload files at all (what they may be written into is ``can_write_dataset``)."""
    return is_secretariat(user) or bool(represented_agency_ids(user))


def can_write_dataset(user, dataset) -> bool:
    """Add or change releases of this dataset."""
    if is_secretariat(user):
        return True
    return dataset.agency_id is not None and represents(user, dataset.agency_id)


def can_create_dataset_for(user, agency_id: int | None) -> bool:
    """Start a new dataset owned by this agency (None: an outside publisher)."""
    if is_secretariat(user):
        return True
    return agency_id is not None and represents(user, agency_id)


def can_change_release(user, release) -> bool:
    """Re-import into, publish or withdraw, mark current, or delete a release."""
    return can_write_dataset(user, release.dataset)


def can_publish_release(user, release) -> bool:
    """Publish a release (make it public): see the module docstring."""
    if is_secretariat(user):
        return True
    agency_id = release.dataset.agency_id
    if agency_id is None or not represents(user, agency_id):
        return False
    from data_hub.models import Indicator

    codes = release.indicator_codes
    return bool(codes) and not Indicator.objects.filter(code__in=codes).exclude(agency_id=agency_id).exists()


def can_view_import(user, job) -> bool:
    if is_secretariat(user):
        return True
    return job.created_by_id is not None and job.created_by_id == getattr(user, "pk", None) and can_import(user)


def can_define_groups(user) -> bool:
    return is_group_member(user)


def can_change_group(user, group) -> bool:
    if group.is_builtin or not group.is_group:
        return False
    return is_secretariat(user) or (group.created_by_id is not None and group.created_by_id == user.pk
                                    and is_group_member(user))


def can_view_history(user) -> bool:
    return is_secretariat(user)


# Reasons shown on the 403 page (rwg_portal/refusals.py) -----------------------


def import_refusal(user) -> Refused:
    if not has_portal_role(user):
        return role_refusal(user)
    return Refused(_("Only the focal points and alternates of member agencies and the secretariat import data."))


def release_change_refusal(release) -> Refused:
    agency = release.dataset.agency
    if agency is None:
        return Refused(_("This data comes from an outside publisher; only the secretariat can change it."))
    return Refused(_("This data belongs to %(agency)s; only %(agency)s's focal points and alternates and the "
                     "secretariat can change it.") % {"agency": agency.acronym})
