"""The standing people every access test uses: one per role, around two agencies.

``owning`` is the agency that owns the record under test; ``other`` is another member.
"""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from members.choices import DesignationRole, Role
from members.models import Agency, User
from tests.factories import AgencyFactory, DesignationFactory, UserFactory

# The demo and the tests share this secret so that a person can pass two-factor in both.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

ROLES = (
    "anonymous",
    "no_role",
    "rcm_delegate",
    "other_focal_point",
    "alternate",
    "focal_point",
    "secretariat",
    "admin",
)


@dataclass
class People:
    owning: Agency
    other: Agency
    no_role: User
    rcm_delegate: User
    other_focal_point: User
    alternate: User
    focal_point: User
    secretariat: User
    admin: User

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def with_totp(user: User) -> User:
    """Give the user a TOTP authenticator, as secretariat and admin accounts must have."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


def make_people() -> People:
    owning = AgencyFactory(acronym="OWN", name_en="Owning Agency")
    other = AgencyFactory(acronym="OTH", name_en="Other Agency")
    focal_point = UserFactory(email="focal@own.example", role=Role.MEMBER, agency=owning)
    alternate = UserFactory(email="alternate@own.example", role=Role.MEMBER, agency=owning)
    other_focal_point = UserFactory(email="focal@other.example", role=Role.MEMBER, agency=other)
    DesignationFactory(agency=owning, person=focal_point, role=DesignationRole.FOCAL_POINT)
    DesignationFactory(agency=owning, person=alternate, role=DesignationRole.ALTERNATE)
    DesignationFactory(agency=other, person=other_focal_point, role=DesignationRole.FOCAL_POINT)
    return People(
        owning=owning,
        other=other,
        no_role=UserFactory(email="nobody@example.org"),
        rcm_delegate=UserFactory(email="delegate@rcm.example", role=Role.RCM_DELEGATE),
        other_focal_point=other_focal_point,
        alternate=alternate,
        focal_point=focal_point,
        secretariat=with_totp(UserFactory(email="secretariat@rwg.example", role=Role.SECRETARIAT)),
        admin=with_totp(UserFactory(email="admin@rwg.example", is_staff=True, is_superuser=True)),
    )
