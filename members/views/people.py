"""People with an account: the secretariat's list, invitations, pages and changes; one's own account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members import filters, permissions, selectors, services
from members.forms import AccountForm, PersonForm, PersonInviteForm
from rwg_portal.forms import add_service_errors
from rwg_portal.shortcuts import flash_errors, paginate
from rwg_portal.timezones import zone_label


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
