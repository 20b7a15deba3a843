"""Days as leave is counted: a leave year, the working days in a span, a night shift.

A working day is a weekday that is not a bank holiday (docs/adr/0027): a rota doctor's
week has no fixed working days, and one count the same for every doctor is one the doctor,
the coordinator and payroll can each check by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

NIGHT_START_HOUR = 23
NIGHT_END_HOUR = 6
# The 2016 TCS: a night shift has at least 3 hours between 23:00 and 06:00.
NIGHT_HOURS = 3


def days_between(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end`` inclusive; none when ``end`` is before it."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def working_days(start: date, end: date, bank_holidays: Iterable[date]) -> int:
    """Weekdays from ``start`` to ``end`` inclusive that are not bank holidays."""
    closed = set(bank_holidays)
    return sum(1 for day in days_between(start, end) if day.weekday() < 5 and day not in closed)


def leave_year_of(day: date, start_month: int = 4, start_day: int = 1) -> tuple[date, date]:
    """The leave year holding ``day``: from its start (1 April by default) to the day
    before the next one."""
    this_year = _anniversary(day.year, start_month, start_day)
    first = this_year if day >= this_year else _anniversary(day.year - 1, start_month, start_day)
    following = _anniversary(first.year + 1, start_month, start_day)
    return first, following - timedelta(days=1)


def _anniversary(year: int, month: int, day: int) -> date:
    """The start of a leave year in ``year``; a 29 February start falls on 28 February in
    other years."""
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, day - 1)


def completed_years(since: date, on: date) -> int:
    """Whole years from ``since`` to ``on``: 5 on the fifth anniversary, 4 the day before."""
    if on < since:
        return 0
    years = on.year - since.year
    if (on.month, on.day) < (since.month, since.day):
        years -= 1
    return years


def is_night(start: datetime, end: datetime) -> bool:
    """At least 3 hours of the shift fall between 23:00 and 06:00 local time (``start``
    and ``end`` are aware and in local time)."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("is_night needs time-zone-aware datetimes")
    night_seconds = 0.0
    day = start.date() - timedelta(days=1)
    while day <= end.date():
        window_start = datetime(day.year, day.month, day.day, NIGHT_START_HOUR, tzinfo=start.tzinfo)
        following = day + timedelta(days=1)
        window_end = datetime(
            following.year, following.month, following.day, NIGHT_END_HOUR, tzinfo=start.tzinfo
        )
        overlap_start = max(start.astimezone(UTC), window_start.astimezone(UTC))
        overlap_end = min(end.astimezone(UTC), window_end.astimezone(UTC))
        night_seconds += max((overlap_end - overlap_start).total_seconds(), 0.0)
        day = following
    return night_seconds >= NIGHT_HOURS * 3600
