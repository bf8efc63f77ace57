"""The reports app's e-mails: one function per message (templates in reports/templates/emails/)."""

from django.urls import reverse

from members.choices import Membership, Role
from members.models import Designation, User
from rwg_portal import emails


def _secretariat() -> list[str]:
    return list(User.objects.filter(is_active=True, role=Role.SECRETARIAT).values_list("email", flat=True))


def _representatives(agency_ids) -> list[str]:
    """Current focal points and alternates of these agencies."""
    return sorted(set(
        Designation.objects.current().filter(agency_id__in=agency_ids, person__is_active=True)
        .values_list("person__email", flat=True)
    ))


def _authors(chapter) -> list[str]:
    return _representatives({chapter.lead_agency_id, *chapter.contributing_agencies.values_list("pk", flat=True)})


def send_chapter_submitted(*, chapter, by) -> None:
    """Tell the secretariat that a chapter waits for review."""
    recipients = _secretariat()
    if recipients:
        emails.send("reports_chapter_submitted", to=recipients, context={
            "chapter": chapter, "by": by, "path": reverse("reports:chapter_detail", args=[chapter.pk]),
        })


def send_chapter_decided(*, chapter, comment) -> None:
    """Tell the chapter's authors that the secretariat returned or approved it."""
    recipients = _authors(chapter)
    if recipients:
        emails.send("reports_chapter_decided", to=recipients, context={
            "chapter": chapter, "comment": comment, "path": reverse("reports:chapter_detail", args=[chapter.pk]),
        })


def send_build_finished(*, build) -> None:
    """Tell whoever asked for a build that it is done or has failed."""
    if build.requested_by is None or not build.requested_by.email:
        return
    emails.send("reports_build_finished", to=[build.requested_by.email], context={
        "build": build, "report": build.report, "path": reverse("reports:build_detail", args=[build.pk]),
    })


def send_questionnaire_opened(*, report) -> None:
    """Ask the focal points and alternates of every active agency to answer the questionnaire."""
    agency_ids = Designation.objects.current().exclude(agency__membership=Membership.FORMER).values_list(
        "agency_id", flat=True)
    context = {"report": report, "path": reverse("reports:questionnaire_answer", args=[report.pk])}
    for address in _representatives(set(agency_ids)):
        emails.send("reports_questionnaire_opened", to=[address], context=context)
