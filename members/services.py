"""Writes for the members app: keyword-only, validated, atomic."""

import datetime

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from members import emails
from members.choices import AgencyKind, Membership, OfficeCity, Role
from members.models import Agency, CoChairPeriod, Designation, User

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
    user = User(email=email.strip().lower(), first_name=first_name, last_name=last_name, role=role, agency=agency,
                invited_at=timezone.now())
    user.set_unusable_password()
    user.full_clean()
    user._change_reason = f"invited by {by}" if by else "invited"
    user.save()
    transaction.on_commit(lambda: emails.send_invitation(user=user, link=invitation_link(user), by=by,
                                                          language=language))
    return user


@transaction.atomic
def designation_create(*, agency: Agency, person: User, role: str, starts_on: datetime.date,
                       by: User | None = None) -> Designation:
    """Designate ``person`` as the agency's focal point or alternate, ending the current one."""
    previous = Designation.objects.select_for_update().current().filter(agency=agency, role=role).first()
    if previous is not None:
        previous.ends_on = max(starts_on, previous.starts_on)
        previous.full_clean()
        previous.save()
    designation = Designation(agency=agency, person=person, role=role, starts_on=starts_on)
    designation.full_clean()
    designation.save()
    if person.agency_id is None:
        person.agency = agency
        person.role = person.role or Role.MEMBER
        person.save(update_fields=["agency", "role"])
    return designation


@transaction.atomic
def designation_end(*, designation: Designation, ends_on: datetime.date, by: User | None = None) -> Designation:
    designation.ends_on = ends_on
    designation.full_clean()
    designation.save()
    return designation


CONTACT_FIELDS = ("website", "email", "phone", "address", "office_city", "office_city_other")


@transaction.atomic
def agency_update_contacts(*, agency: Agency, data: dict, by: User) -> Agency:
    """Save the contact details of an agency; only these fields may change this way."""
    for field in CONTACT_FIELDS:
        if field in data:
            setattr(agency, field, data[field])
    agency.full_clean()
    agency._change_reason = "contact details updated"
    agency.save()
    return agency
