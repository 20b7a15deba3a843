"""What each role sees first when it signs in: one section per role, each area adding its part.

The areas that add parts are listed in the setting ``ROTAPLAN_HOME_SECTIONS``, and this
module imports none of them, so a new area (leave, clinics, waiting lists) adds its links
by adding one line there rather than by this page growing with every area.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

# In the shape the NHS.UK summary list takes: {"key": {"text"}, "value": {"text"}}.
SummaryRow = dict[str, dict[str, str]]


@dataclass
class HomeLink:
    text: str
    href: str
    description: str = ""


@dataclass
class HomeSection:
    """One area's part of a role's section. An area that adds a part, even an empty one,
    shows the section; the parts for a role are joined in the order the areas are listed."""

    role: str
    links: list[HomeLink] = field(default_factory=list)
    rows: list[SummaryRow] = field(default_factory=list)


@dataclass
class RoleSection:
    """A section as the page shows it: a heading, then every area's rows and links."""

    role: str
    heading: str
    links: list[HomeLink] = field(default_factory=list)
    rows: list[SummaryRow] = field(default_factory=list)


def staffing_section(roles: set[str]) -> str | None:
    """Where a user's staffing work goes (decisions to make, gaps, claims, bookings): under
    their departments for a rota coordinator, under "Medical staffing" for the trust-wide
    roles (an administrator too, as the people area places the staffing links); nowhere
    for anyone else."""
    if "rota_coordinator" in roles:
        return "rota_coordinator"
    if roles & {"medical_staffing", "administrator"}:
        return "medical_staffing"
    return None


# The page's sections in the order it shows them, with their headings: a doctor's own
# shifts first, then the trust-wide work, then the departments'. The keys are the roles'
# stored values, which the areas' parts name.
HEADINGS: dict[str, str] = {
    "doctor": "Your next two weeks",
    "medical_staffing": "Medical staffing",
    "administrator": "Administration",
    "rota_coordinator": "Your departments",
    "service_manager": "Services you manage",
    "booking_coordinator": "Departments you book for",
    "clinical_director": "Job plans you sign",
}

AnyUser = AbstractBaseUser | AnonymousUser
SectionsOf = Callable[[AnyUser], Sequence[HomeSection]]


def contributors() -> list[SectionsOf]:
    return [import_string(path) for path in settings.ROTAPLAN_HOME_SECTIONS]


def home_sections(user: AnyUser) -> list[RoleSection]:
    joined: dict[str, RoleSection] = {}
    for sections_of in contributors():
        for part in sections_of(user):
            if part.role not in HEADINGS:
                raise ImproperlyConfigured(
                    f"The home page has no section for the role {part.role!r}; "
                    "give it a heading in rotaplan.web.home.HEADINGS."
                )
            section = joined.setdefault(part.role, RoleSection(part.role, HEADINGS[part.role]))
            section.links.extend(part.links)
            section.rows.extend(part.rows)
    return [joined[role] for role in HEADINGS if role in joined]
