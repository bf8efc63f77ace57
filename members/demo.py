"""Demo people and designations (clearly demo: every address is @demo.rwg-portal.org)."""


import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.db import transaction

from members.choices import AgencyKind, DesignationRole, JoinRequestStatus, Role
from members.models import Agency, ContactMessage, Designation, JoinRequest, User
from rwg_portal.demo import day

DEMO_PASSWORD = "demo-RWG-portal-2026"
# Printed by `make demo` so that a newcomer can pass two-factor authentication.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
DOMAIN = "demo.rwg-portal.org"

# (e-mail local part, first name, last name, role, agency acronym, designation role)
PEOPLE = [
    ("secretariat", "Salma", "Haddad (demo)", Role.SECRETARIAT, "UN-ESCWA", None),
    ("admin", "Omar", "Nasser (demo)", Role.NONE, None, None),
    ("delegate", "Rania", "Khoury (demo)", Role.RCM_DELEGATE, None, None),
    ("focal.iom", "Youssef", "Benali (demo)", Role.MEMBER, "IOM", DesignationRole.FOCAL_POINT),
    ("alternate.iom", "Leila", "Mansour (demo)", Role.MEMBER, "IOM", DesignationRole.ALTERNATE),
    ("focal.ilo", "Karim", "Saleh (demo)", Role.MEMBER, "ILO", DesignationRole.FOCAL_POINT),
    ("alternate.ilo", "Nadia", "Farah (demo)", Role.MEMBER, "ILO", DesignationRole.ALTERNATE),
    ("focal.las", "Hassan", "Amin (demo)", Role.MEMBER, "LAS", DesignationRole.FOCAL_POINT),
    ("alternate.las", "Mona", "Zaki (demo)", Role.MEMBER, "LAS", DesignationRole.ALTERNATE),
    ("focal.escwa", "Tarek", "Issa (demo)", Role.MEMBER, "UN-ESCWA", DesignationRole.FOCAL_POINT),
    ("alternate.escwa", "Rima", "Aoun (demo)", Role.MEMBER, "UN-ESCWA", DesignationRole.ALTERNATE),
    ("focal.unfpa", "Ahmed", "Fathy (demo)", Role.MEMBER, "UNFPA", DesignationRole.FOCAL_POINT),
    ("focal.unwomen", "Dina", "Shams (demo)", Role.MEMBER, "UN-Women", DesignationRole.FOCAL_POINT),
    ("focal.who", "Samir", "Lahoud (demo)", Role.MEMBER, "WHO", DesignationRole.FOCAL_POINT),
    ("focal.alo", "Fatima", "Idrissi (demo)", Role.MEMBER, "ALO", DesignationRole.FOCAL_POINT),
]

# A pending request to join, so that the secretariat's list and decision page have something to show.
DEMO_JOIN_REQUEST = dict(
    organisation="Regional Migrant Rights Network (demo)",
    acronym="RMRN-DEMO",
    kind=AgencyKind.NGO,
    website="https://demo.rwg-portal.org/rmrn",
    contact_name="Huda Karam (demo)",
    contact_email=f"huda.karam@{DOMAIN}",
    motivation="We document the situation of migrant domestic workers in the Mashreq and would like to contribute "
               "our data to the Group's situation report. (Demo content.)",
)

# What each agency does with the Group, for its public page (only where the secretariat has not written it).
PUBLIC_ABOUT = {
    "IOM": "Co-chair and secretariat; leads the Group's joint contribution to the regional review of the Global "
           "Compact for Migration. (demo)",
    "LAS": "Co-chair and secretariat; proposed the Group in 2013 and carries its work to the Arab States. (demo)",
    "UN-ESCWA": "Co-chair and secretariat; coordinates the Situation Report and the Group's migration data. (demo)",
    "ILO": "Leads the work on labour migration and fair recruitment, and the chapter on migrant workers. (demo)",
    "UNFPA": "Contributes population data and the work on migration and demographic change. (demo)",
    "UN-Women": "Brings the gender perspective to the Group's reports and good practices. (demo)",
    "WHO": "Leads the work on the health of migrants and refugees. (demo)",
    "ALO": "Links the Group with the Arab ministries of labour. (demo)",
    "UNAIDS": "Brings the work on HIV and mobile populations. (demo)",
}

# A visitor's message to the secretariat, waiting for an answer.
DEMO_CONTACT = dict(
    name="Nour Haddad (demo)", email=f"nour.haddad@{DOMAIN}", organisation="Beirut University (demo)",
    subject="Data on women migrant domestic workers",
    message="I am writing a thesis on migrant domestic workers in Lebanon. Does the Group publish figures by sex "
            "and occupation? (Demo content.)",
    language="en",
)

LOGINS = [
    ("Secretariat (two-factor)", f"secretariat@{DOMAIN}"),
    ("Admin, Django admin (two-factor)", f"admin@{DOMAIN}"),
    ("Focal point of IOM", f"focal.iom@{DOMAIN}"),
    ("Alternate of IOM", f"alternate.iom@{DOMAIN}"),
    ("Focal point of ILO", f"focal.ilo@{DOMAIN}"),
    ("RCM delegate", f"delegate@{DOMAIN}"),
]


@transaction.atomic
def load() -> None:
    """Create the demo people; running it again changes nothing."""
    for local, first, last, role, acronym, designation_role in PEOPLE:
        agency = Agency.objects.get(acronym=acronym) if acronym else None
        user, created = User.objects.get_or_create(
            email=f"{local}@{DOMAIN}",
            defaults=dict(first_name=first, last_name=last, role=role, agency=agency,
                          is_staff=local == "admin", is_superuser=local == "admin"),
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if (user.is_superuser or role == Role.SECRETARIAT) and not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
        if (
            designation_role
            and not Designation.objects.filter(agency=agency, person=user).exists()
            and not Designation.objects.current().filter(agency=agency, role=designation_role).exists()
        ):
            Designation.objects.create(agency=agency, person=user, role=designation_role,
                                       starts_on=day(2025, 1, 15))
    JoinRequest.objects.get_or_create(
        contact_email=DEMO_JOIN_REQUEST["contact_email"],
        defaults={**DEMO_JOIN_REQUEST, "status": JoinRequestStatus.PENDING},
    )
    from members.services import agency_update

    for agency in Agency.objects.filter(acronym__in=PUBLIC_ABOUT, public_about_en=""):
        agency_update(agency=agency, data={"public_about_en": PUBLIC_ABOUT[agency.acronym]})
    ContactMessage.objects.get_or_create(email=DEMO_CONTACT["email"], defaults=DEMO_CONTACT)
    from members.stakeholders import demo as stakeholders_demo

    stakeholders_demo.load()


def summary() -> str:
    """The demo logins and the current two-factor code, printed by ``rwg_demo`` at the end."""
    code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))
    return "\n".join([
        "",
        "Demo logins (all demo content is labelled as such). Password for every account: " + DEMO_PASSWORD,
        *[f"  {label:<34} {email}" for label, email in LOGINS],
        "",
        "Two-factor (secretariat and admin): add this TOTP secret to an authenticator app:",
        f"  {DEMO_TOTP_SECRET}",
        f"  or type the current code (valid for about 30 s, now: {code});",
        "  print a fresh one at any time with: .venv/bin/python manage.py rwg_totp",
        "",
    ])
