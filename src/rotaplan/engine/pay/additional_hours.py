"""Pay for the rostered hours above 40 a week (above the contracted hours for a doctor less
than full time), up to the average weekly limit."""

from __future__ import annotations

from fractions import Fraction

from .basis import PayBasis
from .figures import MINUS, TIMES, cite, fraction, money, number, to_penny
from .pay_line import PayLine


def additional_hours(basis: PayBasis) -> PayLine:
    t = basis.table
    h = basis.hours
    average = h.average_weekly_hours
    threshold = basis.full_week * basis.wte
    opted_out = basis.doctor.opted_out
    cap = fraction(t.cap_weekly_hours_opted_out if opted_out else t.cap_weekly_hours)
    counted = max(Fraction(0), min(average, cap) - threshold)
    amount = counted / basis.full_week * basis.basic
    why = basis.nodal_point_unverified
    notes: list[str] = []
    if average > cap:
        notes.append(
            f"The rota averages {number(average)} h a week, above the {number(cap)} h limit"
            f"{' for a doctor who has opted out of the WTR' if opted_out else ''}: the "
            f"{number(average - cap)} h a week above it are not paid by this line. A work "
            "schedule may not roster them (TCS Schedule 3); the rota must change, and hours "
            "actually worked beyond the schedule are claimed by exception reporting (Schedule 5)."
        )
    if basis.ltft and average < threshold:
        notes.append(
            f"The rota averages {number(average)} h a week, fewer than the {number(threshold)} h "
            f"WTE {number(basis.wte)} implies. The TCS pays an LTFT doctor 1/40 of the full-time "
            "basic for each hour of the work schedule's average week: check the WTE against "
            "the work schedule."
        )
    who = f"40 {TIMES} WTE = {number(threshold)}" if basis.ltft else "40"
    if counted == 0:
        formula = f"average {number(average)} h a week is not above {number(threshold)} h → £0"
    else:
        weeks = number(fraction(t.weeks_per_year), 3)
        formula = (
            f"({number(min(average, cap))} {MINUS} {number(threshold)}) = {number(counted)} h "
            f"a week {TIMES} {money(basis.hourly)} an hour {TIMES} {weeks} weeks "
            f"(= {number(counted)} / 40 {TIMES} {money(basis.basic)})"
        )
    explanation = (
        f"Average rostered work hours over the rota ({number(h.work_hours)} h in "
        f"{number(h.weeks)} weeks = {number(average)} h a week) above {who} h, paid at the "
        f"basic hourly rate (full-time basic / {number(fraction(t.weeks_per_year), 3)} / 40), "
        f"counted up to the {number(cap)} h average limit"
        f"{' (56 h: opted out of the WTR)' if opted_out else ' (48 h; 56 h if opted out)'}."
    )
    if basis.ltft:
        explanation += (
            " With the basic line this pays every average rostered hour at 1/40 of the "
            "full-time basic, as the TCS does for an LTFT doctor."
        )
    return PayLine(
        key="additional_hours",
        title="Additional rostered hours",
        amount=to_penny(amount),
        formula=formula,
        explanation=explanation,
        unverified=why,
        notes=tuple(notes),
        sources=cite(t.hours_about),
    )
