"""One parser per kind of cell: each takes a cell and returns a value or raises
``FieldProblem`` saying, for the person who typed it, what was wrong."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from rotaplan.engine.clock import format_day

from .spreadsheet import Cell, cell_text

# The years a date in a workforce file can plausibly fall in; outside them the year is a
# typing slip.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099


class FieldProblem(ValueError):
    """A cell's value is wrong; the message says why in words for the person who typed it."""


def text(value: Cell) -> str:
    return cell_text(value).strip()


def got(value: Cell) -> str:
    """ "got '...'": the value as typed, shortened if long, to end a message with."""
    typed = cell_text(value)
    return f"got '{typed if len(typed) <= 60 else typed[:57] + '...'}'"


def parse_gmc_number(value: Cell) -> str:
    typed = text(value)
    if not typed:
        raise FieldProblem("GMC number is missing; it is 7 digits, such as 7012345.")
    if not re.fullmatch(r"[0-9]{7}", typed):
        raise FieldProblem(f"GMC number must be exactly 7 digits; {got(typed)}")
    return typed


_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0", ""})


def parse_yes_no(value: Cell, label: str) -> bool:
    typed = text(value).lower()
    if typed in _YES:
        return True
    if typed in _NO:
        return False
    raise FieldProblem(f"{label} must be yes or no; {got(value)}")


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%a %d %b %Y")
_MIDNIGHT_SUFFIX = re.compile(r"[ T]00:00(:00)?$")


def parse_date(value: Cell, label: str) -> date:
    """ISO or UK day-first dates; an Excel date cell arrives already a date."""
    if isinstance(value, date):
        return _plausible(value, label, value.isoformat())
    typed = _MIDNIGHT_SUFFIX.sub("", value.strip())
    if not typed:
        raise FieldProblem(f"{label} is missing; give a date such as 2026-08-05 or 05/08/2026.")
    for pattern in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(typed, pattern).date()
        except ValueError:
            continue
        return _plausible(parsed, label, typed)
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}", typed):
        raise FieldProblem(f"{label} needs the year in full, such as 05/08/2026; {got(typed)}")
    raise FieldProblem(f"{label} must be a date such as 2026-08-05 or 05/08/2026; {got(typed)}")


def parse_optional_date(value: Cell, label: str) -> date | None:
    if isinstance(value, str) and not value.strip():
        return None
    return parse_date(value, label)


def _plausible(day: date, label: str, typed: str) -> date:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise FieldProblem(f"{label} {format_day(day)} looks wrong; check the year. Got '{typed}'")
    return day


# 08:00, 8:00, 20.30, and Excel's time cells, which arrive as 08:00:00.
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?")


def parse_optional_time(value: Cell, label: str) -> time | None:
    """A wall-clock time of day in hours and minutes, or None for an empty cell."""
    typed = text(value)
    if not typed:
        return None
    match = _TIME.fullmatch(typed)
    if match is None:
        raise FieldProblem(f"{label} must be a time such as 08:00 or 20:30; {got(value)}")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if hours == 24 and minutes == 0 and not seconds:
        raise FieldProblem(f"{label} must be from 00:00 to 23:59; write midnight as 00:00.")
    if hours > 23 or minutes > 59 or seconds:
        raise FieldProblem(f"{label} must be a time from 00:00 to 23:59; {got(value)}")
    return time(hours, minutes)
