"""Hours over time: the average week, 72 h in 168 h, and the WTR night-work average.

Only ``work`` shifts count as hours of work. An on-call period is availability: the 2016
TCS counts the work *expected* during on-call towards average hours (Schedule 3, rota
templates include a prospective estimate), but a plan carries no such estimate, so on-call
periods are left out here and in :class:`~rotaplan.engine.breaches.DoctorFigures`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import accumulate

from ..breaches import Breach
from ..rota import DoctorTerms, Period
from .facts import (
    DAY,
    HOUR,
    ShiftFacts,
    as_doctor_shifts,
    at,
    day_text,
    local_midnight,
    moment_text,
    number_text,
    period_bounds,
)
from .limits import Limits

WEEK = 7 * DAY


def period_work_hours(shifts: Sequence[ShiftFacts], period: Period) -> float:
    """Hours of the work shifts that belong to a day of the period."""
    mine = as_doctor_shifts(shifts)
    lo, hi = period.start.toordinal(), period.end.toordinal()
    seconds = mine.work_seconds.get((lo, hi))
    if seconds is None:
        seconds = mine.work_seconds[lo, hi] = sum(
            s.t1 - s.t0 for s in mine.work if lo <= s.day <= hi
        )
    return seconds / HOUR


def _average_breach(
    rule: str, doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limit: float
) -> Iterator[Breach]:
    average = period_work_hours(shifts, period) / period.weeks
    if average > limit + 1e-9:
        start, end = period_bounds(period)
        yield Breach(
            rule,
            doctor.id,
            at(start),
            at(end),
            round(average, 2),
            limit,
            f"{doctor.display_name} averages {average:.1f} h a week over the rota from "
            f"{day_text(period.start.toordinal())} to {day_text(period.end.toordinal())}; "
            f"the limit is {number_text(limit)} h",
        )


def avg_weekly_hours(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at most 48 h a week on average over the reference period, 56 h for a doctor
    who opted out of the WTR. An LTFT doctor is held to the same maxima, not pro-rata."""
    key = "avg-weekly-hours-opted-out" if doctor.opted_out else "avg-weekly-hours"
    yield from _average_breach("avg-weekly-hours", doctor, shifts, period, limits[key])


def wtr_avg_48h(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """WTR reg. 4: 48 h average over the reference period (here the rota cycle) unless the
    worker opted out. For a TCS doctor who has not opted out this measures the same as
    ``avg-weekly-hours`` and both are reported, each under its own id."""
    if doctor.opted_out:
        return
    yield from _average_breach("wtr-avg-48h", doctor, shifts, period, limits["wtr-avg-48h"])


def wtr_night_average(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """WTR reg. 6: a night worker's normal hours average at most 8 in 24.

    A doctor is taken to be a night worker when any night shift is rostered in the
    period (R v A-G for Northern Ireland, ex p Burns: nights one week in three is enough).
    The average follows reg. 6(5): hours over the days of the reference period less one
    day of weekly rest per seven days. The opt-out does not lift this limit."""
    lo, hi = period.start.toordinal(), period.end.toordinal()
    if not any(s.is_night and lo <= s.day <= hi for s in shifts):
        return
    days = period.days - period.days / 7
    average = period_work_hours(shifts, period) / days
    limit = limits["wtr-night-average"]
    if average > limit + 1e-9:
        start, end = period_bounds(period)
        yield Breach(
            "wtr-night-average",
            doctor.id,
            at(start),
            at(end),
            round(average, 2),
            limit,
            f"{doctor.display_name} works nights and averages {average:.1f} h in 24 h over "
            f"the rota from {day_text(period.start.toordinal())} to "
            f"{day_text(period.end.toordinal())}; the limit is {number_text(limit)} h",
        )


class WorkCurve:
    """Cumulative hours of work up to any moment, for any set of (possibly overlapping)
    intervals: ``worked(t) = sum(max(0, t - start)) - sum(max(0, t - end))``. Hours in a
    window are ``worked(b) - worked(a)``; each call is two binary searches."""

    def __init__(self, shifts: Sequence[ShiftFacts]) -> None:
        self.starts = sorted(s.t0 for s in shifts)
        self.ends = sorted(s.t1 for s in shifts)
        self.start_sums = [0, *accumulate(self.starts)]
        self.end_sums = [0, *accumulate(self.ends)]

    def worked(self, t: int) -> int:
        c = bisect_left(self.starts, t)
        d = bisect_left(self.ends, t)
        return c * t - self.start_sums[c] - d * t + self.end_sums[d]


def work_peak_168h(shifts: Sequence[ShiftFacts], over: int) -> tuple[int, list[tuple[int, int]]]:
    """:func:`scan_168h` of the work shifts among ``shifts``, worked out once per doctor
    and threshold (the rule and the doctor's figures both need it)."""
    mine = as_doctor_shifts(shifts)
    found = mine.peaks.get(over)
    if found is None:
        found = mine.peaks[over] = scan_168h(mine.work, over)
    return found


def windows_168h(shifts: Sequence[ShiftFacts]) -> list[tuple[int, int]]:
    """(window start, seconds worked) for every window of 168 h where the hours worked can
    peak: one starting at each shift start and one ending at each shift end. Between
    these points the hours in a sliding window change linearly, so the maximum over all
    windows is among them. Sorted, non-overlapping shifts (the usual case) take two
    sliding pointers; shifts that overlap take the general :class:`WorkCurve`."""
    return scan_168h(shifts, -1)[1]


def scan_168h(shifts: Sequence[ShiftFacts], over: int) -> tuple[int, list[tuple[int, int]]]:
    """The most seconds worked in any 168 h, and the candidate windows (see
    :func:`windows_168h`) holding more than ``over`` seconds, as (start, seconds)."""
    n = len(shifts)
    if as_doctor_shifts(shifts).overlapping:
        curve = WorkCurve(shifts)
        worked = curve.worked
        candidates = sorted({*curve.starts, *(e - WEEK for e in curve.ends)})
        every = [(a, worked(a + WEEK) - worked(a)) for a in candidates]
        return max((w for _, w in every), default=0), [x for x in every if x[1] > over]
    starts = [s.t0 for s in shifts]
    ends = [s.t1 for s in shifts]
    done = [0, *accumulate(e - s for s, e in zip(starts, ends, strict=True))]
    peak = 0
    out: list[tuple[int, int]] = []
    j = 0
    for i in range(n):  # windows starting as shift i starts
        b = starts[i] + WEEK
        while j < n and starts[j] < b:
            j += 1
        last = j - 1  # last shift starting inside; it may run past the window
        tail = ends[last] if ends[last] < b else b
        worked_s = done[last] - done[i] + tail - starts[last]
        if worked_s > peak:
            peak = worked_s
        if worked_s > over:
            out.append((starts[i], worked_s))
    m = 0
    for k in range(n):  # windows ending as shift k ends
        a = ends[k] - WEEK
        while ends[m] <= a:
            m += 1
        head = starts[m] if starts[m] > a else a  # the first shift may start before it
        worked_s = done[k + 1] - done[m + 1] + ends[m] - head
        if worked_s > peak:
            peak = worked_s
        if worked_s > over:
            out.append((a, worked_s))
    return peak, out


def windows_7_days(shifts: Sequence[ShiftFacts]) -> list[tuple[int, int]]:
    """(window start, seconds worked) for every run of seven London calendar days, from
    midnight to midnight, that holds any work (the 2016 wording, "any 7-day period")."""
    if not shifts:
        return []
    curve = WorkCurve(shifts)
    worked = curve.worked
    first = min(s.day for s in shifts) - 6
    last = max(s.day for s in shifts) + 1
    out = []
    for ordinal in range(first, last + 1):
        a, b = local_midnight(ordinal), local_midnight(ordinal + 7)
        out.append((a, worked(b) - worked(a)))
    return out


def window_ends(shifts: Sequence[ShiftFacts], calendar_days: bool) -> dict[int, int]:
    if not calendar_days or not shifts:
        return {}
    first = min((s.day for s in shifts), default=0) - 6
    last = max((s.day for s in shifts), default=0) + 1
    return {local_midnight(o): local_midnight(o + 7) for o in range(first, last + 1)}


def max_72h_in_168h(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at most 72 h of work in any 168 consecutive hours (2016 text: in any 7-day
    period, read as seven calendar days). Windows over the limit that overlap are merged
    into one breach naming the worst window."""
    work = as_doctor_shifts(shifts).work
    calendar_days = bool(limits["max-72h-calendar-days"])
    limit = limits["max-72h-in-168h"]
    limit_s = round(limit * HOUR)
    windows = windows_7_days(work) if calendar_days else work_peak_168h(shifts, limit_s)[1]
    ends = window_ends(work, calendar_days)
    group: list[tuple[int, int]] = []
    group_end = 0
    for a, worked in sorted(w for w in windows if w[1] > limit_s):
        if group and a >= group_end:
            yield _breach_72h(doctor, group, ends, limit, calendar_days)
            group = []
        group.append((a, worked))
        group_end = ends.get(a, a + WEEK)
    if group:
        yield _breach_72h(doctor, group, ends, limit, calendar_days)


def _breach_72h(
    doctor: DoctorTerms,
    group: list[tuple[int, int]],
    ends: dict[int, int],
    limit: float,
    calendar_days: bool,
) -> Breach:
    # the most hours; on a tie the latest start, which is where the work begins
    worst_start, worst = max(group, key=lambda w: (w[1], w[0]))
    hours = worst / HOUR
    span = (
        f"the 7 days from {moment_text(worst_start)}"
        if calendar_days
        else f"the 168 h from {moment_text(worst_start)}"
    )
    last = group[-1][0]
    return Breach(
        "max-72h-in-168h",
        doctor.id,
        at(group[0][0]),
        at(ends.get(last, last + WEEK)),
        round(hours, 2),
        limit,
        f"{doctor.display_name} works {number_text(round(hours, 1))} h in {span}; "
        f"the limit is {number_text(limit)} h",
    )
