"""On-call periods: length, spacing, how many in 7 days, and the day after."""

from __future__ import annotations

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
    on_call = as_doctor_shifts(shifts).on_call
    days = sorted({s.day for s in on_call})
    for i, j in runs(days):
        run = days[i:j]
        allowed = all(_weekday(a) == SATURDAY and _weekday(b) == SUNDAY for a, b in pairwise(run))
        if len(run) < 2 or allowed:
            continue
        ends = [s.t1 for s in on_call if run[0] <= s.day <= run[-1]]
        starts = [s.t0 for s in on_call if run[0] <= s.day <= run[-1]]
        yield Breach(
            "consecutive-on-call",
            doctor.id,
            at(min(starts)),
            at(max(ends)),
            len(run),
            1,
            f"{doctor.display_name} is on call on {len(run)} days in a row from "
            f"{day_text(run[0])}; on-call periods may not fall on consecutive days, except "
            f"Saturday then Sunday",
        )


def max_on_call_per_7_days(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at most 3 on-call periods in any 7 consecutive days (by the day each starts).
    Overlapping 7-day windows over the limit are one breach naming the busiest."""
    limit = limits["max-on-call-per-7-days"]
    days = [s.day for s in as_doctor_shifts(shifts).on_call]
    group: list[tuple[int, int]] = []  # (first day of window, periods in it)
    j = 0
    for i, first in enumerate(days):
        if i and first == days[i - 1]:
            continue
        j = max(j, i)
        while j < len(days) and days[j] < first + 7:
            j += 1
        count = j - i
        if count <= limit:
            continue
        if group and first > group[-1][0] + 6:
            yield _per_7_days_breach(doctor, shifts, group, limit)
            group = []
        group.append((first, count))
    if group:
        yield _per_7_days_breach(doctor, shifts, group, limit)


def _per_7_days_breach(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], group: list[tuple[int, int]], limit: float
) -> Breach:
    first, count = max(group, key=lambda g: (g[1], -g[0]))
    lo, hi = group[0][0], group[-1][0] + 6
    inside = [s for s in shifts if not s.is_work and lo <= s.day <= hi]
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
