from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("my-agency/", views.my_agency, name="my_agency"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/contacts/", views.agency_edit_contacts, name="agency_edit_contacts"),
]
