"""Publications, under the language prefix (``/en/publications/``, ``/ar/publications/``...)."""

from django.urls import path

from reports.views import public

app_name = "reports_public"

urlpatterns = [
    path("publications/", public.publications, name="publications"),
    path("publications/<int:pk>/", public.report, name="report"),
]
