"""What a rota says about a doctor's hours, for pay: rostered hours, night hours by the
pay definition, weekends worked.

Hours are real elapsed hours (``clock.hours_between``, taken in UTC) kept as exact
fractions; the night window and the weekend are London wall-clock times. A night shift
20:00-08:00 across the October clock change is 13 hours, all of them night.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction

from ..clock import hours_between, local_datetime, to_london
from ..rota import Period, Shift, ShiftKind
from ..weekends import saturdays_in, shift_weekends, weekends_worked
from .data import NightRule


def elapsed(start: datetime, end: datetime) -> Fraction:
    """Real elapsed hours, exact to the second."""
    return Fraction(hours_between(start, end)).limit_denominator(3600)


def _merged(intervals: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    ordered = sorted((a, b) for a, b in intervals if b > a)
    merged: list[tuple[datetime, datetime]] = []
    for a, b in ordered:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _clip(
    intervals: Iterable[tuple[datetime, datetime]], start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    return [(max(a, start), min(b, end)) for a, b in intervals]


def ends_after_midnight_by_4am(shift: Shift, rule: NightRule) -> bool:
    """The shift ends after 00:00 and by 04:00, London time (00:01 and 04:00 do, 00:00 and
    04:01 do not): since 2019 the whole of it is paid at the night rate. A pay year
    without the 2019 rule (``rule.whole_shift`` None) has no such shift."""
    if rule.whole_shift is None:
        return False
    end = to_london(shift.end).time()
    return rule.whole_shift.ends_after < end <= rule.whole_shift.ends_by


def is_long_evening(shift: Shift, rule: NightRule) -> bool:
    """A shift of at least 8 hours starting 20:00-23:59 (London, to the end of the minute
    23:59): night in full until 10:00 the next day."""
    start = to_london(shift.start).time()
    latest = rule.long_shift_start_to
    in_evening = rule.long_shift_start_from <= start and (start.hour, start.minute) <= (
        latest.hour,
        latest.minute,
    )
    return in_evening and elapsed(shift.start, shift.end) >= Fraction(
        str(rule.long_shift_min_hours)
    )


def window_and_long_evening_hours(shift: Shift, rule: NightRule) -> Fraction:
    """The night hours of the 2016 definitions, merged so that no hour counts twice:

    - hours between 21:00 and 07:00 (the window is [21:00, 07:00): 07:00 itself is day);
    - a shift of 8 hours or more starting 20:00-23:59: every hour until 10:00 next day.
    """
    start, end = shift.start, shift.end
    if end <= start:
        return Fraction(0)
    intervals: list[tuple[datetime, datetime]] = []
    day = to_london(start).date() - timedelta(days=1)
    while day <= to_london(end).date():
        intervals.append(
            (
                local_datetime(day, rule.window_start),
                local_datetime(day + timedelta(days=1), rule.window_end),
            )
        )
        day += timedelta(days=1)
    if is_long_evening(shift, rule):
        next_day = to_london(start).date() + timedelta(days=1)
        intervals.append((start, local_datetime(next_day, rule.long_shift_paid_until)))
    total = Fraction(0)
    for a, b in _merged(_clip(intervals, start, end)):
        if b > a:
            total += elapsed(a, b)
    return total


def night_hours(shift: Shift, rule: NightRule) -> Fraction:
    """Hours of one shift paid at the night rate (pay definition, not the rest rules): the
    whole shift if it ends after 00:00 and by 04:00 (2019); otherwise its hours between
    21:00 and 07:00 and, for a shift of 8 hours or more starting 20:00-23:59, every hour
    until 10:00.

    The whole-shift reading of the 2019 rule is the BMA's and NHS Employers' (docs/pay.md,
    "Night hours"): read as "its hours from 21:00" it would add no hour to the window, and
    the rule was a funded pay rise.
    """
    if shift.end <= shift.start:
        return Fraction(0)
    if ends_after_midnight_by_4am(shift, rule):
        return elapsed(shift.start, shift.end)
    return window_and_long_evening_hours(shift, rule)


def hours_made_night_by_the_whole_shift_rule(shift: Shift, rule: NightRule) -> Fraction:
    """The hours the 2019 whole-shift rule adds to the 2016 definitions for this shift
    (16:00-01:00: 5, the hours before 21:00); 0 when it does not apply or adds nothing."""
    return night_hours(shift, rule) - window_and_long_evening_hours(shift, rule)


@dataclass(frozen=True, slots=True)
class HoursSummary:
    """One doctor's hours over the rota period, as pay reads them."""

    weeks: Fraction
    work_hours: Fraction
    night_hours: Fraction
    on_call_hours: Fraction
    on_call_periods: int
    weekends_in_period: int
    weekends_worked: int
    long_evening_shifts: int
    shifts_ending_after_midnight: int  # after 00:00 and by 04:00: night in full
    hours_made_night_by_the_whole_shift_rule: Fraction

    @property
    def average_weekly_hours(self) -> Fraction:
        return self.work_hours / self.weeks

    @property
    def average_weekly_night_hours(self) -> Fraction:
        return self.night_hours / self.weeks

    @property
    def weekend_one_in(self) -> Fraction | None:
        """Weekends in the period per weekend worked (3.5 means 1 in 3.5); None if none."""
        if self.weekends_worked == 0:
            return None
        return Fraction(self.weekends_in_period, self.weekends_worked)


def summarise(shifts: Iterable[Shift], period: Period, rule: NightRule) -> HoursSummary:
    """Hours of the given doctor's shifts that belong to the period (by start day).

    Rostered hours and night hours count ``work`` shifts only: an on-call period is
    availability, not rostered work (the work expected during it is not in the rota).
    Weekends count both, as the weekend definition says, and are counted exactly as the
    rules count them (``engine.weekends``), from all the doctor's shifts given.
    """
    given = list(shifts)
    mine = [s for s in given if period.start <= s.day <= period.end]
    work = [s for s in mine if s.kind is ShiftKind.WORK]
    on_call = [s for s in mine if s.kind is ShiftKind.ON_CALL]
    return HoursSummary(
        weeks=Fraction(period.days, 7),
        work_hours=sum((elapsed(s.start, s.end) for s in work), Fraction(0)),
        night_hours=sum((night_hours(s, rule) for s in work), Fraction(0)),
        on_call_hours=sum((elapsed(s.start, s.end) for s in on_call), Fraction(0)),
        on_call_periods=len(on_call),
        weekends_in_period=len(saturdays_in(period)),
        weekends_worked=weekends_worked((shift_weekends(s) for s in given), period),
        long_evening_shifts=sum(1 for s in work if is_long_evening(s, rule)),
        shifts_ending_after_midnight=sum(1 for s in work if ends_after_midnight_by_4am(s, rule)),
        hours_made_night_by_the_whole_shift_rule=sum(
            (hours_made_night_by_the_whole_shift_rule(s, rule) for s in work), Fraction(0)
        ),
    )
