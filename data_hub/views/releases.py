"""Releases: their provenance, the actions on them, and the download of all their figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from data_hub import downloads, permissions, selectors, services
from data_hub.models import Observation
from rwg_portal.shortcuts import paginate
from rwg_portal.uploads import download_response


@require_GET
def release_list(request):
    releases = selectors.releases_for_user(request.user).order_by("dataset__name_en", "-is_current", "-imported_at")
    page = paginate(request, releases, 20)
    return render(request, "data_hub/release_list.html", {"page_obj": page})


@require_GET
def release_detail(request, pk: int):
    release = selectors.release_get_for_user(request.user, pk)
    return render(request, "data_hub/release_detail.html", {
        "release": release,
        "counts": selectors.release_counts(release),
        "indicators": selectors.indicators_of(release),
        "can_change": permissions.can_change_release(request.user, release),
        "can_publish": permissions.can_publish_release(request.user, release),
        "history": release.history.select_related("history_user")[:20]
        if permissions.can_view_history(request.user) else None,
    })


@require_GET
def release_download(request, pk: int):
    """Every figure of the release: a ZIP (streamed) of the CSV, header first, and a text file with its source."""
    release = selectors.release_get_for_user(request.user, pk)
    header = ["indicator", "place_iso3", "place_m49", "place", "origin_iso3", "origin_m49", "origin", "year", "sex",
              "value", "note"]
    about = "\n".join([
        release.title,
        _("Source: %(citation)s") % {"citation": release.citation},
        _("Licence: %(licence)s") % {"licence": release.licence or "—"},
        *([release.source_url] if release.source_url else []),
        f"{release.revision} · SHA-256 {release.file_sha256}" if release.file_sha256 else release.revision,
    ]) + "\n"
    rows = (Observation.objects.filter(release_id=release.pk)
            .order_by("indicator__code", "place__code", "origin__code", "year", "sex")
            .values_list("indicator__code", "place__code", "place__m49", "place__name_en", "origin__code",
                         "origin__m49", "origin__name_en", "year", "sex", "value", "note")
            .iterator(chunk_size=5000))
    name = slugify(f"{release.dataset.code}-{release.revision}")[:80]
    figures = ([*row[:9], int(row[9]) if float(row[9]).is_integer() else row[9], row[10]] for row in rows)
    return download_response(downloads.zipped_table(name=name, header=header, rows=figures, about=about),
                             f"{name}.zip", downloads.ZIP_CONTENT_TYPE)


@login_required
@require_POST
def release_make_current(request, pk: int):
    release = selectors.release_get_for_user(request.user, pk, write=True)
    services.release_set_current(release=release, user=request.user)
    messages.success(request, _("%(revision)s is now the current revision.") % {"revision": release.revision})
    return redirect("data_hub:release_detail", pk=release.pk)


@login_required
@require_POST
def release_publish(request, pk: int):
    release = selectors.release_get_for_user(request.user, pk, write=True)
    published = request.POST.get("published") == "1"
    services.release_set_published(release=release, published=published, user=request.user)
    messages.success(request, _("The release is published.") if published else _("The release is withdrawn."))
    return redirect("data_hub:release_detail", pk=release.pk)


@login_required
@require_http_methods(["GET", "POST"])
def release_delete(request, pk: int):
    release = selectors.release_get_for_user(request.user, pk, write=True)
    if request.method == "POST":
        services.release_delete(release=release, user=request.user)
        messages.success(request, _("The release and its figures were deleted."))
        return redirect("data_hub:release_list")
    return render(request, "data_hub/release_confirm_delete.html", {
        "release": release, "counts": selectors.release_counts(release)})
