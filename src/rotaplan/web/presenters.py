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
