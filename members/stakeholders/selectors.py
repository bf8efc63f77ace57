"""Reads for stakeholders' proposals and consultations: the secretariat's through the user, the public's
narrowed to what anyone may see."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from members import permissions
from members.choices import AnswerStatus, ProposalStatus
from members.models import Consultation, ConsultationAnswer, PracticeProposal
from members.selectors import _get_or_404
from rwg_portal.refusals import secretariat_only


def _require_moderator(user) -> None:
    if not permissions.can_moderate_stakeholders(user):
        raise secretariat_only()


def proposal_list_for_user(user) -> QuerySet[PracticeProposal]:
    _require_moderator(user)
    return PracticeProposal.objects.select_related("decided_by", "good_practice")


def proposal_get_for_user(user, pk) -> PracticeProposal:
    return _get_or_404(proposal_list_for_user(user), pk)


def new_proposal_count(user) -> int:
    if not permissions.can_moderate_stakeholders(user):
        return 0
    return PracticeProposal.objects.filter(status=ProposalStatus.NEW).count()


def awaiting_moderation(user) -> dict[str, int]:
    """How many proposed good practices and consultation answers await the secretariat's moderation; empty
    for someone who does not moderate. (Shown on the shared, cached dashboard panel: built once per version.)"""
    if not permissions.can_moderate_stakeholders(user):
        return {}
    return {
        "practices": PracticeProposal.objects.filter(status=ProposalStatus.NEW).count(),
        "answers": ConsultationAnswer.objects.filter(status=AnswerStatus.NEW).count(),
    }


def proposal_for_amendment(pk: int, round_: int) -> PracticeProposal:
    """The proposal a signed link names, while it is returned in the same round; 404 otherwise."""
    proposal = PracticeProposal.objects.filter(pk=pk, status=ProposalStatus.RETURNED, returned_count=round_).first()
    if proposal is None:
        raise Http404
    return proposal


def consultation_list_for_user(user) -> QuerySet[Consultation]:
    _require_moderator(user)
    return Consultation.objects.annotate(
        answer_count=Count("answers"),
        new_answer_count=Count("answers", filter=Q(answers__status=AnswerStatus.NEW)),
    )


def consultation_get_for_user(user, pk) -> Consultation:
    return _get_or_404(consultation_list_for_user(user), pk)


def answer_get_for_user(user, pk) -> ConsultationAnswer:
    _require_moderator(user)
    return _get_or_404(ConsultationAnswer.objects.select_related("consultation"), pk)


def public_consultations() -> QuerySet[Consultation]:
    """Every consultation is public from its creation: upcoming ones announce their period."""
    return Consultation.objects.all()


def public_consultation_get(pk) -> Consultation:
    return _get_or_404(public_consultations(), pk)


def public_accepted_answers(consultation: Consultation) -> list[ConsultationAnswer]:
    """The answers shown on the public page: accepted ones, once the consultation is closed."""
    if consultation.phase(timezone.now()) != "closed":
        return []
    return list(consultation.answers.filter(status=AnswerStatus.ACCEPTED).order_by("submitted_at"))
