"""The on-call availability allowance: 8 % of basic salary for any non-resident on-call;
for a doctor less than full time, pro rata to their share of the full-time on-call rota."""

from __future__ import annotations

from decimal import Decimal

from .basis import PayBasis
from .figures import TIMES, cite, fraction, money, number, percent, to_penny, why_unverified
from .pay_line import PayLine, Unverified


def on_call_allowance(basis: PayBasis) -> PayLine:
    t = basis.table
    h = basis.hours
    why = basis.nodal_point_unverified + why_unverified(
        "on-call availability allowance", t.on_call_about
    )
    sources = cite(t.on_call_about)
    title = "On-call availability allowance"
    rate = fraction(t.on_call_rate)
    if h.on_call_periods == 0:
        return PayLine(
            key="on_call",
            title=title,
            amount=Decimal("0.00"),
            formula="no on-call period in the rota → £0",
            explanation="Paid only when the doctor is rostered for non-resident on-call.",
            unverified=why,
            sources=sources,
        )
    if not basis.ltft:
        return PayLine(
            key="on_call",
            title=title,
            amount=to_penny(rate * basis.basic),
            formula=f"{percent(t.on_call_rate)} {TIMES} {money(basis.basic)}",
            explanation=(
                f"{h.on_call_periods} on-call period(s) in the rota: 8 % of basic salary "
                "whatever the frequency."
            ),
            unverified=why,
            sources=sources,
        )
    mean, who = basis.full_time_share("on_call")
    if mean is None:
        share = basis.wte
        compared_with = f"no full-time comparator ({who}); assumed a pro-rata share (WTE)"
        why = (
            *why,
            Unverified("on-call share", "assumed pro rata to WTE: no full-time comparator"),
        )
    else:
        share = h.on_call_hours / mean
        compared_with = f"{number(h.on_call_hours)} on-call hours against {number(mean)} for {who}"
    return PayLine(
        key="on_call",
        title=title + " (less than full time, pro rata to the on-call commitment)",
        amount=to_penny(share * rate * basis.basic),
        formula=(
            f"{number(share)} of the full-time allowance ({percent(t.on_call_rate)} {TIMES} "
            f"{money(basis.basic)})"
        ),
        explanation=(
            f"{h.on_call_periods} on-call period(s); {compared_with}. The cash value of the "
            "full-time 8 % allowance is paid pro rata to the doctor's share of the full-time "
            "on-call rota."
        ),
        unverified=why,
        sources=sources,
    )
