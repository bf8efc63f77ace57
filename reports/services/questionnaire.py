"""The detailed assessment's questionnaire: questions, opening and closing, agencies' answers.

The secretariat prepares the questions of a year's RCM assessment, opens the
questionnaire (the focal points and alternates are e-mailed), and closes it; while it is
open each agency's focal point or alternate answers once for the agency, may save a
draft, and submits. Questions cannot change once answers exist.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Agency, User
from reports import emails, permissions
from reports.choices import QuestionKind, QuestionnaireStatus, ResponseStatus
from reports.models import Answer, Question, QuestionnaireResponse, Report


def _save(instance, *, by: User, reason: str) -> None:
    instance.full_clean()
    instance._change_reason = reason
    instance._history_user = by
    instance.save()


def _check_editable(report: Report) -> None:
    if not report.is_assessment:
        raise ValidationError(_("Only an RCM assessment has a questionnaire."))
    if report.questionnaire_status != QuestionnaireStatus.PREPARING or report.responses.exists():
        raise ValidationError(_("The questionnaire has been opened: its questions can no longer change."))


@transaction.atomic
def question_create(*, report: Report, kind: str, dimension: str, text_en: str, text_ar: str = "",
                    required: bool = True, position: int | None = None, by: User) -> Question:
    if not permissions.can_manage_reports(by):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    if position is None:
        position = (report.questions.aggregate(last=Max("position"))["last"] or 0) + 1
    question = Question(report=report, position=position, kind=kind, dimension=dimension, text_en=text_en.strip(),
                        text_ar=text_ar.strip(), required=required)
    _save(question, by=by, reason="added")
    return question


@transaction.atomic
def question_update(*, question: Question, kind: str, dimension: str, text_en: str, text_ar: str = "",
                    required: bool = True, by: User) -> Question:
    if not permissions.can_manage_reports(by):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=question.report_id)
    _check_editable(report)
    question = Question.objects.get(pk=question.pk)
    question.kind, question.dimension, question.required = kind, dimension, required
    question.text_en, question.text_ar = text_en.strip(), text_ar.strip()
    _save(question, by=by, reason="updated")
    return question


@transaction.atomic
def question_delete(*, question: Question, by: User) -> None:
    if not permissions.can_manage_reports(by):
        raise PermissionDenied
    _check_editable(Report.objects.select_for_update().get(pk=question.report_id))
    question._history_user = by
    question.delete()


@transaction.atomic
def questionnaire_open(*, report: Report, by: User) -> Report:
    """Open the questionnaire to the focal points and alternates, and e-mail them."""
    if not permissions.can_manage_reports(by):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_assessment:
        raise ValidationError(_("Only an RCM assessment has a questionnaire."))
    if report.questionnaire_status == QuestionnaireStatus.OPEN:
        return report
    if not report.questions.exists():
        raise ValidationError(_("Add at least one question before opening the questionnaire."))
    first_time = report.questionnaire_status == QuestionnaireStatus.PREPARING
    report.questionnaire_status = QuestionnaireStatus.OPEN
    _save(report, by=by, reason="questionnaire opened")
    if first_time:
        transaction.on_commit(lambda: emails.send_questionnaire_opened(report=report))
    return report


@transaction.atomic
def questionnaire_close(*, report: Report, by: User) -> Report:
    if not permissions.can_manage_reports(by):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.questionnaire_status != QuestionnaireStatus.OPEN:
        raise ValidationError(_("The questionnaire is not open."))
    report.questionnaire_status = QuestionnaireStatus.CLOSED
    _save(report, by=by, reason="questionnaire closed")
    return report


@transaction.atomic
def response_save(*, report: Report, agency: Agency, answers: dict[int, dict], submit: bool,
                  by: User) -> QuestionnaireResponse:
    """Save an agency's answers ({question id: {"score": 1..5 or None, "text": str}}), and submit them.

    A submitted response can still be corrected while the questionnaire is open; it stays
    submitted. Submitting checks that every required question has an answer.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not permissions.can_answer_questionnaire(by, report, agency.pk):
        raise PermissionDenied
    questions = {question.pk: question for question in report.questions.all()}
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValidationError(_("Some answers are for questions of another questionnaire."))
    response, _created = QuestionnaireResponse.objects.select_for_update().get_or_create(
        report=report, agency=agency, defaults={"respondent": by},
    )
    missing = []
    for question_id, question in questions.items():
        given = answers.get(question_id, {})
        score = given.get("score") if question.kind == QuestionKind.LIKERT else None
        answer_text = (given.get("text") or "").strip()
        if question.kind == QuestionKind.LIKERT and score not in (None, 1, 2, 3, 4, 5):
            raise ValidationError(_("Scores go from 1 to 5."))
        answered = score is not None or bool(answer_text) or given.get("dont_know")
        existing = Answer.objects.filter(response=response, question=question).first()
        if not answered:
            # No row for an unanswered question: a scale answer without score means "don't know".
            if question.required:
                missing.append(question.position)
            if existing is not None:
                existing._history_user = by
                existing.delete()
            continue
        answer = existing or Answer(response=response, question=question)
        if answer.pk and answer.score == score and answer.text == answer_text:
            continue
        answer.score, answer.text = score, answer_text
        _save(answer, by=by, reason="answered")
    if (submit or response.status == ResponseStatus.SUBMITTED) and missing:
        raise ValidationError(_("Answer the required questions before submitting: %(numbers)s.")
                              % {"numbers": ", ".join(f"Q{number}" for number in missing)})
    response.respondent = by
    if submit and response.status != ResponseStatus.SUBMITTED:
        response.status, response.submitted_at = ResponseStatus.SUBMITTED, timezone.now()
    _save(response, by=by, reason="submitted" if submit else "saved")
    return response
