"""The research and information library: the members' list, the public list, an item's page, the forms
and the download. Every item is fetched through the user (``selectors.library_item_get_for_user``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reports import permissions, selectors
from reports.filters import LibraryFilter
from reports.forms import LibraryItemForm
from reports.services.library import library_item_count_download, library_item_save
from rwg_portal.shortcuts import paginate
from rwg_portal.uploads import file_response

PAGE_SIZE = 20


def _listing(request, queryset, template: str, extra: dict):
    filterset = LibraryFilter(request.GET or None, queryset=queryset)
    items = filterset.qs if filterset.is_valid() else queryset
    page = paginate(request, items, PAGE_SIZE)
    return render(request, template, {"filter": filterset, "page_obj": page, **extra})


@login_required
@require_GET
def library_list(request):
    """The members' library: every item, members-only ones included, with the filters."""
    if not permissions.can_view_library_workspace(request.user):
        raise PermissionDenied
    return _listing(request, selectors.library_list_for_user(request.user), "reports/library_list.html",
                    {"can_add": permissions.can_add_library_item(request.user)})


@login_not_required
@require_GET
def public_library(request):
    """The public library, in the language of the address: public items only."""
    return _listing(request, selectors.library_list_public(), "reports/public/library.html", {
        "page_title": _("Research and information library"),
        "meta_description": _("Studies, reports, data notes and policy briefs on migration in the Arab region, "
                              "shared by the members of the Working Group."),
    })


@login_not_required
@require_GET
def library_item(request, pk: int):
    """An item's stable page (cited by its address): public ones for anyone, the others for members."""
    item = selectors.library_item_get_for_user(request.user, pk)
    return render(request, "reports/public/library_item.html", {
        "item": item, "can_edit": permissions.can_edit_library_item(request.user, item),
        "item_url": request.build_absolute_uri(reverse("reports_public:library_item", args=[item.pk])),
        "page_title": item.title, "meta_description": item.abstract[:300],
    })


@login_not_required
@require_GET
def library_download(request, pk: int):
    """The item's file, to those who may see the item; counted once per visitor and day."""
    item = selectors.library_item_get_for_user(request.user, pk)
    if not item.file:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    library_item_count_download(item=item, request=request)
    response = file_response(handle, filename=item.download_name, content_type=item.content_type)
    if item.is_public:
        response["Cache-Control"] = "public, max-age=300"
    return response


def _save(request, item):
    user = request.user
    form = LibraryItemForm(request.POST or None, request.FILES or None, instance=item,
                           agencies=selectors.library_agencies_for(user))
    if request.method == "POST" and form.is_valid():
        try:
            saved = library_item_save(item=item, fields=form.item_fields(), by=user,
                                      upload=form.cleaned_data.get("upload"),
                                      partner_agencies=form.cleaned_data["partner_agencies"])
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    field = "upload" if field == "file" else field
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error("upload" if item is None or request.FILES else None, exc)
        else:
            messages.success(request, _("The library item was saved."))
            return redirect("reports_public:library_item", pk=saved.pk)
    return render(request, "reports/library_form.html", {"form": form, "item": item})


@login_required
@require_http_methods(["GET", "POST"])
def library_create(request):
    if not permissions.can_add_library_item(request.user):
        raise PermissionDenied
    return _save(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def library_edit(request, pk: int):
    return _save(request, selectors.library_item_get_for_user(request.user, pk, write=True))
