from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members import filters, permissions, ratelimit, selectors, services
from members.choices import DesignationRole, JoinRequestStatus
from members.forms import (
    AccountForm,
    AgencyContactForm,
    AgencyForm,
    CoChairPeriodForm,
    DesignationEndForm,
    DesignationForm,
    JoinRequestDecisionForm,
    JoinRequestForm,
    PersonForm,
    PersonInviteForm,
)
from rwg_portal.forms import add_service_errors
from rwg_portal.shortcuts import flash_errors, paginate
from rwg_portal.timezones import zone_label

HISTORY_PAGE_SIZE = 20
# Requests to join from one address: enough for a person, too few for a robot.
JOIN_REQUESTS_PER_HOUR = 5


# Agencies ----------------------------------------------------------------


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
def agency_history(request, pk: int):
    agency, entries = selectors.agency_history_for_user(request.user, pk)
    return render(request, "members/history.html", {
        "subject": agency.acronym, "back_url": reverse("members:agency_detail", args=[agency.pk]),
        "page_obj": paginate(request, entries, HISTORY_PAGE_SIZE),
        "scope": _("Changes to the agency, its designations and its co-chair periods."),
    })


# Designations ------------------------------------------------------------


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


# Co-chair periods --------------------------------------------------------


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


# People ------------------------------------------------------------------


@login_required
def people(request):
    """Everyone with an account, for the secretariat: filter by role, agency and status; search."""
    filterset = filters.PersonFilter(request.GET or None, queryset=selectors.people_list_for_user(request.user))
    context = {"filter": filterset, "page_obj": paginate(request, filterset.qs)}
    template = "members/person_list.html#results" if request.htmx else "members/person_list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def person_invite(request):
    if not permissions.can_manage_people(request.user):
        raise PermissionDenied
    form = PersonInviteForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.user_invite(email=data["email"], first_name=data["first_name"],
                                          last_name=data["last_name"], role=data["role"], agency=data["agency"],
                                          by=request.user, language=data["language"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("An invitation was sent to %(email)s.") % {"email": person.email})
            return redirect("members:person_detail", pk=person.pk)
    return render(request, "members/person_invite.html", {"form": form})


@login_required
def person_detail(request, pk: int):
    person = selectors.person_get_for_user(request.user, pk)
    return render(request, "members/person_detail.html", {
        "person": person,
        "designations": selectors.person_designations(person),
        "can_edit": permissions.can_edit_person(request.user, person),
        "is_self": person.pk == request.user.pk,
    })


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    person = selectors.person_get_for_user(request.user, pk, write=True)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(person=person, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.instance.refresh_from_db()
            add_service_errors(form, error)
        else:
            messages.success(request, _("The details of %(person)s were saved.") % {"person": person})
            return redirect("members:person_detail", pk=person.pk)
    return render(request, "members/person_edit.html", {"person": person, "form": form})


def _person_action(request, pk: int, action, done: str):
    person = selectors.person_get_for_user(request.user, pk, write=True)
    try:
        action(person=person, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, done % {"person": person, "email": person.email})
    return redirect("members:person_detail", pk=person.pk)


@login_required
@require_POST
def person_deactivate(request, pk: int):
    return _person_action(request, pk, services.user_deactivate,
                          _("The account of %(person)s was deactivated and their designations ended."))


@login_required
@require_POST
def person_reactivate(request, pk: int):
    return _person_action(request, pk, services.user_reactivate, _("The account of %(person)s is active again."))


@login_required
@require_POST
def person_reinvite(request, pk: int):
    def reinvite(*, person, by):
        return services.user_reinvite(person=person, by=by, language=get_language())

    return _person_action(request, pk, reinvite, _("The invitation was sent again to %(email)s."))


@login_required
def person_history(request, pk: int):
    person, entries = selectors.person_history_for_user(request.user, pk)
    return render(request, "members/history.html", {
        "subject": str(person), "back_url": reverse("members:person_detail", args=[person.pk]),
        "page_obj": paginate(request, entries, HISTORY_PAGE_SIZE),
        "scope": _("Changes to the person's account and designations."),
    })


@login_required
@require_http_methods(["GET", "POST"])
def my_account(request):
    """Every person keeps their own name, job title, phone and time zone current."""
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_update(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Your details were saved."))
        return redirect("members:my_account")
    return render(request, "members/my_account.html", {
        "form": form, "now": timezone.now(), "zone": zone_label(timezone.get_current_timezone_name())})


@login_required
def my_agency(request):
    """Shortcut for focal points and alternates: their (first) agency's page."""
    ids = sorted(permissions.represented_agency_ids(request.user))
    if not ids:
        raise PermissionDenied
    return redirect("members:agency_detail", pk=ids[0])


# Requests to join --------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def join(request):
    """The public form by which an organisation asks to participate in the Group."""
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request, "join", limit=JOIN_REQUESTS_PER_HOUR, period=3600):
            return render(request, "members/join_limited.html", status=429)
        if not form.is_spam:  # a robot gets the same thanks, and nothing is saved
            services.join_request_submit(data=form.cleaned_data)
        return redirect("members:join_thanks")
    return render(request, "members/join_form.html", {"form": form})


@login_not_required
def join_thanks(request):
    return render(request, "members/join_thanks.html")


@login_required
def join_requests(request):
    filterset = filters.JoinRequestFilter(request.GET or None,
                                          queryset=selectors.join_request_list_for_user(request.user))
    return render(request, "members/join_request_list.html", {
        "filter": filterset, "page_obj": paginate(request, filterset.qs)})


@login_required
@require_http_methods(["GET", "POST"])
def join_request_detail(request, pk: int):
    """A request to join, and the form to record the Group's decision while it is pending."""
    join_request = selectors.join_request_get_for_user(request.user, pk)
    pending = join_request.status == JoinRequestStatus.PENDING
    form = None
    if pending and permissions.can_decide_join_requests(request.user):
        form = JoinRequestDecisionForm(request.POST or None, join_request=join_request)
    if request.method == "POST" and form is None:
        messages.error(request, _("This request was already decided."))
        return redirect("members:join_request_detail", pk=join_request.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            join_request = services.join_request_decide(
                join_request=join_request, status=data["status"], decided_on=data["decided_on"], by=request.user,
                note=data["note"], create_agency=data["create_agency"], acronym=data["acronym"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision on the request of %(organisation)s was recorded.") % {
                "organisation": join_request.organisation})
            if join_request.agency_id:
                return redirect("members:agency_detail", pk=join_request.agency_id)
            return redirect("members:join_request_detail", pk=join_request.pk)
    return render(request, "members/join_request_detail.html", {"join_request": join_request, "form": form})
