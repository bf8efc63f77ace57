"""The detailed assessment's questionnaire: questions, answers by the focal points, aggregation."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from reports import assessment, services
from reports.choices import QuestionDimension, QuestionKind, QuestionnaireStatus, ResponseStatus
from reports.models import Answer, QuestionnaireResponse
from tests.reports.factories import AssessmentFactory, QuestionFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(people):
    report = AssessmentFactory()
    QuestionFactory(report=report, position=1, dimension=QuestionDimension.RELEVANCE)
    QuestionFactory(report=report, position=2, dimension=QuestionDimension.EFFECTIVENESS)
    QuestionFactory(report=report, position=3, kind=QuestionKind.OPEN, required=False,
                    dimension=QuestionDimension.ORGANISATION)
    return report


def _answers(report, *values):
    return {q.pk: ({"score": v} if q.kind == QuestionKind.LIKERT else {"text": v})
            for q, v in zip(report.questions.order_by("position"), values, strict=False) if v is not None}


def test_the_secretariat_prepares_questions(people):
    report = AssessmentFactory()
    first = services.question_create(report=report, kind=QuestionKind.LIKERT, dimension=QuestionDimension.RELEVANCE,
                                     text_en="Relevant?", by=people.secretariat)
    second = services.question_create(report=report, kind=QuestionKind.OPEN, dimension=QuestionDimension.RELEVANCE,
                                      text_en="Why?", by=people.secretariat)
    assert (first.position, second.position) == (1, 2)
    services.question_update(question=second, kind=QuestionKind.OPEN, dimension=QuestionDimension.EFFECTIVENESS,
                             text_en="Why not?", by=people.secretariat)
    services.question_delete(question=first, by=people.secretariat)
    assert [q.text_en for q in report.questions.all()] == ["Why not?"]
    with pytest.raises(PermissionDenied):
        services.question_create(report=report, kind=QuestionKind.OPEN, dimension=QuestionDimension.RELEVANCE,
                                 text_en="Mine?", by=people.focal_point)


def test_a_situation_report_has_no_questionnaire(people):
    with pytest.raises(ValidationError):
        services.question_create(report=ReportFactory(), kind=QuestionKind.OPEN,
                                 dimension=QuestionDimension.RELEVANCE, text_en="?", by=people.secretariat)


def test_opening_needs_questions_and_emails_the_focal_points_and_alternates(people,
                                                                           django_capture_on_commit_callbacks):
    empty = AssessmentFactory()
    with pytest.raises(ValidationError):
        services.questionnaire_open(report=empty, by=people.secretariat)
    report = AssessmentFactory()
    QuestionFactory(report=report)
    with django_capture_on_commit_callbacks(execute=True):
        services.questionnaire_open(report=report, by=people.secretariat)
    report.refresh_from_db()
    assert report.questionnaire_status == QuestionnaireStatus.OPEN
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([people.focal_point.email, people.alternate.email, people.other_focal_point.email])


def test_questions_are_frozen_once_opened(report, people):
    services.questionnaire_open(report=report, by=people.secretariat)
    with pytest.raises(ValidationError):
        services.question_create(report=report, kind=QuestionKind.OPEN, dimension=QuestionDimension.RELEVANCE,
                                 text_en="Late?", by=people.secretariat)


def test_a_focal_point_answers_for_their_agency(report, people):
    services.questionnaire_open(report=report, by=people.secretariat)
    response = services.response_save(report=report, agency=people.owning, answers=_answers(report, 4, 5, "More"),
                                      submit=True, by=people.focal_point)
    assert response.status == ResponseStatus.SUBMITTED and response.submitted_at
    assert sorted(Answer.objects.filter(response=response).values_list("score", flat=True),
                  key=lambda v: v or 0) == [None, 4, 5]
    # The alternate corrects it while the questionnaire is open; there is still one response.
    services.response_save(report=report, agency=people.owning, answers=_answers(report, 3, 5), submit=True,
                           by=people.alternate)
    assert QuestionnaireResponse.objects.filter(report=report).count() == 1
    assert not Answer.objects.filter(response=response, question__kind=QuestionKind.OPEN).exists()


@pytest.mark.parametrize("role", ["other_focal_point", "rcm_delegate", "secretariat"])
def test_nobody_else_answers_for_an_agency(report, people, role):
    services.questionnaire_open(report=report, by=people.secretariat)
    with pytest.raises(PermissionDenied):
        services.response_save(report=report, agency=people.owning, answers=_answers(report, 1, 1), submit=True,
                               by=people.user(role))
    assert not QuestionnaireResponse.objects.exists()


def test_no_answers_before_opening_or_after_closing(report, people):
    with pytest.raises(PermissionDenied):
        services.response_save(report=report, agency=people.owning, answers={}, submit=False, by=people.focal_point)
    services.questionnaire_open(report=report, by=people.secretariat)
    services.questionnaire_close(report=report, by=people.secretariat)
    with pytest.raises(PermissionDenied):
        services.response_save(report=report, agency=people.owning, answers={}, submit=False, by=people.focal_point)


def test_submitting_needs_every_required_answer_but_a_draft_does_not(report, people):
    services.questionnaire_open(report=report, by=people.secretariat)
    draft = services.response_save(report=report, agency=people.owning, answers=_answers(report, 4), submit=False,
                                   by=people.focal_point)
    assert draft.status == ResponseStatus.DRAFT
    with pytest.raises(ValidationError, match="Q2"):
        services.response_save(report=report, agency=people.owning, answers=_answers(report, 4), submit=True,
                               by=people.focal_point)
    draft.refresh_from_db()
    assert draft.status == ResponseStatus.DRAFT


def test_dont_know_counts_as_an_answer(report, people):
    services.questionnaire_open(report=report, by=people.secretariat)
    q1, q2, _q3 = report.questions.order_by("position")
    services.response_save(report=report, agency=people.owning, submit=True, by=people.focal_point,
                           answers={q1.pk: {"score": None, "dont_know": True}, q2.pk: {"score": 2}})
    results = assessment.aggregate_questionnaire(report)
    assert results.questions[0].dont_know == 1 and results.questions[0].answered == 0


def test_results_are_aggregated_by_question_agency_and_dimension(report, people):
    services.questionnaire_open(report=report, by=people.secretariat)
    services.response_save(report=report, agency=people.owning, answers=_answers(report, 4, 2, "Meet in Tunis"),
                           submit=True, by=people.focal_point)
    services.response_save(report=report, agency=people.other, answers=_answers(report, 5, 3), submit=True,
                           by=people.other_focal_point)
    results = assessment.aggregate_questionnaire(report)
    q1, q2, q3 = results.questions
    assert q1.distribution == [0, 0, 0, 1, 1] and q1.mean == 4.5 and q1.answered == 2
    assert q2.mean == 2.5
    assert q3.texts == [("OWN", "Meet in Tunis")]
    assert [(row.agency.acronym, row.mean) for row in results.agencies] == [("OTH", 4.0), ("OWN", 3.0)]
    assert ("Relevance", 4.5, 2) in results.dimensions
    assert results.responses == 2 and results.eligible == 2
    assert assessment.questionnaire_charts(results)["likert"].startswith("<svg")


def test_draft_answers_are_not_counted(report, people):
    services.questionnaire_open(report=report, by=people.secretariat)
    services.response_save(report=report, agency=people.owning, answers=_answers(report, 4, 2), submit=False,
                           by=people.focal_point)
    results = assessment.aggregate_questionnaire(report)
    assert results.responses == 0 and results.questions[0].answered == 0
