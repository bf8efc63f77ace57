"""Groups of countries: the reference groups and those users define."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from data_hub import permissions, selectors, services
from data_hub.forms import GroupForm
from rwg_portal.shortcuts import paginate


@require_GET
def group_list(request):
    groups = list(selectors.groups_for_user(request.user))
    groups.sort(key=lambda g: (not g.is_builtin, g.name.casefold()))
    page = paginate(request, groups, 20)
    for group in page.object_list:
        group.can_change = permissions.can_change_group(request.user, group)
        group.sorted_members = sorted(group.members.all(), key=lambda p: p.name.casefold())
    return render(request, "data_hub/group_list.html", {
        "page_obj": page, "can_define": permissions.can_define_groups(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    if not permissions.can_define_groups(request.user):
        raise PermissionDenied
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = services.group_create(code=data["code"], name_en=data["name_en"], name_ar=data["name_ar"],
                                      name_fr=data["name_fr"], members=list(data["members"]), user=request.user)
        messages.success(request, _("The group %(name)s was created.") % {"name": group.name})
        return redirect("data_hub:group_list")
    return render(request, "data_hub/group_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, code: str):
    group = selectors.group_get_for_user(request.user, code, write=True)
    initial = {"code": group.code, "name_en": group.name_en, "name_ar": group.name_ar, "name_fr": group.name_fr,
               "members": list(group.members.all())}
    form = GroupForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.group_update(group=group, name_en=data["name_en"], name_ar=data["name_ar"], name_fr=data["name_fr"],
                              members=list(data["members"]), user=request.user)
        messages.success(request, _("The group %(name)s was saved.") % {"name": group.name})
        return redirect("data_hub:group_list")
    return render(request, "data_hub/group_form.html", {"form": form, "group": group})


@login_required
@require_http_methods(["GET", "POST"])
def group_delete(request, code: str):
    group = selectors.group_get_for_user(request.user, code, write=True)
    if request.method == "POST":
        services.group_delete(group=group, user=request.user)
        messages.success(request, _("The group was deleted."))
        return redirect("data_hub:group_list")
    return render(request, "data_hub/group_confirm_delete.html", {"group": group})
