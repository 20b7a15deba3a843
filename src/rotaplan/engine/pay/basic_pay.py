"""Basic pay: the salary of the nodal point, pro rata for a doctor less than full time."""

from __future__ import annotations

from .basis import PayBasis
from .figures import TIMES, cite, money, number, to_penny
from .pay_line import PayLine


def basic_pay(basis: PayBasis) -> PayLine:
    t = basis.table
    np_text = f"nodal point {basis.nodal_point}"
    sources = cite(t.nodal_points_about)
    why = basis.nodal_point_unverified
    if not basis.ltft:
        return PayLine(
            key="basic",
            title="Basic pay",
            amount=to_penny(basis.basic),
            formula=f"{money(basis.basic)} full-time basic salary at {np_text} ({t.pay_year})",
            explanation="Basic salary pays 40 hours a week, set by the nodal point.",
            unverified=why,
            sources=sources,
        )
    contracted = basis.full_week * basis.wte
    return PayLine(
        key="basic",
        title="Basic pay (less than full time, pro rata)",
        amount=to_penny(basis.wte * basis.basic),
        formula=(
            f"{number(basis.wte)} WTE {TIMES} {money(basis.basic)} full-time basic at {np_text} "
            f"= {number(contracted)} h / 40 h {TIMES} {money(basis.basic)}"
        ),
        explanation=(
            "An LTFT doctor's basic salary is pro rata: 1/40 of the full-time basic salary for "
            f"each contracted hour a week. WTE {number(basis.wte)} is {number(contracted)} hours "
            "a week; rostered hours above that are paid on the next line at the same rate."
        ),
        unverified=why,
        sources=(*sources, *cite(t.hours_about)),
    )
