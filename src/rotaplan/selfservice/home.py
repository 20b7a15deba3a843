"""Self-service's part of the home page: a doctor's way to their rota, the swaps waiting
for their answer and their calendar feed; a coordinator's swaps waiting for approval; and
either's notifications."""

from __future__ import annotations

from django.urls import reverse

from rotaplan.notifications.selectors import unread_count
from rotaplan.people import access
from rotaplan.people.models import Role, User
from rotaplan.web.home import HomeLink, HomeSection

from .selectors import own_doctor, swaps_to_answer, swaps_to_approve


def sections(user: User) -> list[HomeSection]:
    if not user.is_authenticated:
        return []
    roles = access.roles_of(user)
    parts: list[HomeSection] = []
    doctor = own_doctor(user) if Role.DOCTOR in roles else None
    unread = unread_count(user)
    inbox = HomeLink(
        "Your notifications",
        reverse("selfservice:notifications"),
        f"{unread} new" if unread else "Nothing new",
    )
    if doctor is not None:
        waiting = len(swaps_to_answer(doctor))
        parts.append(
            HomeSection(
                Role.DOCTOR,
                links=[
                    HomeLink(
                        "Your rota",
                        reverse("selfservice:my-rota"),
                        "Your shifts by week, to swap a shift or see your leave",
                    ),
                    HomeLink(
                        "Shift swaps",
                        reverse("selfservice:swaps"),
                        f"{waiting} waiting for your answer"
                        if waiting
                        else "None waiting for your answer",
                    ),
                    HomeLink(
                        "Calendar feed",
                        reverse("selfservice:calendar"),
                        "Your shifts in Outlook, Google or Apple Calendar",
                    ),
                    inbox,
                ],
            )
        )
    if Role.ROTA_COORDINATOR in roles:
        count = len(swaps_to_approve(user))
        parts.append(
            HomeSection(
                Role.ROTA_COORDINATOR,
                links=[
                    HomeLink(
                        "Shift swaps waiting for approval",
                        reverse("selfservice:swap-approvals"),
                        f"{count} waiting" if count else "None waiting",
                    ),
                    inbox,
                ],
            )
        )
    return parts
