"""The people a newcomer can sign in as, one for each role, sharing one password.

The password is printed by ``rotaplan demo`` (and so by ``make run``): these accounts
exist to be tried, and a demo database is not for real patients or staff. The password is
hashed once and the hash shared, since hashing is deliberately slow and the eight accounts
would otherwise take seconds to create. A username that is already taken is left as it
is (its password and roles unchanged) rather than overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from rotaplan.organisation.models import Department
from rotaplan.people.models import Doctor, Role, RoleAssignment, User

from .doctors import EMAIL_DOMAIN
from .trust import ACUTE_MEDICINE

DEMO_PASSWORD = "rotaplan-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    # Roles, each with the department codes it acts for (none for a trust-wide role).
    roles: tuple[tuple[str, tuple[str, ...]], ...]
    administrator: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "Alex", "Morgan", ((Role.ADMINISTRATOR, ()),), administrator=True),
    DemoUser("staffing", "Priya", "Shah", ((Role.MEDICAL_STAFFING, ()),)),
    DemoUser("coordinator", "Gemma", "Price", ((Role.ROTA_COORDINATOR, (ACUTE_MEDICINE,)),)),
    DemoUser(
        "manager",
        "Tom",
        "Okafor",
        ((Role.SERVICE_MANAGER, (ACUTE_MEDICINE, "emergency-medicine")),),
    ),
    DemoUser(
        "booking",
        "Sian",
        "Evans",
        ((Role.BOOKING_COORDINATOR, (ACUTE_MEDICINE, "cardiology")),),
    ),
    DemoUser("director", "Helen", "Achebe", ((Role.CLINICAL_DIRECTOR, (ACUTE_MEDICINE,)),)),
)
DOCTOR_USERNAME = "doctor"
# An acute medicine consultant: their job plan, clinics and on-call.
CONSULTANT_USERNAME = "consultant"
USERNAMES = (*(u.username for u in DEMO_USERS), DOCTOR_USERNAME, CONSULTANT_USERNAME)


def scoped_to(
    departments: dict[str, Department], codes: tuple[str, ...]
) -> list[Department | None]:
    """The departments a role acts for, or a single None for a trust-wide role."""
    return [departments[code] for code in codes] or [None]


def create_users(
    departments: dict[str, Department], doctor: Doctor, consultant: Doctor
) -> list[str]:
    """The demo users and their roles; ``doctor`` signs in as "doctor" and
    ``consultant`` as "consultant". Returns the usernames that were already taken and so
    left alone."""
    taken = set(User.objects.filter(username__in=USERNAMES).values_list("username", flat=True))
    password = make_password(DEMO_PASSWORD)
    users = [
        User(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=f"{spec.username}@{EMAIL_DOMAIN}",
            password=password,
            is_staff=spec.administrator,
            is_superuser=spec.administrator,
        )
        for spec in DEMO_USERS
        if spec.username not in taken
    ]
    users += [
        User(
            username=username,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            password=password,
            doctor=person,
        )
        for username, person in ((DOCTOR_USERNAME, doctor), (CONSULTANT_USERNAME, consultant))
        if username not in taken
    ]
    created = {user.username: user for user in User.objects.bulk_create(users)}
    roles = [
        RoleAssignment(user=created[spec.username], role=role, department=department)
        for spec in DEMO_USERS
        if spec.username in created
        for role, codes in spec.roles
        for department in scoped_to(departments, codes)
    ]
    # Linking the doctor is what gives the role; the row makes it visible in the admin.
    roles += [
        RoleAssignment(user=created[username], role=Role.DOCTOR)
        for username in (DOCTOR_USERNAME, CONSULTANT_USERNAME)
        if username in created
    ]
    RoleAssignment.objects.bulk_create(roles)
    return sorted(taken)
