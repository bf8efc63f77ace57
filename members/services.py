"""Writes for the members app: keyword-only, validated, atomic."""

import datetime

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members import emails, permissions
from members.choices import (
    AgencyKind,
    ContactMessageStatus,
    DesignationRole,
    JoinRequestStatus,
    Membership,
    OfficeCity,
    Role,
)
from members.models import Agency, CoChairPeriod, ContactMessage, Designation, JoinRequest, User

# The nine core participants (ToR section 4) and the co-chairs from 30 June 2013 (section 5).
CORE_AGENCIES = [
    ("ALO", "Arab Labour Organization", "منظمة العمل العربية", "Organisation arabe du travail",
     AgencyKind.INTERGOVERNMENTAL, OfficeCity.CAIRO, "https://alolabor.org"),
    ("ILO", "International Labour Organization", "منظمة العمل الدولية", "Organisation internationale du Travail",
     AgencyKind.UN_ENTITY, OfficeCity.BEIRUT, "https://www.ilo.org/arabstates"),
    ("IOM", "International Organization for Migration", "المنظمة الدولية للهجرة",
     "Organisation internationale pour les migrations", AgencyKind.UN_ENTITY, OfficeCity.CAIRO, "https://www.iom.int"),
    ("LAS", "League of Arab States", "جامعة الدول العربية", "Ligue des États arabes",
     AgencyKind.INTERGOVERNMENTAL, OfficeCity.CAIRO, "http://www.lasportal.org"),
    ("UNAIDS", "Joint United Nations Programme on HIV/AIDS",
     "برنامج الأمم المتحدة المشترك المعني بفيروس نقص المناعة البشرية/الإيدز",
     "Programme commun des Nations Unies sur le VIH/sida", AgencyKind.UN_ENTITY, OfficeCity.CAIRO, "https://www.unaids.org"),
    ("UN-ESCWA", "United Nations Economic and Social Commission for Western Asia",
     "لجنة الأمم المتحدة الاقتصادية والاجتماعية لغربي آسيا",
     "Commission économique et sociale des Nations Unies pour l'Asie occidentale",
     AgencyKind.UN_ENTITY, OfficeCity.BEIRUT, "https://www.unescwa.org"),
    ("UNFPA", "United Nations Population Fund", "صندوق الأمم المتحدة للسكان",
     "Fonds des Nations Unies pour la population",
     AgencyKind.UN_ENTITY, OfficeCity.CAIRO, "https://arabstates.unfpa.org"),
    ("UN-Women", "United Nations Entity for Gender Equality and the Empowerment of Women",
     "هيئة الأمم المتحدة للمساواة بين الجنسين وتمكين المرأة",
     "Entité des Nations Unies pour l'égalité des sexes et l'autonomisation des femmes",
     AgencyKind.UN_ENTITY, OfficeCity.CAIRO, "https://arabstates.unwomen.org"),
    ("WHO", "World Health Organization", "منظمة الصحة العالمية", "Organisation mondiale de la Santé",
     AgencyKind.UN_ENTITY, OfficeCity.CAIRO, "https://www.emro.who.int"),
]
CO_CHAIRS = ("LAS", "UN-ESCWA", "IOM")
CO_CHAIRS_FROM = datetime.date(2013, 6, 30)


@transaction.atomic
def seed_reference_data() -> None:
    """Create the core participants and the 2013 co-chairs; running it again changes nothing."""
    for acronym, en, ar, fr, kind, city, website in CORE_AGENCIES:
        agency, _created = Agency.objects.get_or_create(
            acronym=acronym,
            defaults=dict(name_en=en, name_ar=ar, name_fr=fr, kind=kind, membership=Membership.CORE,
                          office_city=city, website=website, joined_on=datetime.date(2013, 3, 15)),
        )
        if acronym in CO_CHAIRS:
            CoChairPeriod.objects.get_or_create(agency=agency, starts_on=CO_CHAIRS_FROM)


def _save(instance: models.Model, *, by: User | None, reason: str, update_fields: list[str] | None = None) -> None:
    """Validate and save ``instance``, recording who changed it and why in its history.

    Views get the history user from simple-history's middleware; setting it here also
    covers callers without a request (commands, tasks, other apps' services).
    """
    instance.full_clean()
    if by is not None:
        instance._history_user = by
    instance._change_reason = reason
    instance.save(update_fields=update_fields)


def _not_in_future(value: datetime.date, field: str, message: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: message})


# People ------------------------------------------------------------------


def invitation_link(user: User) -> str:
    """A one-time link to set a password (allauth's password-reset-from-key view)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return path


@transaction.atomic
def user_invite(
    *, email: str, first_name: str, last_name: str, role: str = Role.NONE, agency: Agency | None = None,
    by: User | None = None, language: str | None = None,
) -> User:
    """Create an account without a password and e-mail the person a link to set one."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A person with this e-mail address already has an account.")})
    user = User(email=email, first_name=first_name, last_name=last_name, role=role, agency=agency,
                invited_at=timezone.now())
    user.set_unusable_password()
    _save(user, by=by, reason="invited")
    transaction.on_commit(lambda: emails.send_invitation(user=user, link=invitation_link(user), by=by,
                                                          language=language))
    return user


@transaction.atomic
def user_reinvite(*, person: User, by: User | None = None, language: str | None = None) -> User:
    """Send the invitation again to someone who has not chosen a password yet."""
    if person.has_usable_password():
        raise ValidationError(_("This person has already chosen a password; they can reset it from the sign-in page."))
    if not person.is_active:
        raise ValidationError(_("This account is deactivated; reactivate it first."))
    person.invited_at = timezone.now()
    _save(person, by=by, reason="invitation sent again", update_fields=["invited_at"])
    transaction.on_commit(lambda: emails.send_invitation(user=person, link=invitation_link(person), by=by,
                                                          language=language))
    return person


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language a person chose in the switcher: the portal's e-mails to them use it."""
    if user.language != language:
        user.language = language
        _save(user, by=user, reason="chose a language", update_fields=["language"])


PERSON_FIELDS = ("first_name", "last_name", "job_title", "phone", "role", "agency")
ACCOUNT_FIELDS = ("first_name", "last_name", "job_title", "phone", "time_zone", "language")


@transaction.atomic
def user_update(*, person: User, data: dict, by: User) -> User:
    """The secretariat changes a person's name, job title, phone, role or agency."""
    if not permissions.can_edit_person(by, person):
        raise ValidationError(_("Only an administrator may change an administrator's account."))
    # Compare with the stored role: a ModelForm has already copied its data onto ``person``.
    stored_role = User.objects.values_list("role", flat=True).get(pk=person.pk)
    if person.pk == by.pk and data.get("role", stored_role) != stored_role:
        # Taking away one's own role would lock the secretariat out of this very page.
        raise ValidationError({"role": _("You cannot change your own role; ask another member of the secretariat.")})
    for field in PERSON_FIELDS:
        if field in data:
            setattr(person, field, data[field])
    _save(person, by=by, reason="person updated by the secretariat")
    return person


@transaction.atomic
def account_update(*, user: User, data: dict) -> User:
    """A person keeps their own name, job title, phone and time zone current."""
    for field in ACCOUNT_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    _save(user, by=user, reason="own account updated")
    return user


@transaction.atomic
def user_deactivate(*, person: User, by: User) -> User:
    """Close an account: the person can no longer sign in and their current designations end today."""
    if person.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not permissions.can_edit_person(by, person):
        raise ValidationError(_("Only an administrator may change an administrator's account."))
    if not person.is_active:
        raise ValidationError(_("This account is already deactivated."))
    today = timezone.localdate()
    for designation in Designation.objects.select_for_update().current().filter(person=person):
        designation.ends_on = max(today, designation.starts_on)
        _save(designation, by=by, reason="ended: account deactivated")
    person.is_active = False
    _save(person, by=by, reason="deactivated", update_fields=["is_active"])
    return person


@transaction.atomic
def user_reactivate(*, person: User, by: User) -> User:
    """Open a deactivated account again (its designations stay ended; designate the person anew)."""
    if not permissions.can_edit_person(by, person):
        raise ValidationError(_("Only an administrator may change an administrator's account."))
    if person.is_active:
        raise ValidationError(_("This account is already active."))
    person.is_active = True
    _save(person, by=by, reason="reactivated", update_fields=["is_active"])
    return person


# Agencies ----------------------------------------------------------------

AGENCY_FIELDS = ("acronym", "name_en", "name_ar", "name_fr", "kind", "membership", "joined_on", "office_city",
                 "office_city_other", "website", "email", "phone", "address", "public_about_en", "public_about_ar",
                 "public_about_fr")


@transaction.atomic
def agency_create(*, data: dict, by: User | None = None) -> Agency:
    """Record a new member or participant agency."""
    agency = Agency(**{field: data[field] for field in AGENCY_FIELDS if field in data})
    _save(agency, by=by, reason="created")
    return agency


@transaction.atomic
def agency_update(*, agency: Agency, data: dict, by: User | None = None) -> Agency:
    """The secretariat changes any of the agency's details, including its membership."""
    for field in AGENCY_FIELDS:
        if field in data:
            setattr(agency, field, data[field])
    _save(agency, by=by, reason="updated by the secretariat")
    return agency


CONTACT_FIELDS = ("website", "email", "phone", "address", "office_city", "office_city_other")


@transaction.atomic
def agency_update_contacts(*, agency: Agency, data: dict, by: User) -> Agency:
    """Save the contact details of an agency; only these fields may change this way."""
    for field in CONTACT_FIELDS:
        if field in data:
            setattr(agency, field, data[field])
    _save(agency, by=by, reason="contact details updated")
    return agency


def _check_co_chair_overlap(period: CoChairPeriod) -> None:
    """Two co-chair periods of the same agency may not overlap."""
    others = CoChairPeriod.objects.filter(agency_id=period.agency_id).exclude(pk=period.pk)
    if period.ends_on is not None:
        others = others.filter(starts_on__lte=period.ends_on)
    overlapping = others.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=period.starts_on)).first()
    if overlapping is not None:
        raise ValidationError(
            _("This period overlaps the agency's co-chair period from %(start)s.")
            % {"start": overlapping.starts_on.isoformat()}
        )


@transaction.atomic
def co_chair_period_create(*, agency: Agency, starts_on: datetime.date, ends_on: datetime.date | None = None,
                           by: User | None = None) -> CoChairPeriod:
    """Record that an agency co-chairs the Group (and acts as its secretariat) from ``starts_on``."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # serialise changes to this agency's periods
    period = CoChairPeriod(agency=agency, starts_on=starts_on, ends_on=ends_on)
    period.full_clean()
    _check_co_chair_overlap(period)
    _save(period, by=by, reason="created")
    return period


@transaction.atomic
def co_chair_period_update(*, period: CoChairPeriod, starts_on: datetime.date, ends_on: datetime.date | None,
                           by: User | None = None) -> CoChairPeriod:
    Agency.objects.select_for_update().filter(pk=period.agency_id).first()
    period.starts_on, period.ends_on = starts_on, ends_on
    period.full_clean()
    _check_co_chair_overlap(period)
    _save(period, by=by, reason="updated")
    return period


@transaction.atomic
def co_chair_period_delete(*, period: CoChairPeriod, by: User | None = None) -> None:
    """Remove a period recorded by mistake; its history keeps it."""
    if by is not None:
        period._history_user = by
    period._change_reason = "deleted"
    period.delete()


# Designations ------------------------------------------------------------


# One sentence per role: the role's name changes the grammar in Arabic and French.
_ALREADY_DESIGNATED = {
    DesignationRole.FOCAL_POINT: gettext_lazy("%(person)s is already the agency's current focal point."),
    DesignationRole.ALTERNATE: gettext_lazy("%(person)s is already the agency's current alternate."),
}
_ALREADY_HAS = {
    DesignationRole.FOCAL_POINT: gettext_lazy(
        "%(agency)s already has a current focal point (%(person)s). End that designation first, or choose to "
        "replace it."),
    DesignationRole.ALTERNATE: gettext_lazy(
        "%(agency)s already has a current alternate (%(person)s). End that designation first, or choose to "
        "replace it."),
}


@transaction.atomic
def designation_create(*, agency: Agency, person: User, role: str, starts_on: datetime.date,
                       by: User | None = None, replace: bool = True) -> Designation:
    """Designate ``person`` as the agency's focal point or alternate.

    With ``replace`` (the default), a current designation for the same role ends on the new
    start date; without it, an existing current designation is an error the caller shows.
    The database allows one current designation per agency and role: a concurrent write
    that slips past these checks is reported with the same clear message.
    """
    _not_in_future(starts_on, "starts_on",
                   _("A designation cannot start in the future; record it when it takes effect."))
    if not person.is_active:
        raise ValidationError({"person": _("This account is deactivated.")})
    # Lock the agency row: two secretariat members designating at once take turns.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    current = list(Designation.objects.current().filter(agency=agency).select_related("person"))
    for other in current:
        if other.person_id == person.pk and other.role != role:
            raise ValidationError({"person": _ALREADY_DESIGNATED[other.role] % {"person": person}})
        if other.person_id == person.pk:
            raise ValidationError({"person": _("%(person)s already holds this designation.") % {"person": person}})
    previous = next((d for d in current if d.role == role), None)
    if previous is not None:
        if not replace:
            raise ValidationError(_ALREADY_HAS[role] % {"agency": agency.acronym, "person": previous.person})
        if starts_on < previous.starts_on:
            raise ValidationError({"starts_on": _(
                "The new designation must start on or after %(date)s, when the current one started."
            ) % {"date": previous.starts_on.isoformat()}})
        previous.ends_on = starts_on
        _save(previous, by=by, reason="ended: replaced")
    designation = Designation(agency=agency, person=person, role=role, starts_on=starts_on)
    try:
        with transaction.atomic():
            _save(designation, by=by, reason="designated")
    except IntegrityError:
        raise ValidationError(_("This agency already has a current designation for this role.")) from None
    if person.agency_id is None or not person.role:
        person.agency = person.agency or agency
        person.role = person.role or Role.MEMBER
        _save(person, by=by, reason="designated", update_fields=["agency", "role"])
    return designation


@transaction.atomic
def designation_end(*, designation: Designation, ends_on: datetime.date, by: User | None = None) -> Designation:
    """End a current designation on ``ends_on`` (today or earlier)."""
    designation = Designation.objects.select_for_update().get(pk=designation.pk)
    if designation.ends_on is not None:
        raise ValidationError(_("This designation has already ended."))
    _not_in_future(ends_on, "ends_on", _("The end date cannot be in the future: rights end as soon as it is set."))
    if ends_on < designation.starts_on:
        raise ValidationError({"ends_on": _("The end date cannot be before the start date (%(date)s).") % {
            "date": designation.starts_on.isoformat()}})
    designation.ends_on = ends_on
    _save(designation, by=by, reason="ended")
    return designation


# Requests to join --------------------------------------------------------

JOIN_REQUEST_FIELDS = ("organisation", "acronym", "kind", "website", "contact_name", "contact_email", "motivation")


@transaction.atomic
def join_request_submit(*, data: dict) -> JoinRequest:
    """Record a request to participate (ToR section 5) and tell the secretariat."""
    join_request = JoinRequest(**{field: data[field] for field in JOIN_REQUEST_FIELDS if field in data})
    join_request.language = translation.get_language() or ""  # the answer is written in it
    _save(join_request, by=None, reason="submitted through the public form")
    transaction.on_commit(lambda: emails.send_join_request_received(join_request=join_request))
    return join_request


@transaction.atomic
def join_request_decide(
    *, join_request: JoinRequest, status: str, decided_on: datetime.date, by: User | None, note: str = "",
    create_agency: bool = True, acronym: str = "", membership: str = Membership.PARTICIPANT,
) -> JoinRequest:
    """Record the Group's decision on a request to join.

    Accepting with ``create_agency`` records the organisation as an Agency with
    ``membership`` ("participant" unless the Group decided "core"), joined on the decision
    date; ``acronym`` overrides the one in the request. The meetings app calls this when a
    meeting decides a request.
    """
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequestStatus.PENDING:
        raise ValidationError(_("This request was already decided on %(date)s.") % {
            "date": join_request.decided_on.isoformat() if join_request.decided_on else "?"})
    if status not in (JoinRequestStatus.ACCEPTED, JoinRequestStatus.DECLINED):
        raise ValidationError({"status": _("The decision is either accepted or declined.")})
    _not_in_future(decided_on, "decided_on", _("The decision date cannot be in the future."))
    if decided_on < timezone.localtime(join_request.submitted_at).date():
        raise ValidationError({"decided_on": _("The decision date cannot be before the request was submitted.")})
    if status == JoinRequestStatus.ACCEPTED and create_agency:
        if membership not in (Membership.CORE, Membership.PARTICIPANT):
            raise ValidationError({"membership": _("A new member joins as a core member or a participant.")})
        acronym = (acronym or join_request.acronym).strip()
        if not acronym:
            raise ValidationError({"acronym": _("An acronym is needed to record the organisation as an agency.")})
        if Agency.objects.filter(acronym__iexact=acronym).exists():
            raise ValidationError({"acronym": _("An agency with the acronym %(acronym)s already exists.") % {
                "acronym": acronym}})
        join_request.acronym = acronym
        join_request.agency = agency_create(data={
            "acronym": acronym, "name_en": join_request.organisation, "kind": join_request.kind,
            "membership": membership, "joined_on": decided_on, "office_city": OfficeCity.OTHER,
            "website": join_request.website, "email": join_request.contact_email,
        }, by=by)
    join_request.status = status
    join_request.decided_on = decided_on
    join_request.decided_by = by
    join_request.decision_note = note
    _save(join_request, by=by, reason="decided")
    transaction.on_commit(lambda: emails.send_join_request_decided(join_request=join_request))
    return join_request


@transaction.atomic
def designation_invite(*, agency: Agency, role: str, starts_on: datetime.date, email: str, first_name: str,
                       last_name: str, by: User | None = None, replace: bool = True,
                       language: str | None = None) -> Designation:
    """Invite a new person and designate them in one step: if the designation fails, nobody is invited."""
    person = user_invite(email=email, first_name=first_name, last_name=last_name, role=Role.MEMBER, agency=agency,
                         by=by, language=language)
    return designation_create(agency=agency, person=person, role=role, starts_on=starts_on, by=by, replace=replace)


# Messages to the secretariat (the public contact form) ------------------

CONTACT_FIELDS_PUBLIC = ("name", "email", "organisation", "subject", "message")


@transaction.atomic
def contact_message_submit(*, data: dict) -> ContactMessage:
    """Store a visitor's message, in the language they wrote in, and e-mail it to the secretariat."""
    contact = ContactMessage(**{field: data[field] for field in CONTACT_FIELDS_PUBLIC if field in data})
    contact.language = translation.get_language() or ""  # the answer is written in it
    _save(contact, by=None, reason="sent through the public contact form")
    transaction.on_commit(lambda: emails.send_contact_message_received(contact=contact))
    return contact


@transaction.atomic
def contact_message_answer(*, contact: ContactMessage, answer: str, by: User) -> ContactMessage:
    """The secretariat answers a message: the answer is kept and e-mailed to the sender in their language."""
    contact = ContactMessage.objects.select_for_update().get(pk=contact.pk)
    if contact.status != ContactMessageStatus.NEW:
        raise ValidationError(_("This message was already answered or closed."))
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    contact.answer = answer.strip()
    contact.status = ContactMessageStatus.ANSWERED
    contact.answered_at = timezone.now()
    contact.answered_by = by
    _save(contact, by=by, reason="answered by the secretariat")
    transaction.on_commit(lambda: emails.send_contact_answer(contact=contact))
    return contact


@transaction.atomic
def contact_message_close(*, contact: ContactMessage, by: User) -> ContactMessage:
    """Close a message that needs no answer (spam that passed the honeypot, a duplicate)."""
    contact = ContactMessage.objects.select_for_update().get(pk=contact.pk)
    if contact.status != ContactMessageStatus.NEW:
        raise ValidationError(_("This message was already answered or closed."))
    contact.status = ContactMessageStatus.CLOSED
    _save(contact, by=by, reason="closed without an answer")
    return contact
