from django.urls import path, re_path

from data_hub.views import api, compare, explore, groups, imports, releases
from rwg_portal.page_cache import public_data

api_data = public_data(shared=True)  # anonymous answers a proxy may keep (no CSRF token inside)

app_name = "data_hub"

urlpatterns = [
    path("", public_data(explore.explorer), name="explorer"),
    path("places/", public_data(explore.place_list), name="place_list"),
    path("places/<str:code>/", public_data(explore.place_detail), name="place_detail"),
    path("quality/", public_data(explore.quality), name="quality"),
    path("compare/", compare.compare, name="compare"),
    path("releases/", public_data(releases.release_list), name="release_list"),
    path("releases/<int:pk>/", releases.release_detail, name="release_detail"),
    path("releases/<int:pk>/download.csv", releases.release_download, name="release_download"),
    path("releases/<int:pk>/current/", releases.release_make_current, name="release_make_current"),
    path("releases/<int:pk>/publish/", releases.release_publish, name="release_publish"),
    path("releases/<int:pk>/delete/", releases.release_delete, name="release_delete"),
    path("imports/", imports.import_list, name="import_list"),
    path("imports/new/", imports.import_create, name="import_create"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/confirm/", imports.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/cancel/", imports.import_cancel, name="import_cancel"),
    re_path(r"^template\.(?P<fmt>csv|xlsx)$", imports.template_download, name="template"),
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<str:code>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<str:code>/delete/", groups.group_delete, name="group_delete"),
    path("api/", api.api_index, name="api_index"),
    path("api/openapi.json", api.openapi_document, name="openapi"),
    re_path(r"^api/v1/indicators\.(?P<fmt>json|csv)$", api_data(api.indicators), name="api_indicators"),
    re_path(r"^api/v1/places\.(?P<fmt>json|csv)$", api_data(api.places), name="api_places"),
    re_path(r"^api/v1/releases\.(?P<fmt>json|csv)$", api_data(api.releases), name="api_releases"),
    re_path(r"^api/v1/observations\.(?P<fmt>json|csv)$", api_data(api.observations), name="api_observations"),
    re_path(r"^api/v1/aggregates\.(?P<fmt>json|csv)$", api_data(api.aggregates), name="api_aggregates"),
]
