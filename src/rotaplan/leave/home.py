"""The leave part of the home page: a doctor's annual leave left and a link to their
leave; for a coordinator, how much leave waits for their decision."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from rotaplan.people import access
from rotaplan.people.models import Role, User
from rotaplan.web.home import HomeLink, HomeSection, staffing_section

from .presenters import days_text
from .selectors import leave_balance, waiting_count


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
                    )
                ],
            )
        )
    return parts
