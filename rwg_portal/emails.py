"""Sending e-mail: every message is a subject/text/html triplet of templates.

``templates/emails/<name>_subject.txt``, ``<name>.txt`` and ``<name>.html`` (the html
part is optional). Each kind of e-mail has one small function in its app's
``emails.py`` that calls ``send`` (one address) or ``send_to_people`` (accounts: each gets the
message in the language of their account, ``User.language``, set when they choose a language).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def send(name: str, *, to: list[str], context: dict, language: str | None = None, attachments=()) -> None:
    """Render the templates for ``name`` in ``language`` and send one message to ``to``."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
        text = render_to_string(f"emails/{name}.txt", context)
        try:
            html = render_to_string(f"emails/{name}.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


def language_of(person) -> str:
    """The language a person's e-mails are written in: the one they last chose, else the portal's."""
    return getattr(person, "language", "") or settings.LANGUAGE_CODE


def send_to_people(name: str, *, people, context: dict, attachments=()) -> None:
    """Send ``name`` to these accounts: one message per language, each to those who read it."""
    by_language: dict[str, list[str]] = {}
    for person in people:
        if person.email:
            by_language.setdefault(language_of(person), []).append(person.email)
    for language, addresses in sorted(by_language.items()):
        send(name, to=sorted(set(addresses)), context=context, language=language, attachments=attachments)
