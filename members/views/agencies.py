"""The directory of agencies: list, page, contact details, the secretariat's form, and one's own agency."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members import filters, permissions, selectors, services
from members.choices import DesignationRole
from members.forms import AgencyContactForm, AgencyForm
from rwg_portal.forms import add_service_errors
from rwg_portal.shortcuts import paginate


@login_required
def directory(request):
    """All agencies with their current focal point and alternate; filters, search, and gaps for the secretariat."""
    if not permissions.can_view_directory(request.user):
        raise PermissionDenied
    filterset = filters.AgencyFilter(request.GET or None, queryset=selectors.agency_list_for_user(request.user),
                                     request=request)
    context = {
        "filter": filterset,
        "page_obj": paginate(request, filterset.qs),
        "is_secretariat": permissions.is_secretariat(request.user),
        "can_manage": permissions.can_manage_agencies(request.user),
    }
    template = "members/agency_list.html#results" if request.htmx else "members/agency_list.html"
    return render(request, template, context)


@login_required
def agency_detail(request, pk: int):
    agency = selectors.agency_get_for_user(request.user, pk)
    can_manage = permissions.can_manage_agencies(request.user)
    return render(request, "members/agency_detail.html", {
        "agency": agency,
        "past_designations": selectors.agency_past_designations(agency),
        "co_chair_periods": agency.co_chair_periods.all(),
        "can_edit": permissions.can_edit_agency_contacts(request.user, agency),
        "can_manage": can_manage,
        "can_view_history": permissions.can_view_history(request.user),
        "roles": DesignationRole,
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
@require_http_methods(["GET", "POST"])
def agency_create(request):
    if not permissions.can_manage_agencies(request.user):
        raise PermissionDenied
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(agency)s was added to the directory.") % {"agency": agency.acronym})
            return redirect("members:agency_detail", pk=agency.pk)
    return render(request, "members/agency_edit.html", {"form": form, "agency": None})


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request, pk: int):
    """The secretariat edits every field of an agency, its membership included."""
    agency = selectors.agency_manage_for_user(request.user, pk)
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_update(agency=agency, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The details of %(agency)s were saved.") % {"agency": agency.acronym})
            return redirect("members:agency_detail", pk=agency.pk)
    return render(request, "members/agency_edit.html", {"form": form, "agency": agency})


@login_required
def my_agency(request):
    """Shortcut for focal points and alternates: their (first) agency's page."""
    ids = sorted(permissions.represented_agency_ids(request.user))
    if not ids:
        raise PermissionDenied
    return redirect("members:agency_detail", pk=ids[0])
