"""The shared definitions every rule uses, computed once per shift.

docs/contract-rules.md, "Words every rule uses": a long shift is over 10 h; a night shift has
at least 3 h of work between 23:00 and 06:00 London time; a shift belongs to the London
day it starts on, except that in a run of consecutive shifts a night belongs to the night
it works (one starting at 00:00 Tuesday is Monday's night); a weekend is worked when any
shift or on-call period touches 00:01 Saturday to 23:59 Sunday (``engine.weekends``).
Durations are real elapsed time, so every moment is turned into UTC epoch seconds once,
here, and rules only subtract integers.

Shifts at the same times are common (every doctor on a rota shares the same few shift
patterns), so the facts of a (start, end, kind) are cached and shared between doctors.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache, cached_property, lru_cache
from operator import le
from typing import TYPE_CHECKING

from ..clock import LONDON, format_day, local_datetime, to_london
from ..rota import Period, Shift, ShiftKind
from ..weekends import weekends_touched
from .limits import Limits

if TYPE_CHECKING:
    from .hours import ReferencePeriods

HOUR = 3600
DAY = 86400


@dataclass(frozen=True, slots=True)
class ShiftFacts:
    """One shift as the rules see it. ``t0``/``t1`` are UTC epoch seconds; ``day`` is the
    ordinal of the London day it starts on (``date.toordinal``); ``run_day`` the day it
    counts as in a run of consecutive shifts (``run_day_of``)."""

    start: datetime
    end: datetime
    kind: ShiftKind
    t0: int
    t1: int
    day: int
    is_work: bool
    is_night: bool
    is_long: bool
    is_long_evening: bool  # long, not a night, finishing after 23:00 (the 2016 limit)
    run_day: int
    weekends: tuple[int, ...]  # ordinals of the Saturdays of the weekends it touches

    @property
    def seconds(self) -> int:
        return self.t1 - self.t0

    @property
    def hours(self) -> float:
        return (self.t1 - self.t0) / HOUR


def epoch(moment: datetime) -> int:
    """Whole UTC seconds: rota times are whole minutes, and integers compare exactly."""
    return int(moment.timestamp())


@cache
def local_midnight(ordinal: int) -> int:
    """Epoch seconds of 00:00 London time on the day ``ordinal``."""
    return epoch(local_datetime(date.fromordinal(ordinal), time(0, 0)))


@cache
def night_window(ordinal: int) -> tuple[int, int]:
    """23:00 on the day ``ordinal`` to 06:00 the next day, London time, as epoch seconds
    (seven real hours, or six or eight across a clock change)."""
    day = date.fromordinal(ordinal)
    start = local_datetime(day, time(23, 0))
    end = local_datetime(day + timedelta(days=1), time(6, 0))
    return epoch(start), epoch(end)


def night_seconds(t0: int, t1: int, first_day: int, last_day: int) -> int:
    """Seconds of ``[t0, t1)`` between 23:00 and 06:00 on any night from the evening
    before ``first_day`` to the evening of ``last_day``."""
    total = 0
    for ordinal in range(first_day - 1, last_day + 1):
        n0, n1 = night_window(ordinal)
        overlap = min(t1, n1) - max(t0, n0)
        if overlap > 0:
            total += overlap
    return total


def night_of(t0: int, t1: int, first_day: int) -> int:
    """The night a shift works most in, named by its evening's day: the ordinal ``d``
    whose 23:00 to 06:00 the shift overlaps most (a shift over 13 h could touch two)."""
    best, most = first_day, -1
    for ordinal in (first_day - 1, first_day):
        n0, n1 = night_window(ordinal)
        overlap = min(t1, n1) - max(t0, n0)
        if overlap > most:
            best, most = ordinal, overlap
    return best


@cache
def evening_cutoff(ordinal: int, hour: int) -> int:
    """``hour``:00 London time on the day ``ordinal``, as epoch seconds."""
    return epoch(local_datetime(date.fromordinal(ordinal), time(hour, 0)))


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The limits that decide a shift's facts, in seconds (and the hour of day after
    which a long shift is a late-evening one)."""

    long_s: int
    night_s: int
    evening_hour: int

    @classmethod
    def of(cls, limits: Limits) -> Thresholds:
        return cls(
            round(limits["long-shift"] * HOUR),
            round(limits["night-shift-min-hours"] * HOUR),
            int(limits["long-evening-ends-after"]),
        )


def _facts(start: datetime, end: datetime, kind: ShiftKind, limits: Thresholds) -> ShiftFacts:
    t0, t1 = epoch(start), epoch(end)
    first_day = to_london(start).date().toordinal()
    last_day = to_london(end).date().toordinal()
    is_work = kind is ShiftKind.WORK
    is_night = is_work and night_seconds(t0, t1, first_day, last_day) >= limits.night_s
    is_long = is_work and t1 - t0 > limits.long_s
    return ShiftFacts(
        start=start,
        end=end,
        kind=kind,
        t0=t0,
        t1=t1,
        day=first_day,
        is_work=is_work,
        is_night=is_night,
        is_long=is_long,
        is_long_evening=(
            is_long and not is_night and t1 > evening_cutoff(first_day, limits.evening_hour)
        ),
        run_day=night_of(t0, t1, first_day) if is_night else first_day,
        weekends=weekends_touched(t0, t1, first_day, last_day),
    )


class DoctorShifts(list[ShiftFacts]):
    """One doctor's shifts as facts, in time order, with the subsets several rules need
    worked out once."""

    @cached_property
    def work(self) -> list[ShiftFacts]:
        return [s for s in self if s.is_work]

    @cached_property
    def on_call(self) -> list[ShiftFacts]:
        return [s for s in self if not s.is_work]

    @cached_property
    def nights(self) -> list[ShiftFacts]:
        return [s for s in self if s.is_night]

    @cached_property
    def long(self) -> list[ShiftFacts]:
        return [s for s in self if s.is_long]

    @cached_property
    def long_evenings(self) -> list[ShiftFacts]:
        return [s for s in self if s.is_long_evening]

    @cached_property
    def starts(self) -> list[int]:
        return [s.t0 for s in self]

    @cached_property
    def peaks(self) -> dict[int, tuple[int, list[tuple[int, int]]]]:
        """168 h sliding-window results by threshold, kept by ``hours``."""
        return {}

    @cached_property
    def windows(self) -> dict[tuple[int, int, int], ReferencePeriods]:
        """Reference periods by (first day, last day, days long), kept by ``hours``."""
        return {}

    @cached_property
    def daily(self) -> dict[tuple[int, int], list[int]]:
        """Seconds of work by day of a period (first day, last day), kept by ``hours``."""
        return {}

    @cached_property
    def running(self) -> dict[tuple[int, int], list[int]]:
        """Running totals of ``daily``, by the same key, kept by ``hours``."""
        return {}

    @cached_property
    def in_run_order(self) -> bool:
        """Whether the shifts, in time order, are in the order of their run days too (as
        they are unless a night from midnight follows a shift starting that same day)."""
        days = [s.run_day for s in self]
        return all(map(le, days, days[1:]))

    @cached_property
    def overlapping(self) -> bool:
        """Whether any shift starts before an earlier one has ended."""
        reach = None
        for s in self:
            if reach is not None and s.t0 < reach:
                return True
            if reach is None or s.t1 > reach:
                reach = s.t1
        return False


def as_doctor_shifts(shifts: Sequence[ShiftFacts]) -> DoctorShifts:
    return shifts if isinstance(shifts, DoctorShifts) else DoctorShifts(shifts)


#: facts by (start, end, kind), per set of thresholds
_KNOWN: dict[Thresholds, dict[tuple[datetime, datetime, ShiftKind], ShiftFacts]] = {}


def facts_of(shifts: Sequence[Shift], limits: Limits) -> DoctorShifts:
    """The doctor's shifts as facts, in time order (by start, then end)."""
    thresholds = Thresholds.of(limits)
    known = _KNOWN.setdefault(thresholds, {})
    if len(known) > 100_000:  # many distinct times: keep memory bounded
        known.clear()
    facts = DoctorShifts()
    append = facts.append
    for s in shifts:
        key = (s.start, s.end, s.kind)
        found = known.get(key)
        if found is None:
            found = known[key] = _facts(s.start, s.end, s.kind, thresholds)
        append(found)
    facts.sort(key=_order)
    return facts


def _order(shift: ShiftFacts) -> tuple[int, int]:
    return shift.t0, shift.t1


@cache
def period_bounds(period: Period) -> tuple[int, int]:
    """Epoch seconds of 00:00 on the first day and 00:00 after the last day."""
    return local_midnight(period.start.toordinal()), local_midnight(period.end.toordinal() + 1)


def runs(days: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Runs of consecutive days in sorted ``days`` (repeats allowed), as (first index,
    index after the last) into ``days``."""
    n = len(days)
    i = 0
    while i < n:
        j = i + 1
        while j < n and days[j] - days[j - 1] <= 1:
            j += 1
        yield i, j
        i = j


# --- words for messages --------------------------------------------------------------
# Cached: every doctor on a rota shares the same few shift times, and strftime is slow.


@lru_cache(maxsize=1 << 16)
def at(seconds: int) -> datetime:
    """An epoch second as an aware London datetime."""
    return datetime.fromtimestamp(seconds, LONDON)


@lru_cache(maxsize=1 << 12)
def day_text(ordinal: int) -> str:
    return format_day(date.fromordinal(ordinal))


@lru_cache(maxsize=1 << 16)
def moment_text(seconds: int) -> str:
    local = at(seconds)
    return f"{format_day(local.date())} {local:%H:%M}"


def duration_text(seconds: float) -> str:
    """'10 h 59 min', '11 h', '45 min'."""
    minutes = round(seconds / 60)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def number_text(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"
