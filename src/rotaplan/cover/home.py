"""The cover area's part of the home page: for a coordinator, the open gaps of the next
fortnight, soonest (most urgent) first, and the offers still waiting for an answer; for a
doctor, the extra shifts they have been offered and not yet answered."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from rotaplan.engine.clock import format_day
from rotaplan.people import access
from rotaplan.people.models import Role, User
from rotaplan.web.home import HomeLink, HomeSection, staffing_section

from .models import GapStatus
from .presenters import shift_text
from .selectors import SOON_DAYS, gaps_soon, offers_unanswered, waiting_offers_for_doctor

MOST_LISTED = 10


def sections(user: User) -> list[HomeSection]:
    roles = access.roles_of(user)
    parts = []
    if Role.DOCTOR in roles and user.doctor_id:
        parts.append(HomeSection(Role.DOCTOR, links=doctor_offer_links(user.doctor_id)))
    role = staffing_section(roles)
    if role is not None:
        parts.append(HomeSection(role, links=coordinator_links(user)))
    return parts


def doctor_offer_links(doctor_id: int) -> list[HomeLink]:
    offers = waiting_offers_for_doctor(doctor_id)
    return [
        HomeLink(
            f"Can you cover {shift_text(o.gap)} on {format_day(o.gap.date)}?",
            reverse("cover:offer", args=[o.pk]),
            f"An extra shift offered to you in {o.gap.department.name}: please answer",
        )
        for o in offers
    ]


def register_query(today: date, days: int) -> str:
    """The register's filters for the open gaps from today for ``days`` days, as its
    form's date inputs send them."""
    last = today + timedelta(days=days - 1)
    return urlencode(
        {
            "status": GapStatus.OPEN,
            **{f"start[{part}]": getattr(today, part) for part in ("day", "month", "year")},
            **{f"end[{part}]": getattr(last, part) for part in ("day", "month", "year")},
        }
    )


def coordinator_links(user: User) -> list[HomeLink]:
    gaps = gaps_soon(user)
    today = timezone.localdate()
    links = [
        HomeLink(
            f"Open gaps in the next {SOON_DAYS} days: {len(gaps)}",
            reverse("cover:register") + "?" + register_query(today, SOON_DAYS),
            "The gap register, with who dealt with each gap",
        )
    ]
    for gap in gaps[:MOST_LISTED]:
        days = (gap.date - today).days
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        asked = f"{gap.asked} asked" if gap.asked else "nobody asked yet"  # type: ignore[attr-defined]
        links.append(
            HomeLink(
                f"{shift_text(gap)} on {format_day(gap.date)}, {gap.department.name}",
                reverse("cover:gap", args=[gap.pk]),
                f"{when.capitalize()}: {gap.get_status_display().lower()}, {asked}",
            )
        )
    waiting = offers_unanswered(user)
    if waiting:
        links.append(
            HomeLink(
                f"Offers waiting for an answer: {waiting}",
                reverse("cover:register") + "?status=offered",
                "Shifts offered to colleagues who have not yet said yes or no",
            )
        )
    return links
