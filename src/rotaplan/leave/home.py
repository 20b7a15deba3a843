"""The leave part of the home page: a doctor's annual leave left and a link to their
leave; for a coordinator, how much leave waits for their decision and whose return to
work from sickness or absence is still to be recorded."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from rotaplan.engine.clock import format_day
from rotaplan.people import access
from rotaplan.people.models import Role, User
from rotaplan.web.home import HomeLink, HomeSection, staffing_section

from .presenters import days_text
from .selectors import leave_balance, returns_to_record, waiting_count

# Returns to record listed on the home page; the rest are on the leave pages.
RETURNS_LISTED = 3


def sections(user: User) -> list[HomeSection]:
    roles = access.roles_of(user)
    parts = []
    if Role.DOCTOR in roles and user.doctor is not None:
        balance = leave_balance(user.doctor, timezone.localdate())
        parts.append(
            HomeSection(
                Role.DOCTOR,
                links=[
                    HomeLink(
                        "Your leave",
                        reverse("leave:your-leave"),
                        f"{days_text(balance.remaining)} of annual leave left to book",
                    )
                ],
            )
        )
    role = staffing_section(roles)
    if role is not None:
        waiting = waiting_count(user)
        parts.append(
            HomeSection(
                role,
                links=[
                    HomeLink(
                        f"Leave waiting for a decision: {waiting}",
                        reverse("leave:requests") + "?status=requested",
                        "Requests with their impact on the rota; record sickness and absence",
                    ),
                    *return_links(user),
                ],
            )
        )
    return parts


def return_links(user: User) -> list[HomeLink]:
    """One a doctor away with no return to work recorded (the first few): "Dr Ada Patel:
    record the return to work", expected back on a day that may have passed."""
    today = timezone.localdate()
    away = returns_to_record(user, today)
    return [
        HomeLink(
            f"{record.doctor}: record the return to work",
            reverse("leave:detail", args=[record.pk]),
            f"{record.get_leave_type_display()} from {format_day(record.start)}, expected back "
            f"{format_day(record.expected_return)}"
            if record.expected_return
            else "",
        )
        for record in away[:RETURNS_LISTED]
    ]
