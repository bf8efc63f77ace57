"""An agency's focal point and alternate designations, and its co-chair periods."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members import permissions, selectors, services
from members.choices import DesignationRole
from members.forms import CoChairPeriodForm, DesignationEndForm, DesignationForm
from rwg_portal.forms import add_service_errors


@login_required
@require_http_methods(["GET", "POST"])
def designation_create(request, pk: int):
    """Designate a focal point or alternate: an existing person, or a new one invited by e-mail."""
    agency = selectors.agency_manage_for_user(request.user, pk)
    initial = {"role": request.GET.get("role", DesignationRole.FOCAL_POINT)}
    form = DesignationForm(request.POST or None, agency=agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["person"]:
                designation = services.designation_create(
                    agency=agency, person=data["person"], role=data["role"], starts_on=data["starts_on"],
                    by=request.user, replace=data["replace"])
            else:
                designation = services.designation_invite(
                    agency=agency, role=data["role"], starts_on=data["starts_on"], email=data["email"],
                    first_name=data["first_name"], last_name=data["last_name"], by=request.user,
                    replace=data["replace"], language=get_language())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            permissions.forget_represented_agencies(request.user)
            if data["person"]:
                text = _("%(person)s is now the %(role)s of %(agency)s.")
            else:
                text = _("%(person)s was invited and is now the %(role)s of %(agency)s.")
            messages.success(request, text % {"person": designation.person,
                                              "role": designation.get_role_display().lower(),
                                              "agency": agency.acronym})
            return redirect("members:agency_detail", pk=agency.pk)
    return render(request, "members/designation_form.html", {
        "agency": agency, "form": form,
        "current": {d.role: d for d in agency.current_designations},
    })


@login_required
@require_http_methods(["GET", "POST"])
def designation_end(request, pk: int):
    designation = selectors.designation_get_for_user(request.user, pk)
    form = DesignationEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.designation_end(designation=designation, ends_on=form.cleaned_data["ends_on"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The designation of %(person)s as %(role)s of %(agency)s has ended.") % {
                "person": designation.person, "role": designation.get_role_display().lower(),
                "agency": designation.agency.acronym})
            return redirect("members:agency_detail", pk=designation.agency_id)
    return render(request, "members/designation_end.html", {"designation": designation, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def co_chair_create(request, pk: int):
    agency = selectors.agency_manage_for_user(request.user, pk)
    form = CoChairPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.co_chair_period_create(agency=agency, starts_on=form.cleaned_data["starts_on"],
                                            ends_on=form.cleaned_data["ends_on"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The co-chair period was saved."))
            return redirect("members:agency_detail", pk=agency.pk)
    return render(request, "members/co_chair_form.html", {"agency": agency, "form": form, "period": None})


@login_required
@require_http_methods(["GET", "POST"])
def co_chair_edit(request, pk: int):
    period = selectors.co_chair_period_get_for_user(request.user, pk)
    form = CoChairPeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        try:
            services.co_chair_period_update(period=period, starts_on=form.cleaned_data["starts_on"],
                                            ends_on=form.cleaned_data["ends_on"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The co-chair period was saved."))
            return redirect("members:agency_detail", pk=period.agency_id)
    return render(request, "members/co_chair_form.html", {"agency": period.agency, "form": form, "period": period})


@login_required
@require_http_methods(["GET", "POST"])
def co_chair_delete(request, pk: int):
    period = selectors.co_chair_period_get_for_user(request.user, pk)
    if request.method == "POST":
        services.co_chair_period_delete(period=period, by=request.user)
        messages.success(request, _("The co-chair period was deleted."))
        return redirect("members:agency_detail", pk=period.agency_id)
    return render(request, "members/co_chair_delete.html", {"period": period})
