"""The members app's public pages, under the language prefix (``/en/about/``, ``/ar/about/``...)."""

from django.urls import path

from members import public_views
from members.stakeholders import public_views as stakeholders

app_name = "members_public"

urlpatterns = [
    path("about/", public_views.about, name="about"),
    path("about/co-chairs/", public_views.co_chairs, name="co_chairs"),
    path("about/agencies/", public_views.agencies, name="agencies"),
    path("about/agencies/<int:pk>/", public_views.agency, name="agency"),
    path("contact/", public_views.contact, name="contact"),
    path("contact/sent/", public_views.contact_sent, name="contact_sent"),
    # Stakeholders, including migrants (ToR 3(d)(i)): no account needed.
    path("good-practices/propose/", stakeholders.proposal_create, name="proposal_create"),
    path("good-practices/propose/sent/", stakeholders.proposal_sent, name="proposal_sent"),
    path("good-practices/propose/amend/<str:token>/", stakeholders.proposal_amend, name="proposal_amend"),
    path("consultations/", stakeholders.consultations, name="consultations"),
    path("consultations/<int:pk>/", stakeholders.consultation, name="consultation"),
    path("consultations/<int:pk>/answered/", stakeholders.consultation_answered, name="consultation_answered"),
]
