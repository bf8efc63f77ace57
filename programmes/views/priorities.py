"""Priority areas: list, form and history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from programmes import permissions, selectors, services
from programmes.forms import PriorityAreaForm
from programmes.views.common import require_catalogue
from rwg_portal.history import history_page
from rwg_portal.shortcuts import paginate


@login_required
def priority_list(request):
    require_catalogue(request.user)
    page = paginate(request, selectors.priority_area_list_for_user(request.user).prefetch_related("activities"))
    return render(request, "programmes/priority_list.html", {
        "page_obj": page, "can_manage": permissions.can_manage_priority_areas(request.user),
    })


def _save_priority(request, area):
    form = PriorityAreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        saved = services.priority_area_save(area=area, fields=form.cleaned_data, by=request.user)
        messages.success(request, _("The priority area “%(title)s” was saved.") % {"title": saved.title})
        return redirect("programmes:priority_list")
    return render(request, "programmes/priority_form.html", {"form": form, "area": area})


@login_required
@require_http_methods(["GET", "POST"])
def priority_create(request):
    if not permissions.can_manage_priority_areas(request.user):
        raise PermissionDenied
    return _save_priority(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def priority_edit(request, pk: int):
    return _save_priority(request, selectors.priority_area_get_for_user(request.user, pk, write=True))


@login_required
def priority_history(request, pk: int):
    area = selectors.priority_area_get_for_user(request.user, pk, write=True)
    return history_page(request, area, back=reverse("programmes:priority_list"))
