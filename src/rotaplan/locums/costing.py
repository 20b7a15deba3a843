"""The arithmetic of a locum booking, kept apart from the database so its invariants can be
tested on their own: which kind of hours a shift is paid as, which rate card row is in
effect on a day, how long a shift really is, and what it costs.

Money is integer pence throughout. A booking's cost is worked out once, from the shift's
exact length in minutes (real elapsed time, so a night across the October clock change is
an hour longer), at the hourly rate in pence, and rounded half up to the nearest penny:
``cost = (minutes x rate + 30) // 60``. Hours are shown to two decimal places.

The kind of hours is deliberately simple, as most trusts' locum rate cards are: a shift
that starts from 20:00 to before 07:00 is a night; any other shift starting on a Saturday,
Sunday or bank holiday in England is a weekend day; anything else is a weekday day. One
rate applies to the whole shift (a long day running into the evening is a day shift).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol, TypeVar

from rotaplan.engine.clock import hours_between, is_bank_holiday, to_london

DAY = "day"
NIGHT = "night"
WEEKEND = "weekend"

NIGHT_FROM = time(20, 0)
NIGHT_UNTIL = time(7, 0)


def hours_kind(start: datetime) -> str:
    """``night``, ``weekend`` or ``day``: how the rate card prices a shift starting at
    ``start`` (an aware moment)."""
    local = to_london(start)
    at = local.time()
    if at >= NIGHT_FROM or at < NIGHT_UNTIL:
        return NIGHT
    day = local.date()
    if day.weekday() >= 5 or is_bank_holiday(day):
        return WEEKEND
    return DAY


class EffectiveRow(Protocol):
    """A rate card row as the lookup sees it."""

    @property
    def effective_from(self) -> date: ...

    @property
    def effective_to(self) -> date | None: ...


Row = TypeVar("Row", bound=EffectiveRow)


def rate_in_effect(rows: Iterable[Row], day: date) -> Row | None:
    """The row in effect on ``day``: of the rows that started on or before it and had not
    ended before it, the one that started last. None when no row applies."""
    live = [
        row
        for row in rows
        if row.effective_from <= day and (row.effective_to is None or day <= row.effective_to)
    ]
    return max(live, key=lambda row: row.effective_from, default=None)


def shift_minutes(start: datetime, end: datetime) -> int:
    """Whole minutes between two aware moments, whatever the clocks did between."""
    return round(hours_between(start, end) * 60)


def cost_pence(minutes: int, hourly_rate_pence: int) -> int:
    """The cost of ``minutes`` at ``hourly_rate_pence`` an hour, rounded half up to the
    nearest penny. Never negative for a shift and a rate that are not."""
    if minutes < 0 or hourly_rate_pence < 0:
        raise ValueError("a shift's length and an hourly rate are never negative")
    return (minutes * hourly_rate_pence + 30) // 60


def hours_of(minutes: int) -> Decimal:
    """Minutes as hours to two decimal places, as the pages and the API show them."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def pounds(pence: int) -> str:
    """Pence as money is written: "£1,234.56", "-£3.05"."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def pence_from_text(text: str) -> int | None:
    """What a person typed as an amount of money ("12.50", "£1,200", "7.5") in pence; None
    when it is not an amount with at most two decimal places."""
    cleaned = text.strip().removeprefix("£").replace(",", "").strip()
    if not cleaned or cleaned.startswith(("-", "+")):
        return None
    try:
        amount = Decimal(cleaned)
    except ArithmeticError:
        return None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        return None
    return int(amount * 100)
