"""The night enhancement: a percentage of the hourly rate for every night hour by the pay
definition, which is not the rules' definition of a night shift."""

from __future__ import annotations

from .basis import PayBasis
from .figures import TIMES, cite, fraction, money, number, percent, to_penny, why_unverified
from .hours_summary import HoursSummary
from .pay_line import PayLine


def night_enhancement(basis: PayBasis) -> PayLine:
    t = basis.table
    rule = t.night
    h = basis.hours
    per_week = h.average_weekly_night_hours
    rate = fraction(rule.rate)
    amount = rate * per_week / basis.full_week * basis.basic
    why = basis.nodal_point_unverified + why_unverified("night enhancement", t.night_about)
    return PayLine(
        key="night",
        title="Night enhancement",
        amount=to_penny(amount),
        formula=(
            f"{percent(rule.rate)} {TIMES} {money(basis.hourly)} an hour {TIMES} "
            f"{number(per_week)} night hours a week {TIMES} "
            f"{number(fraction(t.weeks_per_year), 3)} weeks"
        ),
        explanation=(
            f"{number(h.night_hours)} night hours in {number(h.weeks)} weeks. Night hours for "
            "pay: between 21:00 and 07:00; every hour until 10:00 of a shift of 8 hours or more "
            "starting 20:00-23:59; the hours from 21:00 of a shift ending after 00:00 and by "
            "04:00 (already inside the 21:00-07:00 window). "
            f"This rota has {h.long_evening_shifts} long evening-start and {h.twilight_shifts} "
            "twilight shift(s). London time, real elapsed hours across clock changes. "
            + (
                "The hourly rate is the full-time one: an LTFT doctor's night hours are "
                "enhanced as a full-time doctor's."
                if basis.ltft
                else ""
            )
        ).strip(),
        unverified=why,
        notes=_night_notes(h),
        sources=cite(t.night_about),
    )


def _night_notes(h: HoursSummary) -> tuple[str, ...]:
    notes = []
    if h.on_call_periods:
        notes.append(
            "On-call periods are not counted: the work expected during them is not in the rota."
        )
    if h.twilight_shifts:
        notes.append(
            f"{h.twilight_shifts} shift(s) end after 00:00 and by 04:00: only their hours from "
            "21:00 are counted as night, as our domain rules word the 2019 clause. The TCS/BMA "
            "wording reportedly enhances the whole of such a shift; that reading is unverified "
            "and not applied here."
        )
    return tuple(notes)
