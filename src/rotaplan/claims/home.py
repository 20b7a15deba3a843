"""The claims' part of the home page: a doctor's own claims; for coordinators and medical
staffing, the claims waiting for their approval."""

from __future__ import annotations

from collections import Counter

from django.urls import reverse

from rotaplan.people import access
from rotaplan.people.models import Role, User
from rotaplan.web.home import HomeLink, HomeSection, SummaryRow, staffing_section

from . import selectors
from .models import Claim, ClaimStatus
from .presenters import claim_rows

ROWS_SHOWN = 5


def sections(user: User) -> list[HomeSection]:
    roles = access.roles_of(user)
    parts = []
    if Role.DOCTOR in roles and user.doctor is not None:
        claims = selectors.own_claims(user.doctor)
        counts = Counter(ClaimStatus(c.status).label.lower() for c in claims)
        summary = ", ".join(f"{n} {label}" for label, n in counts.items()) or "None yet"
        parts.append(
            HomeSection(
                Role.DOCTOR,
                links=[
                    HomeLink(
                        "Your claims", reverse("claims:mine"), f"Extra duty and expenses: {summary}"
                    )
                ],
            )
        )
    if selectors.decides_claims(user):
        waiting = selectors.claims_to_decide(user)
        link = HomeLink(
            "Claims to approve",
            reverse("claims:to-decide"),
            f"{len(waiting)} waiting for a decision",
        )
        role = staffing_section(roles)
        if role is not None:
            parts.append(HomeSection(role, links=[link], rows=waiting_rows(waiting)))
    return parts


def waiting_rows(waiting: list[Claim]) -> list[SummaryRow]:
    rows: list[SummaryRow] = [
        {
            "key": {"text": "Claim to approve"},
            "value": {"text": f"{row.doctor}: {row.what.lower()}, {row.when}, {row.amount}"},
        }
        for row in claim_rows(waiting[:ROWS_SHOWN])
    ]
    if len(waiting) > ROWS_SHOWN:
        rows.append(
            {
                "key": {"text": "Claim to approve"},
                "value": {"text": f"and {len(waiting) - ROWS_SHOWN} more on the claims page"},
            }
        )
    return rows
