"""On-call periods: length, spacing, how many in 7 days, and the day after."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from itertools import pairwise

from ..breaches import Breach
from ..rota import DoctorTerms, Period
from .facts import (
    HOUR,
    ShiftFacts,
    as_doctor_shifts,
    at,
    day_text,
    duration_text,
    local_midnight,
    moment_text,
    number_text,
    runs,
)
from .limits import Limits

SATURDAY, SUNDAY = 5, 6


def _weekday(ordinal: int) -> int:
    return (ordinal + 6) % 7


def max_on_call_length(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: an on-call period lasts at most 24 h (real time: 09:00 to 09:00 across the
    October clock change is 25 h and breaches)."""
    limit = limits["max-on-call-length"]
    limit_s = round(limit * HOUR)
    for s in as_doctor_shifts(shifts).on_call:
        if s.t1 - s.t0 > limit_s:
            yield Breach(
                "max-on-call-length",
                doctor.id,
                at(s.t0),
                at(s.t1),
                round(s.hours, 2),
                limit,
                f"{doctor.display_name}'s on-call period from {moment_text(s.t0)} to "
                f"{moment_text(s.t1)} lasts {duration_text(s.t1 - s.t0)}; the limit is "
                f"{number_text(limit)} h",
            )


def consecutive_on_call(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: no on-call periods on consecutive days, except Saturday then Sunday. One
    breach per run of consecutive on-call days that holds any other pair of days."""
    on_call = as_doctor_shifts(shifts).on_call  # in time order, so in day order
    periods = [s.day for s in on_call]
    days = sorted(set(periods))
    for i, j in runs(days):
        run = days[i:j]
        allowed = all(_weekday(a) == SATURDAY and _weekday(b) == SUNDAY for a, b in pairwise(run))
        if len(run) < 2 or allowed:
            continue
        inside = on_call[bisect_left(periods, run[0]) : bisect_right(periods, run[-1])]
        yield Breach(
            "consecutive-on-call",
            doctor.id,
            at(min(s.t0 for s in inside)),
            at(max(s.t1 for s in inside)),
            len(run),
            1,
            f"{doctor.display_name} is on call on {len(run)} days in a row from "
            f"{day_text(run[0])}; on-call periods may not fall on consecutive days, except "
            f"Saturday then Sunday",
        )


def max_on_call_per_7_days(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at most 3 on-call periods in any 7 consecutive days. A period counts in every
    7 days it falls in, wholly or in part: one from 17:00 Sunday to 09:00 Monday is in the
    7 days that start on Monday as well as in those that end on Sunday (docs/contract-
    rules.md, "On-call periods in 7 days"). The days are London calendar days, midnight to
    midnight. Overlapping 7-day windows over the limit are one breach naming the busiest."""
    limit = limits["max-on-call-per-7-days"]
    on_call = as_doctor_shifts(shifts).on_call
    starts = [s.t0 for s in on_call]
    ends = sorted(s.t1 for s in on_call)
    group: list[tuple[int, int]] = []  # (first day of window, periods in it)
    # The count can only rise as a window's last day reaches a period's start day.
    for first in sorted({s.day - 6 for s in on_call}):
        opens, closes = local_midnight(first), local_midnight(first + 7)
        count = bisect_left(starts, closes) - bisect_right(ends, opens)
        if count <= limit:
            continue
        if group and first > group[-1][0] + 6:
            yield _per_7_days_breach(doctor, on_call, starts, group, limit)
            group = []
        group.append((first, count))
    if group:
        yield _per_7_days_breach(doctor, on_call, starts, group, limit)


def _per_7_days_breach(
    doctor: DoctorTerms,
    on_call: Sequence[ShiftFacts],
    starts: list[int],
    group: list[tuple[int, int]],
    limit: float,
) -> Breach:
    first, count = max(group, key=lambda g: (g[1], -g[0]))
    opens, closes = local_midnight(group[0][0]), local_midnight(group[-1][0] + 7)
    inside = [s for s in on_call[: bisect_left(starts, closes)] if s.t1 > opens]
    return Breach(
        "max-on-call-per-7-days",
        doctor.id,
        at(min(s.t0 for s in inside)),
        at(max(s.t1 for s in inside)),
        count,
        limit,
        f"{doctor.display_name} is on call {count} times in the 7 days from "
        f"{day_text(first)}; the limit is {number_text(limit)}",
    )


def day_after_on_call(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: the shift on the day after an on-call period (the day after the one it starts
    on) lasts at most 10 h."""
    limit = limits["day-after-on-call"]
    limit_s = round(limit * HOUR)
    mine = as_doctor_shifts(shifts)
    on_call_days = {s.day for s in mine.on_call}
    if not on_call_days:
        return
    for s in mine.work:
        if s.day - 1 in on_call_days and s.t1 - s.t0 > limit_s:
            yield Breach(
                "day-after-on-call",
                doctor.id,
                at(s.t0),
                at(s.t1),
                round(s.hours, 2),
                limit,
                f"{doctor.display_name}'s shift on {day_text(s.day)}, the day after an "
                f"on-call period, lasts {duration_text(s.t1 - s.t0)}; the limit is "
                f"{number_text(limit)} h",
            )
