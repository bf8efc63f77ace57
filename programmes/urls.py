from django.urls import path

from programmes import recommendation_views as recommendations
from programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.index, name="index"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/export.csv", views.activity_export_csv, name="activity_export_csv"),
    path("activities/export.xlsx", views.activity_export_xlsx, name="activity_export_xlsx"),
    path("activities/iati.xml", views.activity_export_iati, name="activity_export_iati"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/history/", views.activity_history, name="activity_history"),
    path("documents/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("coverage/", views.coverage, name="coverage"),
    path("synergies/", views.synergies, name="synergies"),
    path("synergies/review/", views.synergy_review, name="synergy_review"),
    path("priorities/", views.priority_list, name="priority_list"),
    path("priorities/new/", views.priority_create, name="priority_create"),
    path("priorities/<int:pk>/edit/", views.priority_edit, name="priority_edit"),
    path("priorities/<int:pk>/history/", views.priority_history, name="priority_history"),
    path("recommendations/", recommendations.recommendation_list, name="recommendation_list"),
    path("recommendations/new/", recommendations.recommendation_create, name="recommendation_create"),
    path("recommendations/coverage/", recommendations.recommendation_coverage, name="recommendation_coverage"),
    path("recommendations/<int:pk>/", recommendations.recommendation_detail, name="recommendation_detail"),
    path("recommendations/<int:pk>/edit/", recommendations.recommendation_edit, name="recommendation_edit"),
    path("recommendations/<int:pk>/review/", recommendations.recommendation_review, name="recommendation_review"),
    path("recommendations/<int:pk>/history/", recommendations.recommendation_history,
         name="recommendation_history"),
    path("bulk/", views.bulk_home, name="bulk_home"),
    path("bulk/<int:agency_pk>/download/", views.bulk_download, name="bulk_download"),
    path("bulk/<int:agency_pk>/upload/", views.bulk_upload, name="bulk_upload"),
    path("bulk/uploads/<int:pk>/", views.bulk_preview, name="bulk_preview"),
    path("bulk/uploads/<int:pk>/apply/", views.bulk_apply, name="bulk_apply"),
    path("bulk/uploads/<int:pk>/discard/", views.bulk_discard, name="bulk_discard"),
    path("good-practices/", views.practice_list, name="practice_list"),
    path("good-practices/new/", views.practice_create, name="practice_create"),
    path("good-practices/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("good-practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("good-practices/<int:pk>/submit/", views.practice_submit, name="practice_submit"),
    path("good-practices/<int:pk>/publish/", views.practice_publish, name="practice_publish"),
    path("good-practices/<int:pk>/return/", views.practice_return, name="practice_return"),
    path("good-practices/<int:pk>/history/", views.practice_history, name="practice_history"),
]
