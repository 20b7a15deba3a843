"""The night enhancement: a percentage of the hourly rate for every night hour by the pay
definition, which is not the rules' definition of a night shift."""

from __future__ import annotations

from .basis import PayBasis
from .data import PayTable
from .figures import TIMES, cite, fraction, money, number, percent, to_penny, why_unverified
from .hours_summary import HoursSummary
from .pay_line import PayLine, Unverified

WHOLE_SHIFT_FIGURE = "night rate for the whole of a shift ending after midnight and by 04:00"


def night_enhancement(basis: PayBasis) -> PayLine:
    t = basis.table
    rule = t.night
    h = basis.hours
    per_week = h.average_weekly_night_hours
    rate = fraction(rule.rate)
    amount = rate * per_week / basis.full_week * basis.basic
    why = (
        basis.nodal_point_unverified
        + why_unverified("night enhancement", t.night_about)
        + _whole_shift_unverified(t, h)
    )
    sources = cite(t.night_about)
    if t.whole_shift_about is not None and h.shifts_ending_after_midnight:
        sources += cite(t.whole_shift_about)
    return PayLine(
        key="night",
        title="Night enhancement",
        amount=to_penny(amount),
        formula=(
            f"{percent(rule.rate)} {TIMES} {money(basis.hourly)} an hour {TIMES} "
            f"{number(per_week)} night hours a week {TIMES} "
            f"{number(fraction(t.weeks_per_year), 3)} weeks"
        ),
        explanation=_explanation(basis),
        unverified=why,
        notes=_night_notes(h),
        sources=sources,
    )


def _explanation(basis: PayBasis) -> str:
    h = basis.hours
    since_2019 = basis.table.night.whole_shift is not None
    text = (
        f"{number(h.night_hours)} night hours in {number(h.weeks)} weeks. Night hours for "
        "pay: between 21:00 and 07:00; every hour until 10:00 of a shift of 8 hours or more "
        "starting 20:00-23:59"
        + (
            "; and, since 2019, the whole of a shift ending after midnight and by 04:00"
            if since_2019
            else ""
        )
        + f". This rota has {h.long_evening_shifts} shift(s) of 8 hours or more starting "
        "20:00-23:59"
        + (
            f" and {h.shifts_ending_after_midnight} ending after midnight and by 04:00"
            if since_2019
            else ""
        )
        + ". London time, real elapsed hours across clock changes."
    )
    if basis.ltft:
        text += (
            " The hourly rate is the full-time one: an LTFT doctor's night hours are "
            "enhanced as a full-time doctor's."
        )
    return text


def _whole_shift_unverified(table: PayTable, h: HoursSummary) -> tuple[Unverified, ...]:
    """The whole-shift rule is unverified; the line relies on it only when it makes hours
    night that the 21:00-07:00 window and the 10:00 rule do not."""
    if table.whole_shift_about is None or not h.hours_made_night_by_the_whole_shift_rule:
        return ()
    return why_unverified(WHOLE_SHIFT_FIGURE, table.whole_shift_about)


def _night_notes(h: HoursSummary) -> tuple[str, ...]:
    notes = []
    if h.on_call_periods:
        notes.append(
            "On-call periods are not counted: the work expected during them is not in the rota."
        )
    added = h.hours_made_night_by_the_whole_shift_rule
    if added:
        notes.append(
            f"{h.shifts_ending_after_midnight} shift(s) end after midnight and by 04:00: the "
            f"whole of each is paid at the night rate, which makes {number(added)} hours night "
            "that would otherwise be day hours (the 2019 rule, as the BMA payslip guide and "
            "NHS Employers describe it)."
        )
    return tuple(notes)
