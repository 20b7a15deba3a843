"""Hours over time: the average week, 72 h in 168 h, and the WTR night-work average.

Only ``work`` shifts count as hours of work. An on-call period is availability: the 2016
TCS counts the work *expected* during on-call towards average hours (Schedule 3, rota
templates include a prospective estimate), but a plan carries no such estimate, so on-call
periods are left out here and in :class:`~rotaplan.engine.breaches.DoctorFigures`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import sub

from ..breaches import Breach
from ..rota import DoctorTerms, Period
from .facts import (
    DAY,
    HOUR,
    ShiftFacts,
    as_doctor_shifts,
    at,
    day_text,
    moment_text,
    number_text,
)
from .limits import Limits

WEEK = 7 * DAY


def period_work_hours(shifts: Sequence[ShiftFacts], period: Period) -> float:
    """Hours of the work shifts that belong to a day of the period."""
    return sum(daily_work(shifts, period)) / HOUR


@dataclass(frozen=True, slots=True)
class Window:
    """Days ``first`` to ``first + days - 1`` (ordinals) and the seconds of work that
    belong to them."""

    first: int
    days: int
    seconds: int
    opens_with_work: bool = True

    @property
    def last(self) -> int:
        return self.first + self.days - 1


@dataclass(frozen=True, slots=True)
class ReferencePeriods:
    """Every reference period of one length that a rota holds, as the seconds of work in
    each, kept as plain numbers: most doctors break no average, and building a window of
    each of them would cost more than the check."""

    first: int  # ordinal of the first period's first day
    days: int  # each period's length in days
    seconds: list[int]  # work in the period starting ``first + i``
    daily: list[int]  # work on each day of the rota

    def over(self, most: float) -> list[Window]:
        """The periods holding more than ``most`` seconds, in order."""
        if max(self.seconds, default=0) <= most:
            return []
        return [
            Window(self.first + i, self.days, worked, self.daily[i] > 0)
            for i, worked in enumerate(self.seconds)
            if worked > most
        ]


def daily_work(shifts: Sequence[ShiftFacts], period: Period) -> list[int]:
    """Seconds of work belonging to each day of the period, worked out once per doctor."""
    mine = as_doctor_shifts(shifts)
    lo, hi = period.start.toordinal(), period.end.toordinal()
    found = mine.daily.get((lo, hi))
    if found is None:
        found = [0] * period.days
        for s in mine.work:
            if lo <= s.day <= hi:
                found[s.day - lo] += s.t1 - s.t0
        mine.daily[lo, hi] = found
    return found


def reference_periods(
    shifts: Sequence[ShiftFacts], period: Period, weeks: float
) -> ReferencePeriods:
    """Every reference period of ``weeks`` the rota holds, with the work in each: the
    rota's own period when it is no longer (WTR reg. 4(4): the time there is), otherwise
    every run of that many days, starting on any day ("any period of 26 weeks", reg.
    4(3)(b)); worked out once per doctor and length, from one running total."""
    mine = as_doctor_shifts(shifts)
    lo, hi = period.start.toordinal(), period.end.toordinal()
    length = min(round(weeks * 7), period.days)
    found = mine.windows.get((lo, hi, length))
    if found is None:
        daily = daily_work(shifts, period)
        done = mine.running.get((lo, hi))
        if done is None:
            done = mine.running[lo, hi] = list(accumulate(daily, initial=0))
        found = ReferencePeriods(lo, length, list(map(sub, done[length:], done[:-length])), daily)
        mine.windows[lo, hi, length] = found
    return found


def _groups(over: list[Window]) -> Iterator[list[Window]]:
    """Windows over a limit, those that share a day taken together: one breach each."""
    group: list[Window] = []
    for window in over:
        if group and window.first > group[-1].last:
            yield group
            group = []
        group.append(window)
    if group:
        yield group


def _worst_of_each_run(
    shifts: Sequence[ShiftFacts], periods: ReferencePeriods, most: float
) -> Iterator[tuple[Window, int, int]]:
    """For each run of reference periods holding more than ``most`` seconds of work (those
    that share a day taken together, one breach each): the worst of them (on a tie the
    first that opens on a day of work, not on the empty days before it), and the first
    and last moments of the work in the run, which the breach spans and no more."""
    work = as_doctor_shifts(shifts).work
    for group in _groups(periods.over(most)):
        worst = max(group, key=lambda w: (w.seconds, w.opens_with_work, -w.first))
        first, last = group[0].first, group[-1].last
        inside = [s for s in work if first <= s.day <= last]
        yield worst, min(s.t0 for s in inside), max(s.t1 for s in inside)


def _window_text(window: Window, period: Period) -> str:
    if window.days == period.days:
        return (
            f"over the rota from {day_text(period.start.toordinal())} to "
            f"{day_text(period.end.toordinal())}"
        )
    return f"over the {number_text(window.days / 7)} weeks from {day_text(window.first)}"


def _average_breaches(
    rule: str,
    doctor: DoctorTerms,
    shifts: Sequence[ShiftFacts],
    period: Period,
    limit: float,
    weeks: float,
) -> Iterator[Breach]:
    """One breach per run of overlapping reference periods whose average week is over
    ``limit`` hours, naming the worst of them."""
    periods = reference_periods(shifts, period, weeks)
    most = (limit + 1e-9) * HOUR * periods.days / 7
    for worst, start, end in _worst_of_each_run(shifts, periods, most):
        average = worst.seconds / HOUR / (worst.days / 7)
        yield Breach(
            rule,
            doctor.id,
            at(start),
            at(end),
            round(average, 2),
            limit,
            f"{doctor.display_name} averages {average:.1f} h a week "
            f"{_window_text(worst, period)}; the limit is {number_text(limit)} h",
        )


def avg_weekly_hours(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at most 48 h a week on average over the reference period, 56 h for a doctor
    who opted out of the WTR. An LTFT doctor is held to the same maxima, not pro-rata.
    The reference period is any 26 weeks of the rota (the whole rota when shorter)."""
    key = "avg-weekly-hours-opted-out" if doctor.opted_out else "avg-weekly-hours"
    yield from _average_breaches(
        "avg-weekly-hours",
        doctor,
        shifts,
        period,
        limits[key],
        limits["reference-period-weeks"],
    )


def wtr_avg_48h(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """WTR reg. 4: 48 h average over any 26 weeks (reg. 4(5), hospital work; the whole
    rota when shorter) unless the worker opted out. For a TCS doctor who has not opted out
    this measures the same as ``avg-weekly-hours`` and both are reported, each under its
    own id."""
    if doctor.opted_out:
        return
    yield from _average_breaches(
        "wtr-avg-48h",
        doctor,
        shifts,
        period,
        limits["wtr-avg-48h"],
        limits["reference-period-weeks"],
    )


def _night_work_days(days: int) -> float:
    """WTR reg. 6(5): the days of a reference period less the weekly rest days it holds
    (one in seven), over which a night worker's hours are averaged."""
    return days - days / 7


def wtr_night_average(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """WTR reg. 6: a night worker's normal hours average at most 8 in 24, over any 17
    weeks (reg. 6(3); the whole rota when shorter).

    A doctor is taken to be a night worker when any night shift is rostered in the
    period (R v A-G for Northern Ireland, ex p Burns: nights one week in three is enough).
    The opt-out does not lift this limit. For doctors in training the hospital derogation
    applies instead (``derogation``)."""
    lo, hi = period.start.toordinal(), period.end.toordinal()
    if not any(lo <= s.day <= hi for s in as_doctor_shifts(shifts).nights):
        return
    limit = limits["wtr-night-average"]
    periods = reference_periods(shifts, period, limits["night-reference-period-weeks"])
    most = (limit + 1e-9) * HOUR * _night_work_days(periods.days)
    for worst, start, end in _worst_of_each_run(shifts, periods, most):
        average = worst.seconds / HOUR / _night_work_days(worst.days)
        yield Breach(
            "wtr-night-average",
            doctor.id,
            at(start),
            at(end),
            round(average, 2),
            limit,
            f"{doctor.display_name} works nights and averages {average:.1f} h in 24 h "
            f"{_window_text(worst, period)}; the limit is {number_text(limit)} h",
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


def max_72h_in_168h(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at most 72 h of work in any 168 consecutive hours (the 2016 text's "any 7-day
    period" read the same way, as rota guidance reads it). Windows over the limit that
    overlap are merged into one breach naming the worst window, spanning the work in
    them."""
    work = as_doctor_shifts(as_doctor_shifts(shifts).work)
    limit = limits["max-72h-in-168h"]
    limit_s = round(limit * HOUR)
    group: list[tuple[int, int]] = []
    group_end = 0
    for a, worked in sorted(w for w in work_peak_168h(shifts, limit_s)[1] if w[1] > limit_s):
        if group and a >= group_end:
            yield _breach_72h(doctor, work, group, limit)
            group = []
        group.append((a, worked))
        group_end = a + WEEK
    if group:
        yield _breach_72h(doctor, work, group, limit)


def _breach_72h(
    doctor: DoctorTerms, work: Sequence[ShiftFacts], group: list[tuple[int, int]], limit: float
) -> Breach:
    # the most hours; on a tie the first, named from where its work begins
    worst_start, worst = max(group, key=lambda w: (w[1], -w[0]))
    hours = worst / HOUR
    start, end = _work_in(work, group[0][0], group[-1][0] + WEEK)
    worst_from = _work_in(work, worst_start, worst_start + WEEK)[0]
    return Breach(
        "max-72h-in-168h",
        doctor.id,
        at(start),
        at(end),
        round(hours, 2),
        limit,
        f"{doctor.display_name} works {number_text(round(hours, 1))} h in the 168 h from "
        f"{moment_text(worst_from)}; the limit is {number_text(limit)} h",
    )


def _work_in(work: Sequence[ShiftFacts], a: int, b: int) -> tuple[int, int]:
    """The first and last moments of work inside ``[a, b)``: a merged breach never spans
    beyond the shifts that cause it."""
    i = bisect_left(as_doctor_shifts(work).starts, a)
    while i > 0 and work[i - 1].t1 > a:
        i -= 1
    inside = []
    for s in work[i:]:
        if s.t0 >= b:
            break
        if s.t1 > a:
            inside.append(s)
    return max(a, min(s.t0 for s in inside)), min(b, max(s.t1 for s in inside))
