"""Requests to join the Group: the public form, and the secretariat's list and decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members import filters, permissions, ratelimit, selectors, services
from members.choices import JoinRequestStatus
from members.forms import JoinRequestDecisionForm, JoinRequestForm
from rwg_portal.forms import add_service_errors
from rwg_portal.shortcuts import paginate

# Requests to join from one address: enough for a person, too few for a robot.
JOIN_REQUESTS_PER_HOUR = 5


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
