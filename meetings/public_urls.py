"""The public calendar, under the language prefix (``/en/meetings/``, ``/ar/meetings/``...)."""

from django.urls import path

from meetings.views import public

app_name = "meetings_public"

urlpatterns = [
    path("meetings/", public.calendar, name="calendar"),
    path("meetings/<int:year>/<int:number>/", public.meeting, name="meeting"),
]
