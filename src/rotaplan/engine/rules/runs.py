"""Runs of shifts on consecutive days: all shifts, long shifts, nights, and the rest owed
after a run.

"Consecutive shifts" are shifts on consecutive calendar days, a shift belonging to the
London day it starts on, except a night shift, which belongs to the night it works: one
starting at 00:00 Tuesday is Monday night's, so it follows a night starting 23:00 Monday
as the next night, not as a night of its own two days later (docs/contract-rules.md,
"consecutive"; ``facts.run_day``). Two shifts on one day count as one day of the run.
Each violating run is one breach, however long.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from functools import partial

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


def _runs_of(
    chosen: Sequence[ShiftFacts], shifts: Sequence[ShiftFacts]
) -> Iterator[Sequence[ShiftFacts]]:
    """Runs of ``chosen`` (some of the doctor's ``shifts``) on consecutive run days, each
    in run-day order."""
    in_order = as_doctor_shifts(shifts).in_run_order
    ordered = chosen if in_order else sorted(chosen, key=_by_run_day)
    days = [s.run_day for s in ordered]
    for i, j in runs(days):
        yield ordered[i:j]


def _by_run_day(shift: ShiftFacts) -> tuple[int, int]:
    return shift.run_day, shift.t0


def _length(run: Sequence[ShiftFacts]) -> int:
    return run[-1].run_day - run[0].run_day + 1


RestOwed = Callable[[Sequence[ShiftFacts]], float]
"""The hours of rest owed after a run at its limit, given the run."""


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
    rest_owed: RestOwed | None,
) -> Iterator[Breach]:
    """A run longer than ``limit`` days is a breach; a run of exactly ``limit`` days must
    be followed by ``rest_owed(run)`` hours of rest before the next shift of any kind."""
    starts = as_doctor_shifts(shifts).starts
    for run in _runs_of(chosen, shifts):
        length = _length(run)
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
        elif rest_owed is not None and length == limit:
            rest_hours = rest_owed(run)
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
        lambda run: limits["rest-after-max-run"],
    )


def max_consecutive_long_shifts(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at most 4 long (over 10 h) shifts on consecutive days (5 before 2019), then
    48 h rest; long nights count. After a run that ends with a night, the rest owed is the
    nights rule's 46 h: Schedule 3 gives rest after night shifts a rule of its own, and
    four 12-hour nights followed by 46 h off is the pattern it was written for
    (docs/contract-rules.md, "Long nights")."""
    yield from _run_breaches(
        "max-consecutive-long-shifts",
        "long shifts",
        doctor,
        shifts,
        as_doctor_shifts(shifts).long,
        limits["max-consecutive-long-shifts"],
        partial(_rest_after_long_run, limits),
    )


def _rest_after_long_run(limits: Limits, run: Sequence[ShiftFacts]) -> float:
    last = max(run, key=lambda s: s.t1)
    return limits["rest-after-nights" if last.is_night else "rest-after-max-run"]


def max_consecutive_long_evening_shifts(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS 2016: at most 4 long late-evening shifts (over 10 h, not a night, finishing
    after 23:00) on consecutive days, then 48 h rest. The 2019 amendments limit every
    long shift to 4 in a row, so from then this limit adds nothing and is not applied."""
    limit = limits.get("max-consecutive-long-evening-shifts")
    if limit is None:
        return
    yield from _run_breaches(
        "max-consecutive-long-evening-shifts",
        "long late-evening shifts",
        doctor,
        shifts,
        as_doctor_shifts(shifts).long_evenings,
        limit,
        lambda run: limits["rest-after-max-run"],
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
    for run in _runs_of(mine.nights, mine):
        length = _length(run)
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
