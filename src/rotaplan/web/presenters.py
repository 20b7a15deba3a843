"""Formatting shared by every page: dates and times as NHS users write them."""

from __future__ import annotations

from datetime import date, datetime, time

from rotaplan.engine.clock import format_day, format_moment


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return format_day(value)


def moment(value: datetime | None) -> str:
    return "" if value is None else format_moment(value)


def time_of_day(value: time | None) -> str:
    return "" if value is None else f"{value:%H:%M}"


def period(start: date, end: date | None) -> str:
    """A span of whole days: "Mon 3 Aug 2026 to Sun 31 Jan 2027", or open-ended."""
    if end is None:
        return f"From {format_day(start)}"
    return f"{format_day(start)} to {format_day(end)}"


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"
