"""Good practices: the public list and page, the agency's form, and the secretariat's validation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members import permissions as member_permissions
from programmes import permissions, selectors, services
from programmes.choices import PracticeStatus
from programmes.filters import GoodPracticeFilter
from programmes.forms import GoodPracticeForm, ReturnPracticeForm
from rwg_portal.history import history_page
from rwg_portal.shortcuts import paginate


def practice_list(request):
    """Published good practices, open to everyone; members also see their agency's drafts."""
    filterset = GoodPracticeFilter(request.GET or None, queryset=selectors.practice_list_published())
    page = paginate(request, filterset.qs)
    own = []
    if request.user.is_authenticated and permissions.can_submit_practice(request.user):
        own = list(selectors.practice_list_for_user(request.user).exclude(status=PracticeStatus.PUBLISHED)[:50])
    return render(request, "programmes/practice_list.html", {
        "filter": filterset, "page_obj": page, "own": own,
        "can_submit": request.user.is_authenticated and permissions.can_submit_practice(request.user),
    })


def practice_detail(request, pk: int):
    try:
        practice = selectors.practice_get_for_user(request.user, pk)
    except PermissionDenied:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    user = request.user
    return render(request, "programmes/practice_detail.html", {
        "practice": practice,
        # Each text in the reader's language where it exists, else the original, marked (rwg_translated).
        "sections": [("practice", _("The practice")), ("evidence", _("Evidence of results")),
                     ("lessons", _("Lessons learned")), ("replication", _("Conditions for replication"))],
        "can_edit": permissions.can_edit_practice(user, practice),
        "can_validate": permissions.can_validate_practices(user),
        "can_history": permissions.can_view_practice_history(user, practice),
        "return_form": ReturnPracticeForm(),
        "share_url": request.build_absolute_uri(),
    })


def _save_practice(request, practice):
    user = request.user
    agencies = selectors.agencies_user_may_lead_for(user)
    activities = selectors.activity_list_for_user(user)
    if not member_permissions.is_secretariat(user):
        activities = activities.filter(lead_agency__in=agencies)
    form = GoodPracticeForm(request.POST or None, instance=practice, agencies=agencies,
                            activities=activities.order_by("title_en"))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.practice_save(practice=practice, fields=form.practice_fields(), by=user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The good practice was saved."))
            return redirect("programmes:practice_detail", pk=saved.pk)
    return render(request, "programmes/practice_form.html", {"form": form, "practice": practice})


@login_required
@require_http_methods(["GET", "POST"])
def practice_create(request):
    if not permissions.can_submit_practice(request.user):
        raise PermissionDenied
    return _save_practice(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, pk: int):
    return _save_practice(request, selectors.practice_get_for_user(request.user, pk, write=True))


def _practice_action(request, pk, action):
    practice = selectors.practice_get_for_user(request.user, pk)
    try:
        action(practice)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("programmes:practice_detail", pk=practice.pk)


@login_required
@require_POST
def practice_submit(request, pk: int):
    def submit(practice):
        services.practice_submit(practice=practice, by=request.user)
        messages.success(request, _("The good practice was submitted to the secretariat for validation."))
    return _practice_action(request, pk, submit)


@login_required
@require_POST
def practice_publish(request, pk: int):
    def publish(practice):
        services.practice_publish(practice=practice, by=request.user)
        messages.success(request, _("The good practice is now published."))
    return _practice_action(request, pk, publish)


@login_required
@require_POST
def practice_return(request, pk: int):
    form = ReturnPracticeForm(request.POST)

    def send_back(practice):
        if not form.is_valid():
            raise ValidationError(_("Say what should change."))
        services.practice_return(practice=practice, note=form.cleaned_data["note"], by=request.user)
        messages.success(request, _("The good practice was returned to its agency."))
    return _practice_action(request, pk, send_back)


@login_required
def practice_history(request, pk: int):
    practice = selectors.practice_get_for_user(request.user, pk)
    if not permissions.can_view_practice_history(request.user, practice):
        raise PermissionDenied
    return history_page(request, practice, back=reverse("programmes:practice_detail", args=[practice.pk]))
