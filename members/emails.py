from rwg_portal import emails


def send_invitation(*, user, link: str, by=None, language: str | None = None) -> None:
    """The invitation to the portal, with the link to set a password."""
    emails.send("invitation", to=[user.email], context={"user": user, "link": link, "by": by}, language=language)
