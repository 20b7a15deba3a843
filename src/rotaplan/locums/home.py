"""The locums' part of the home page: for coordinators the inductions due and their
bookings; for service managers, coordinators and medical staffing the spend report."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from rotaplan.engine.clock import format_day
from rotaplan.people import access
from rotaplan.people.models import Role, User
from rotaplan.web.home import HomeLink, HomeSection, SummaryRow, staffing_section

from . import selectors
from .models import LocumBooking

# The home page names the first few; the list page has them all.
ROWS_SHOWN = 5


def sections(user: User) -> list[HomeSection]:
    roles = access.roles_of(user)
    parts = []
    spend = HomeLink(
        "Locum spend report",
        reverse("locums:spend"),
        "Bank and agency spend by month, department, grade, reason and supplier",
    )
    if Role.ROTA_COORDINATOR in roles:
        today = timezone.localdate()
        due = selectors.inductions_due(user, today)
        gaps = selectors.gaps_to_book(user, today)
        bookings = HomeLink(
            "Locum bookings",
            reverse("locums:bookings"),
            f"{_count(len(gaps), 'gap')} open in the next four weeks; "
            f"{_count(len(due), 'induction')} due",
        )
        parts.append(
            HomeSection(Role.ROTA_COORDINATOR, links=[bookings, spend], rows=induction_rows(due))
        )
    if Role.SERVICE_MANAGER in roles and Role.ROTA_COORDINATOR not in roles:
        parts.append(
            HomeSection(
                Role.SERVICE_MANAGER,
                links=[spend, HomeLink("Locum bookings", reverse("locums:bookings"))],
            )
        )
    if staffing_section(roles) == Role.MEDICAL_STAFFING:
        parts.append(
            HomeSection(
                Role.MEDICAL_STAFFING,
                links=[
                    HomeLink("Locum bookings", reverse("locums:bookings")),
                    spend,
                    HomeLink(
                        "Bank, agencies and their rates",
                        reverse("locums:suppliers"),
                        "Suppliers of locums and their rate cards",
                    ),
                ],
            )
        )
    return parts


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def in_a_sentence(label: str) -> str:
    """ "Identity checked" within a sentence is "identity checked"; "IT access given" and
    "GMC registration checked" keep their capitals."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def induction_rows(due: list[tuple[LocumBooking, list[str]]]) -> list[SummaryRow]:
    rows: list[SummaryRow] = []
    for booking, missing in due[:ROWS_SHOWN]:
        rows.append(
            {
                "key": {"text": "Induction due"},
                "value": {
                    "text": f"{booking.locum_name} ({booking.supplier.name}), first shift "
                    f"{format_day(booking.date)}: {', '.join(map(in_a_sentence, missing))} "
                    "still to do"
                },
            }
        )
    if len(due) > ROWS_SHOWN:
        rows.append(
            {
                "key": {"text": "Induction due"},
                "value": {"text": f"and {len(due) - ROWS_SHOWN} more on the inductions page"},
            }
        )
    return rows
