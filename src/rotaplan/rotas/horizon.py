"""How far back and ahead a rota is planned: the years a generated rota's period and a
doctor's rota request may fall in, counted from today.

A rota is planned months ahead, a request for the next rota or the one after; a year like
27 (a two-digit "27" read as it was typed) or 9999 is a typing slip or a probe, and one
that reaches the solver makes it work on nonsense (the engine's own readers stop at 2000
and 2099). Last year is still allowed, to generate again a rota that has begun.
"""

from __future__ import annotations

from datetime import date

YEARS_BACK = 1
YEARS_AHEAD = 2


def earliest_day(today: date) -> date:
    return date(today.year - YEARS_BACK, 1, 1)


def latest_day(today: date) -> date:
    return date(today.year + YEARS_AHEAD, 12, 31)


def outside_horizon(day: date, today: date) -> str | None:
    """What is wrong with ``day``, or None when it is within the planning horizon."""
    first, last = earliest_day(today), latest_day(today)
    if first <= day <= last:
        return None
    return f"Enter a date from {first.year} to {last.year}"
