from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members import permissions, selectors, services
from members.forms import AgencyContactForm


@login_required
def directory(request):
    """All agencies with their current focal point and alternate."""
    if not permissions.can_view_directory(request.user):
        raise PermissionDenied
    page = Paginator(selectors.agency_list_for_user(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "members/agency_list.html", {"page_obj": page})


@login_required
def agency_detail(request, pk: int):
    agency = selectors.agency_get_for_user(request.user, pk)
    return render(request, "members/agency_detail.html", {
        "agency": agency,
        "can_edit": permissions.can_edit_agency_contacts(request.user, agency),
    })


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit_contacts(request, pk: int):
    """A focal point or alternate (or the secretariat) updates the agency's contact details."""
    agency = selectors.agency_get_for_user(request.user, pk, write=True)
    form = AgencyContactForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        services.agency_update_contacts(agency=agency, data=form.cleaned_data, by=request.user)
        messages.success(request, _("The contact details of %(agency)s were saved.") % {"agency": agency})
        return redirect("members:agency_detail", pk=agency.pk)
    return render(request, "members/agency_form.html", {"agency": agency, "form": form})


@login_required
def my_agency(request):
    """Shortcut for focal points and alternates: their (first) agency's page."""
    ids = sorted(permissions.represented_agency_ids(request.user))
    if not ids:
        raise PermissionDenied
    return redirect("members:agency_detail", pk=ids[0])
