from django.urls import path

from reports.views import builds, chapters, publication, questionnaire, sources, workspace

app_name = "reports"

urlpatterns = [
    path("", workspace.index, name="index"),
    path("new/", workspace.report_create, name="report_create"),
    path("<int:pk>/", workspace.report_detail, name="report_detail"),
    path("<int:pk>/edit/", workspace.report_edit, name="report_edit"),
    path("<int:pk>/chapters/new/", chapters.chapter_create, name="chapter_create"),
    path("<int:pk>/sources/", sources.source_list, name="source_list"),
    path("<int:pk>/builds/", builds.build_create, name="build_create"),
    path("<int:pk>/questions/", questionnaire.question_list, name="question_list"),
    path("<int:pk>/questionnaire/", questionnaire.questionnaire_answer, name="questionnaire_answer"),
    path("<int:pk>/questionnaire/open/", questionnaire.questionnaire_open, name="questionnaire_open"),
    path("<int:pk>/questionnaire/close/", questionnaire.questionnaire_close, name="questionnaire_close"),
    path("<int:pk>/questionnaire/results/", questionnaire.questionnaire_results, name="questionnaire_results"),
    path("chapters/<int:pk>/", chapters.chapter_detail, name="chapter_detail"),
    path("chapters/<int:pk>/edit/", chapters.chapter_edit, name="chapter_edit"),
    path("chapters/<int:pk>/outline/", chapters.chapter_outline, name="chapter_outline"),
    path("chapters/<int:pk>/action/", chapters.chapter_action, name="chapter_action"),
    path("chapters/<int:pk>/comments/", chapters.chapter_comment, name="chapter_comment"),
    path("chapters/<int:pk>/versions/", chapters.chapter_versions, name="chapter_versions"),
    path("chapters/<int:pk>/versions/compare/", chapters.chapter_compare, name="chapter_compare"),
    path("chapters/<int:pk>/data-blocks/", chapters.chapter_blocks, name="chapter_blocks"),
    path("sources/<int:pk>/edit/", sources.source_edit, name="source_edit"),
    path("sources/<int:pk>/delete/", sources.source_delete, name="source_delete"),
    path("questions/<int:pk>/edit/", questionnaire.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", questionnaire.question_delete, name="question_delete"),
    path("builds/<int:pk>/", builds.build_detail, name="build_detail"),
    path("builds/<int:pk>/retry/", builds.build_retry, name="build_retry"),
    path("builds/<int:pk>/approve/", builds.build_approve, name="build_approve"),
    path("builds/<int:pk>/publish/", builds.build_publish, name="build_publish"),
    path("builds/<int:pk>/unpublish/", builds.build_unpublish, name="build_unpublish"),
    path("builds/<int:pk>/public/", builds.build_public, name="build_public"),
    path("builds/<int:pk>/download/", builds.build_download, name="build_download"),
    path("downloads/", publication.downloads, name="downloads"),
    path("public/", publication.public, name="public"),
]
