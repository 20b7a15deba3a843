"""The LTFT allowance: a flat sum a year for every doctor training less than full time."""

from __future__ import annotations

from decimal import Decimal

from .basis import PayBasis
from .figures import cite, fraction, money_exact, number, to_penny, why_unverified
from .pay_line import PayLine


def ltft_allowance(basis: PayBasis) -> PayLine:
    t = basis.table
    why = why_unverified("LTFT allowance", t.ltft_about)
    sources = cite(t.ltft_about)
    if not basis.ltft:
        return PayLine(
            key="ltft",
            title="LTFT allowance",
            amount=Decimal("0.00"),
            formula="full time (WTE 1.0) → £0",
            explanation="Paid only to doctors training less than full time.",
            unverified=why,
            sources=sources,
        )
    return PayLine(
        key="ltft",
        title="LTFT allowance",
        amount=to_penny(fraction(t.ltft_allowance)),
        formula=f"{money_exact(t.ltft_allowance)} a year (flat, not pro rata)",
        explanation=(
            f"Paid to every doctor training less than full time (WTE {number(basis.wte)}) under "
            "the 2016 TCS pay system, whatever the WTE, for as long as they train LTFT. Not "
            "paid to a doctor on section 2 transitional pay protection: the rota does not say "
            "who is, so check."
        ),
        unverified=why,
        sources=sources,
    )
