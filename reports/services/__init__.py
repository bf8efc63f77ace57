"""Writes for the reports app: keyword-only, validated, atomic (see each module)."""

from reports.services.builds import (
    build_approve,
    build_count_download,
    build_publish,
    build_request,
    build_run,
    build_set_public,
    build_unpublish,
)
from reports.services.downloads import download_visits_prune
from reports.services.questionnaire import (
    question_create,
    question_delete,
    question_update,
    questionnaire_close,
    questionnaire_open,
    response_save,
)
from reports.services.writing import (
    chapter_approve,
    chapter_comment,
    chapter_create,
    chapter_reopen,
    chapter_return,
    chapter_submit,
    chapter_update_outline,
    chapter_update_text,
    chapter_withdraw,
    report_create,
    report_update,
    source_create,
    source_delete,
    source_update,
)

__all__ = [
    "build_approve", "build_count_download", "build_publish", "build_request", "build_run", "build_set_public",
    "build_unpublish", "download_visits_prune",
    "question_create", "question_delete", "question_update", "questionnaire_close", "questionnaire_open",
    "response_save",
    "chapter_approve", "chapter_comment", "chapter_create", "chapter_reopen", "chapter_return", "chapter_submit",
    "chapter_update_outline", "chapter_update_text", "chapter_withdraw", "report_create", "report_update",
    "source_create", "source_delete", "source_update",
]
