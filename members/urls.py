from django.urls import path
from django.views.generic import RedirectView

from members import public_views
from members.stakeholders import views as stakeholders
from members.views import agencies, designations, history, join, people

app_name = "members"

urlpatterns = [
    # The directory lives under agencies/ so that the navigation marks only it as current there.
    path("", RedirectView.as_view(pattern_name="members:directory"), name="index"),
    path("agencies/", agencies.directory, name="directory"),
    path("my-agency/", agencies.my_agency, name="my_agency"),
    path("account/", people.my_account, name="my_account"),
    path("agencies/new/", agencies.agency_create, name="agency_create"),
    path("agencies/<int:pk>/", agencies.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/edit/", agencies.agency_edit, name="agency_edit"),
    path("agencies/<int:pk>/contacts/", agencies.agency_edit_contacts, name="agency_edit_contacts"),
    path("agencies/<int:pk>/history/", history.agency_history, name="agency_history"),
    path("agencies/<int:pk>/designations/new/", designations.designation_create, name="designation_create"),
    path("agencies/<int:pk>/co-chairs/new/", designations.co_chair_create, name="co_chair_create"),
    path("designations/<int:pk>/end/", designations.designation_end, name="designation_end"),
    path("co-chairs/<int:pk>/edit/", designations.co_chair_edit, name="co_chair_edit"),
    path("co-chairs/<int:pk>/delete/", designations.co_chair_delete, name="co_chair_delete"),
    path("people/", people.people, name="people"),
    path("people/invite/", people.person_invite, name="person_invite"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/deactivate/", people.person_deactivate, name="person_deactivate"),
    path("people/<int:pk>/reactivate/", people.person_reactivate, name="person_reactivate"),
    path("people/<int:pk>/invite-again/", people.person_reinvite, name="person_reinvite"),
    path("people/<int:pk>/history/", history.person_history, name="person_history"),
    path("join/", join.join, name="join"),
    path("join/thanks/", join.join_thanks, name="join_thanks"),
    path("join-requests/", join.join_requests, name="join_requests"),
    path("join-requests/<int:pk>/", join.join_request_detail, name="join_request_detail"),
    path("messages/", public_views.contact_messages, name="contact_messages"),
    path("messages/<int:pk>/", public_views.contact_message_detail, name="contact_message_detail"),
    path("messages/<int:pk>/close/", public_views.contact_message_close, name="contact_message_close"),
    path("proposals/", stakeholders.proposals, name="proposals"),
    path("proposals/<int:pk>/", stakeholders.proposal_detail, name="proposal_detail"),
    path("consultations/", stakeholders.consultations, name="consultations"),
    path("consultations/new/", stakeholders.consultation_form, name="consultation_create"),
    path("consultations/<int:pk>/", stakeholders.consultation_manage, name="consultation_manage"),
    path("consultations/<int:pk>/edit/", stakeholders.consultation_form, name="consultation_edit"),
    path("consultations/<int:pk>/close/", stakeholders.consultation_close, name="consultation_close"),
    path("consultations/<int:pk>/answers.<str:fmt>", stakeholders.consultation_export, name="consultation_export"),
    path("consultation-answers/<int:pk>/moderate/", stakeholders.answer_moderate, name="answer_moderate"),
]
