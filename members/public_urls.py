"""The members app's public pages, under the language prefix (``/en/about/``, ``/ar/about/``...)."""

from django.urls import path

from members import public_views

app_name = "members_public"

urlpatterns = [
    path("about/", public_views.about, name="about"),
    path("about/co-chairs/", public_views.co_chairs, name="co_chairs"),
    path("about/agencies/", public_views.agencies, name="agencies"),
    path("about/agencies/<int:pk>/", public_views.agency, name="agency"),
    path("contact/", public_views.contact, name="contact"),
    path("contact/sent/", public_views.contact_sent, name="contact_sent"),
]
