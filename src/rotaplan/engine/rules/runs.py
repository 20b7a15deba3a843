"""Runs of shifts on consecutive days: all shifts, long shifts, nights, and the rest owed
after a run.

"Consecutive shifts" are shifts on consecutive calendar days, a shift belonging to the
London day it starts on (docs/contract-rules.md, definitions). Two shifts on one day count as one
day of the run. Each violating run is one breach, however long.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence

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


def _runs_of(chosen: Sequence[ShiftFacts]) -> Iterator[Sequence[ShiftFacts]]:
    days = [s.day for s in chosen]
    for i, j in runs(days):
        yield chosen[i:j]


def _next_after(shifts: Sequence[ShiftFacts], starts: list[int], moment: int) -> ShiftFacts | None:
    """The first shift (of any kind) starting at or after ``moment``; ``starts`` are the
    shifts' start seconds, in order."""
    i = bisect_left(starts, moment)
    return shifts[i] if i < len(shifts) else None


def _run_breaches(
    rule: str,
    what: str,
    doctor: DoctorTerms,
    shifts: Sequence[ShiftFacts],
    chosen: Sequence[ShiftFacts],
    limit: float,
    rest_hours: float | None,
) -> Iterator[Breach]:
    """A run longer than ``limit`` days is a breach; a run of exactly ``limit`` days must
    be followed by ``rest_hours`` of rest before the next shift of any kind."""
    starts = as_doctor_shifts(shifts).starts
    for run in _runs_of(chosen):
        length = run[-1].day - run[0].day + 1
        if length < limit:
            continue
        end = max(s.t1 for s in run)
        if length > limit:
            yield Breach(
                rule,
                doctor.id,
                at(run[0].t0),
                at(end),
                length,
                limit,
                f"{doctor.display_name} works {length} {what} in a row from "
                f"{day_text(run[0].day)}; the limit is {number_text(limit)}",
            )
        elif rest_hours is not None and length == limit:
            following = _next_after(shifts, starts, end)
            if following is not None and following.t0 - end < round(rest_hours * HOUR):
                rest = following.t0 - end
                yield Breach(
                    rule,
                    doctor.id,
                    at(run[0].t0),
                    at(following.t0),
                    round(rest / HOUR, 2),
                    rest_hours,
                    f"{doctor.display_name} has {duration_text(rest)} rest after "
                    f"{length} {what} in a row from {day_text(run[0].day)}, before the "
                    f"shift starting {moment_text(following.t0)}; after {length} the "
                    f"minimum is {number_text(rest_hours)} h",
                )


def max_consecutive_shifts(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at most 7 shifts (8 before the 2019 amendments) on consecutive days, then 48 h
    rest. On-call periods are shifts for this count. The exception allowing up to 12 when
    the weekend on-call is low intensity (at most 3 h and 3 episodes of work a day) needs
    recorded work, which a plan lacks, so it is not applied: such runs are reported and a
    coordinator can accept them knowingly."""
    yield from _run_breaches(
        "max-consecutive-shifts",
        "shifts",
        doctor,
        shifts,
        shifts,
        limits["max-consecutive-shifts"],
        limits["rest-after-max-run"],
    )


def max_consecutive_long_shifts(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at most 4 long (over 10 h) shifts on consecutive days (5 before 2019), then
    48 h rest."""
    yield from _run_breaches(
        "max-consecutive-long-shifts",
        "long shifts",
        doctor,
        shifts,
        as_doctor_shifts(shifts).long,
        limits["max-consecutive-long-shifts"],
        limits["rest-after-max-run"],
    )


def max_consecutive_nights(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at most 4 night shifts on consecutive days. The rest owed after nights is its
    own rule, ``rest-after-nights``."""
    yield from _run_breaches(
        "max-consecutive-nights",
        "nights",
        doctor,
        shifts,
        as_doctor_shifts(shifts).nights,
        limits["max-consecutive-nights"],
        None,
    )


def rest_after_nights(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS (2019): 46 h rest after any run of nights, even one night; the 2016 text asked
    for it only after 3 or more. Rest runs from the end of the last night to the start of
    the next shift of any kind. A run whose next shift is not on the rota is not judged."""
    rest_hours = limits["rest-after-nights"]
    rest_s = round(rest_hours * HOUR)
    min_run = limits["rest-after-nights-min-run"]
    mine = as_doctor_shifts(shifts)
    starts = mine.starts
    for run in _runs_of(mine.nights):
        length = run[-1].day - run[0].day + 1
        if length < min_run:
            continue
        end = max(s.t1 for s in run)
        following = _next_after(shifts, starts, end)
        if following is None or following.t0 - end >= rest_s:
            continue
        rest = following.t0 - end
        nights = "a single night" if length == 1 else f"{length} nights in a row"
        yield Breach(
            "rest-after-nights",
            doctor.id,
            at(run[0].t0),
            at(following.t0),
            round(rest / HOUR, 2),
            rest_hours,
            f"{doctor.display_name} has {duration_text(rest)} rest after {nights} from "
            f"{day_text(run[0].day)}, before the shift starting {moment_text(following.t0)}; "
            f"the minimum is {number_text(rest_hours)} h",
        )
