"""The public calendar, under the language prefix (``/en/meetings/``, ``/ar/meetings/``...)."""

from django.urls import path

from meetings.views import public

app_name = "meetings_public"

urlpatterns = [
    path("meetings/", public.calendar, name="calendar"),
    # The stable address (by id: unchanged when the year's meetings are renumbered), and the reference's
    # address, which sends to the meeting that has that reference now.
    path("meetings/id/<int:pk>/", public.meeting, name="meeting"),
    path("meetings/<int:year>/<int:number>/", public.meeting_by_reference, name="meeting_by_reference"),
]
