"""What a weekend is, which weekends a period holds, and which of them a doctor works: one
definition for the rules (``weekend-frequency``) and for pay (the weekend allowance), so
that a rota never shows one weekend count on its compliance page and another on a
payslip.

- A weekend is worked when any work or on-call period falls between **00:01 Saturday and
  23:59 Sunday**, London time (TCS definitions; a Friday night ending Saturday 08:00 works
  that weekend, a shift ending at 00:01 Saturday does not).
- A weekend belongs to the period that holds its **Saturday**. A period of whole weeks
  then has exactly as many weekends as weeks, whatever day it starts on: Sun 2 Aug to
  Sat 29 Aug 2026 holds the four weekends of 8, 15, 22 and 29 August. The Sunday a period
  opens on belongs to the weekend before it, which is the previous rota cycle's. Counting
  it as a fifth weekend (as pay once did) would give a four-week rota five weekends and
  move a doctor into a higher allowance band for the calendar, not for the work.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta
from functools import cache

from .clock import local_datetime, to_london
from .rota import Period, Shift

OPENS = time(0, 1)  # 00:01 Saturday
CLOSES = time(23, 59)  # 23:59 Sunday
SATURDAY = 5


@cache
def weekend_window(saturday: int) -> tuple[int, int]:
    """00:01 Saturday to 23:59 Sunday of the weekend whose Saturday is the ordinal
    ``saturday``, as UTC epoch seconds."""
    day = date.fromordinal(saturday)
    opens = local_datetime(day, OPENS)
    closes = local_datetime(day + timedelta(days=1), CLOSES)
    return int(opens.timestamp()), int(closes.timestamp())


def saturdays_in(period: Period) -> list[int]:
    """Ordinals of the Saturdays in the period: each is one weekend of the period."""
    first = period.start.toordinal()
    offset = (SATURDAY - (first + 6) % 7) % 7  # date.fromordinal(1) is a Monday
    return list(range(first + offset, period.end.toordinal() + 1, 7))


def weekends_touched(t0: int, t1: int, first_day: int, last_day: int) -> tuple[int, ...]:
    """The Saturdays (ordinals) of the weekends that ``[t0, t1)`` falls in, for a span
    from the London day ``first_day`` to ``last_day``."""
    saturdays: list[int] = []
    for ordinal in range(first_day, last_day + 1):
        weekday = (ordinal + 6) % 7
        if weekday < SATURDAY:
            continue
        saturday = ordinal if weekday == SATURDAY else ordinal - 1
        opens, closes = weekend_window(saturday)
        if t0 < closes and t1 > opens and saturday not in saturdays:
            saturdays.append(saturday)
    return tuple(saturdays)


def shift_weekends(shift: Shift) -> tuple[int, ...]:
    """The Saturdays of the weekends a shift (of any kind) works."""
    return weekends_touched(
        int(shift.start.timestamp()),
        int(shift.end.timestamp()),
        to_london(shift.start).date().toordinal(),
        to_london(shift.end).date().toordinal(),
    )


def weekends_worked(touched: Iterable[tuple[int, ...]], period: Period) -> int:
    """How many of the period's weekends are worked, given the Saturdays each of the
    doctor's shifts touches."""
    worked = {saturday for saturdays in touched for saturday in saturdays}
    return len(worked.intersection(saturdays_in(period)))
