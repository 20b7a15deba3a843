"""The weekend allowance: a percentage of basic salary by how often weekends are worked;
for a doctor less than full time, pro rata to their share of the full-time commitment."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .basis import PayBasis, one_in
from .figures import TIMES, cite, fraction, money, number, percent, to_penny, why_unverified
from .pay_line import PayLine, Unverified


def weekend_allowance(basis: PayBasis) -> PayLine:
    t = basis.table
    h = basis.hours
    why = basis.nodal_point_unverified + why_unverified(
        "weekend allowance percentages", t.weekend_about
    )
    sources = cite(t.weekend_about)
    title = "Weekend allowance"
    own = h.weekend_one_in
    worked = f"{h.weekends_worked} of {h.weekends_in_period} weekends worked ({one_in(own)})"
    if own is None:
        return PayLine(
            key="weekend",
            title=title,
            amount=Decimal("0.00"),
            formula=f"{worked} → 0 %",
            explanation="No weekend worked (00:01 Saturday to 23:59 Sunday) in the rota period.",
            unverified=why,
            sources=sources,
        )
    if not basis.ltft:
        band = t.weekend_band(own)
        return PayLine(
            key="weekend",
            title=title,
            amount=to_penny(fraction(band.rate) * basis.basic),
            formula=(
                f"{worked}: band '{band.label}' → {percent(band.rate)} {TIMES} {money(basis.basic)}"
            ),
            explanation=(
                "A percentage of basic salary set by how often weekends are worked over the "
                "rota (any work or on-call from 00:01 Saturday to 23:59 Sunday)."
            ),
            unverified=why,
            sources=sources,
        )
    # Less than full time: the cash value of the full-time allowance, pro rata to the
    # doctor's share of the full-time weekend commitment (not to the WTE, and not the
    # band of the LTFT doctor's own frequency applied to a pro-rata salary).
    mean, who = basis.full_time_share("weekends")
    notes: list[str] = []
    if mean is None:
        full_time_weekends = Fraction(h.weekends_worked) / basis.wte
        share = basis.wte
        compared_with = (
            f"no full-time comparator ({who}); assumed the doctor works a pro-rata share, so "
            f"the full-time rota is {number(full_time_weekends)} weekends"
        )
        why = (
            *why,
            Unverified("weekend share", "assumed pro rata to WTE: no full-time comparator"),
        )
    else:
        full_time_weekends = mean
        share = Fraction(h.weekends_worked) / mean
        compared_with = f"full-time commitment from {who}: {number(mean)} weekends"
    full_time_one_in = Fraction(h.weekends_in_period) / full_time_weekends
    band = t.weekend_band(full_time_one_in)
    if share > 1:
        notes.append(
            "The doctor works more weekends than the full-time comparator: check the rota."
        )
    amount = share * fraction(band.rate) * basis.basic
    return PayLine(
        key="weekend",
        title=title + " (less than full time, pro rata to the weekend commitment)",
        amount=to_penny(amount),
        formula=(
            f"{h.weekends_worked} / {number(full_time_weekends)} weekends = {number(share)} of "
            f"the full-time allowance ({percent(band.rate)} {TIMES} {money(basis.basic)} at "
            f"{one_in(full_time_one_in)}, band '{band.label}')"
        ),
        explanation=(
            f"{worked}; {compared_with}. The TCS pays an LTFT doctor the cash value of the "
            "full-time weekend allowance pro rata to the doctor's share of the full-time weekend "
            "commitment, not to the WTE."
        ),
        unverified=why,
        notes=tuple(notes),
        sources=sources,
    )
