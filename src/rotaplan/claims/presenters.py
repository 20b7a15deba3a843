"""Claims as the pages show them."""

from __future__ import annotations

from dataclasses import dataclass

from rotaplan.engine.clock import format_day
from rotaplan.locums.costing import pounds

from .models import Claim, ClaimKind, ClaimStatus

STATUS_COLOUR = {
    ClaimStatus.WAITING: "blue",
    ClaimStatus.APPROVED: "green",
    ClaimStatus.REJECTED: "red",
}


@dataclass(frozen=True)
class ClaimRow:
    claim: Claim
    what: str
    when: str
    amount: str
    doctor: str
    status: str
    status_colour: str


def claim_row(claim: Claim) -> ClaimRow:
    if claim.kind == ClaimKind.EXTRA_DUTY and claim.assignment is not None:
        what = f"Extra duty: {claim.assignment.shift_type.name}"
        when = format_day(claim.assignment.date)
        amount = f"{claim.hours} hours"
    else:
        what = f"Expense: {claim.get_category_display().lower()}"
        when = format_day(claim.expense_date) if claim.expense_date else ""
        amount = pounds(claim.amount_pence or 0)
    return ClaimRow(
        claim=claim,
        what=what,
        when=when,
        amount=amount,
        doctor=str(claim.doctor),
        status=ClaimStatus(claim.status).label,
        status_colour=STATUS_COLOUR[ClaimStatus(claim.status)],
    )


def claim_rows(claims: list[Claim]) -> list[ClaimRow]:
    return [claim_row(c) for c in claims]
