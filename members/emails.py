"""The members app's e-mails: one function per message (templates in templates/emails/)."""

from django.urls import reverse

from rwg_portal import emails


def send_invitation(*, user, link: str, by=None, language: str | None = None) -> None:
    """The invitation to the portal, with the link to set a password: in the person's own language
    once they have chosen one (invitation sent again), else in the inviter's."""
    emails.send("invitation", to=[user.email], context={"user": user, "link": link, "by": by},
                language=user.language or language)


def send_join_request_received(*, join_request) -> None:
    """Tell the secretariat that an organisation asked to participate."""
    from members.selectors import secretariat_people

    emails.send_to_people("join_request_received", people=secretariat_people(), context={
        "join_request": join_request,
        "path": reverse("members:join_request_detail", args=[join_request.pk]),
    })


def send_join_request_decided(*, join_request) -> None:
    """Tell the organisation's contact person the Group's decision, in the language they wrote in."""
    emails.send("join_request_decided", to=[join_request.contact_email], language=join_request.language or None,
                context={"join_request": join_request})


def send_contact_message_received(*, contact) -> None:
    """Tell the secretariat that a visitor wrote through the contact form."""
    from members.selectors import secretariat_people

    emails.send_to_people("contact_message_received", people=secretariat_people(), context={
        "contact": contact, "path": reverse("members:contact_message_detail", args=[contact.pk]),
    })


def send_contact_answer(*, contact) -> None:
    """The secretariat's answer, to the sender, in the language they wrote in."""
    emails.send("contact_answer", to=[contact.email], language=contact.language or None,
                context={"contact": contact})
