"""Writes for stakeholders' proposals and consultations: keyword-only, validated, atomic, with history."""

import datetime

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members import permissions
from members.choices import AnswerStatus, ProposalStatus
from members.models import Agency, Consultation, ConsultationAnswer, OrganisationProposal, PracticeProposal, User
from members.services import _save
from members.stakeholders import emails
from rwg_portal import translated
from rwg_portal.registry import hook

# What the public form may set on a proposal (the rest is the secretariat's bookkeeping).
PROPOSAL_FIELDS = ("organisation", "organisation_kind", "contact_name", "contact_email", "website", "language",
                   "title", "countries", "theme", "practice", "evidence", "lessons", "replication")
# What an organisation may change when it amends a returned proposal (not who it is).
AMEND_FIELDS = ("language", "title", "countries", "theme", "practice", "evidence", "lessons", "replication")
ANSWER_FIELDS = ("organisation", "organisation_kind", "contact_name", "contact_email", "language", "answer",
                 "replies")
# The translated texts (rwg_portal/translated.py) are given as their columns (``title_en``...), or by name as
# {"en": ..., "ar": ..., "fr": ...} or as a string in the consultation's ``language``.
CONSULTATION_TEXTS = ("title", "question", "summary")
CONSULTATION_FIELDS = ("language", *CONSULTATION_TEXTS,
                       *(column for name in CONSULTATION_TEXTS for column in translated.columns(name)),
                       "questions", "opens_at", "closes_at", "time_zone")
AMEND_SALT = "members.stakeholders.amend"
AMEND_LINK_DAYS = 60


def _moderator(by: User) -> None:
    if not permissions.can_moderate_stakeholders(by):
        raise PermissionDenied


# Proposed good practices ---------------------------------------------------------------------------


@transaction.atomic
def proposal_submit(*, data: dict) -> PracticeProposal:
    """Store a practice proposed through the public form and tell the secretariat."""
    proposal = PracticeProposal(**{field: data[field] for field in PROPOSAL_FIELDS if field in data})
    if not proposal.language:
        proposal.language = (translation.get_language() or "en")[:2]
    _save(proposal, by=None, reason="submitted through the public form")
    transaction.on_commit(lambda: emails.send_proposal_received(proposal=proposal))
    return proposal


def amend_token(proposal: PracticeProposal) -> str:
    """The signed part of the link that lets the organisation amend its returned proposal, once."""
    return signing.dumps({"p": proposal.pk, "r": proposal.returned_count}, salt=AMEND_SALT, compress=True)


def amend_token_read(token: str) -> tuple[int, int] | None:
    """(proposal id, round) from a link that is genuine and recent enough; None otherwise."""
    try:
        value = signing.loads(token, salt=AMEND_SALT, max_age=datetime.timedelta(days=AMEND_LINK_DAYS))
        return int(value["p"]), int(value["r"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


@transaction.atomic
def proposal_amend(*, proposal: PracticeProposal, data: dict) -> PracticeProposal:
    """The organisation sends its returned proposal back, changed: it awaits moderation again."""
    proposal = PracticeProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.RETURNED:
        raise ValidationError(_("This proposal can no longer be changed."))
    for field in AMEND_FIELDS:
        if field in data:
            setattr(proposal, field, data[field])
    proposal.status = ProposalStatus.NEW
    proposal.amended_at = timezone.now()
    proposal.decided_at = None
    _save(proposal, by=None, reason="amended by the organisation")
    transaction.on_commit(lambda: emails.send_proposal_received(proposal=proposal))
    return proposal


def _decide(proposal: OrganisationProposal, *, status: str, message: str, by: User, reason: str,
            notify=None) -> OrganisationProposal:
    """Record the secretariat's decision on any kind of proposal and tell the organisation (``notify``, the
    e-mail of that kind of proposal; a proposed good practice's by default), once the transaction commits."""
    notify = notify or emails.send_proposal_decided
    proposal.status = status
    proposal.message = message
    proposal.decided_at = timezone.now()
    proposal.decided_by = by
    _save(proposal, by=by, reason=reason)
    transaction.on_commit(lambda: notify(proposal=proposal))
    return proposal


def _locked_new(proposal: OrganisationProposal) -> OrganisationProposal:
    proposal = type(proposal).objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.NEW:
        raise ValidationError(_("This proposal was already moderated."))
    return proposal


@transaction.atomic
def proposal_accept(*, proposal: PracticeProposal, agency: Agency, title_en: str, message: str = "",
                    by: User) -> PracticeProposal:
    """Accept a proposal: it becomes a draft good practice of ``agency`` (the member that follows it up in the
    normal workflow), credited to the organisation, written in the organisation's language."""
    _moderator(by)
    proposal = _locked_new(proposal)
    if not (title_en or "").strip():
        raise ValidationError({"title_en": _("Give the title in English.")})
    fields = {"agency": agency, "title_en": title_en.strip(), "language": proposal.language,
              "countries": list(proposal.countries), "theme": proposal.theme, "practice": proposal.practice,
              "evidence": proposal.evidence, "lessons": proposal.lessons, "replication": proposal.replication}
    if proposal.language in ("ar", "fr"):
        fields[f"title_{proposal.language}"] = proposal.title
    # Through the registry: members sits below programmes, which registers its practice_save.
    practice = hook("practice_save")(practice=None, fields=fields, by=by)
    proposal.good_practice = practice
    return _decide(proposal, status=ProposalStatus.ACCEPTED, message=message.strip(), by=by, reason="accepted")


@transaction.atomic
def proposal_return(*, proposal: OrganisationProposal, message: str, by: User, notify=None) -> OrganisationProposal:
    """Send a proposal back with what to change (a proposed good practice's e-mail carries a signed link to
    amend it)."""
    _moderator(by)
    proposal = _locked_new(proposal)
    if not (message or "").strip():
        raise ValidationError({"message": _("Say what the organisation should change.")})
    proposal.returned_count += 1
    return _decide(proposal, status=ProposalStatus.RETURNED, message=message.strip(), by=by, reason="returned",
                   notify=notify)


@transaction.atomic
def proposal_reject(*, proposal: OrganisationProposal, message: str, by: User, notify=None) -> OrganisationProposal:
    """Turn a proposal down, with the reason the organisation is told."""
    _moderator(by)
    proposal = _locked_new(proposal)
    if not (message or "").strip():
        raise ValidationError({"message": _("Give the reason the organisation will read.")})
    return _decide(proposal, status=ProposalStatus.REJECTED, message=message.strip(), by=by, reason="rejected",
                   notify=notify)


# Consultations ---------------------------------------------------------------------------------------


@transaction.atomic
def consultation_save(*, consultation: Consultation | None, fields: dict, by: User) -> Consultation:
    """Open (create) or change a consultation."""
    _moderator(by)
    creating = consultation is None
    consultation = consultation or Consultation(created_by=by)
    for name in fields:
        if name not in CONSULTATION_FIELDS:
            raise ValueError(f"{name} cannot be set on a consultation")
    for name, value in sorted(fields.items(), key=lambda pair: pair[0] != "language"):  # a text's language first
        if name in CONSULTATION_TEXTS:
            translated.assign(consultation, name, value if isinstance(value, dict) else {consultation.language: value})
        elif name in CONSULTATION_FIELDS and name.rsplit("_", 1)[0] in CONSULTATION_TEXTS:
            setattr(consultation, name, (value or "").strip())
        else:
            setattr(consultation, name, value)
    _save(consultation, by=by, reason="opened" if creating else "changed")
    return consultation


@transaction.atomic
def consultation_close(*, consultation: Consultation, by: User) -> Consultation:
    """Close a consultation now, before its planned end."""
    _moderator(by)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    now = timezone.now()
    if consultation.phase(now) != "open":
        raise ValidationError(_("Only an open consultation can be closed."))
    consultation.closes_at = now
    _save(consultation, by=by, reason="closed early")
    return consultation


@transaction.atomic
def answer_submit(*, consultation: Consultation, data: dict) -> ConsultationAnswer:
    """Store an organisation's answer, only while the consultation is open."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    phase = consultation.phase(timezone.now())
    if phase == "upcoming":
        raise ValidationError(_("This consultation is not open yet."))
    if phase == "closed":
        raise ValidationError(_("This consultation is closed: answers are no longer received."))
    answer = ConsultationAnswer(consultation=consultation,
                                **{field: data[field] for field in ANSWER_FIELDS if field in data})
    if not answer.language:
        answer.language = (translation.get_language() or "en")[:2]
    _save(answer, by=None, reason="submitted through the public form")
    return answer


@transaction.atomic
def answer_moderate(*, answer: ConsultationAnswer, accept: bool, note: str = "", by: User) -> ConsultationAnswer:
    """Accept an answer (it is shown once the consultation closes) or reject it; a decision can be changed."""
    _moderator(by)
    answer = ConsultationAnswer.objects.select_for_update().get(pk=answer.pk)
    answer.status = AnswerStatus.ACCEPTED if accept else AnswerStatus.REJECTED
    answer.moderation_note = (note or "").strip()
    answer.moderated_at = timezone.now()
    answer.moderated_by = by
    _save(answer, by=by, reason="accepted" if accept else "rejected")
    return answer
