"""Publications and the library, under the language prefix (``/en/publications/``, ``/ar/publications/``...)."""

from django.urls import path

from reports.views import library, library_proposals, public

app_name = "reports_public"

urlpatterns = [
    path("publications/", public.publications, name="publications"),
    path("publications/<int:pk>/", public.report, name="report"),
    path("library/", library.public_library, name="library"),
    path("library/<int:pk>/", library.library_item, name="library_item"),
    path("library/propose/", library_proposals.library_propose, name="library_propose"),
    path("library/propose/sent/", library_proposals.library_proposal_sent, name="library_proposal_sent"),
]
