"""The reports app's e-mails: one function per message (templates in reports/templates/emails/)."""

from django.urls import reverse

from members.choices import Membership, Role
from members.models import Designation, User
from rwg_portal import emails


def _secretariat():
    return User.objects.filter(is_active=True, role=Role.SECRETARIAT).only("email", "language")


def _representatives(agency_ids):
    """Current focal points and alternates of these agencies."""
    return User.objects.filter(
        is_active=True, pk__in=Designation.objects.current().filter(agency_id__in=agency_ids).values("person_id"),
    ).only("email", "language")


def _authors(chapter):
    return _representatives({chapter.lead_agency_id, *chapter.contributing_agencies.values_list("pk", flat=True)})


def send_chapter_submitted(*, chapter, by) -> None:
    """Tell the secretariat that a chapter waits for review."""
    emails.send_to_people("reports_chapter_submitted", people=_secretariat(), context={
        "chapter": chapter, "by": by, "path": reverse("reports:chapter_detail", args=[chapter.pk]),
    })


def send_chapter_decided(*, chapter, comment) -> None:
    """Tell the chapter's authors that the secretariat returned or approved it."""
    emails.send_to_people("reports_chapter_decided", people=_authors(chapter), context={
        "chapter": chapter, "comment": comment, "path": reverse("reports:chapter_detail", args=[chapter.pk]),
    })


def send_build_finished(*, build) -> None:
    """Tell whoever asked for a build that it is done or has failed."""
    if build.requested_by is None or not build.requested_by.email:
        return
    person = build.requested_by
    emails.send("reports_build_finished", to=[person.email], language=emails.language_of(person),
                context={"build": build, "report": build.report,
                         "path": reverse("reports:build_detail", args=[build.pk])})


def send_questionnaire_opened(*, report) -> None:
    """Ask the focal points and alternates of every active agency to answer the questionnaire
    (a message each: the addresses of other agencies are not shown)."""
    agency_ids = Designation.objects.current().exclude(agency__membership=Membership.FORMER).values_list(
        "agency_id", flat=True)
    context = {"report": report, "path": reverse("reports:questionnaire_answer", args=[report.pk])}
    for person in _representatives(set(agency_ids)).order_by("email"):
        emails.send("reports_questionnaire_opened", to=[person.email], context=context,
                    language=emails.language_of(person))


def send_library_proposal_received(*, proposal) -> None:
    """Tell the secretariat that an organisation proposed a library item."""
    emails.send_to_people("library_proposal_received", people=_secretariat(), context={
        "proposal": proposal, "path": reverse("reports:library_proposal_detail", args=[proposal.pk]),
    })


def send_library_proposal_decided(*, proposal) -> None:
    """The secretariat's decision, to the organisation, in the language it wrote in; a returned proposal comes
    with the address of the form to propose it again (on the public site, in that language)."""
    from django.utils import translation

    context = {"proposal": proposal}
    with translation.override(proposal.language):
        context["form_path"] = reverse("reports_public:library_propose")
    emails.send("library_proposal_decided", to=[proposal.contact_email], language=proposal.language,
                context=context)
