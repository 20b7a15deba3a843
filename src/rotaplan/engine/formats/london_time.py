"""Dates and London wall-clock times as the rota documents write them.

People write rotas in London time, so a document gives "2026-08-03T08:00" and the reader
makes it an aware datetime; the writer gives the same text back, with an offset only on the
repeated hour of the October clock change, where the wall-clock time alone is ambiguous.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from rotaplan.engine.clock import LONDON, format_day, local_datetime, to_london

from .cell_values import FieldProblem, got

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# The years a rota document's dates may fall in. A year outside them is a slip of the
# keyboard (2206 for 2026); and the rules and the solver count days and weeks past a
# period's ends, which in year 1 or 9999 runs off the end of Python's calendar.
FIRST_YEAR, LAST_YEAR = 2000, 2099
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)([+-]\d{2}:\d{2}|Z)?")
_DATE_TIME_EXAMPLE = "such as 2026-08-03T08:00 (London time)"


def parse_iso_date(value: str, label: str) -> date:
    if not _DATE.fullmatch(value):
        raise FieldProblem(f"{label} must be a date such as 2026-08-03; {got(value)}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise FieldProblem(f"{label} is not a date in the calendar; {got(value)}") from None
    check_year(day, label, value)
    return day


def check_year(day: date, label: str, value: str) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise FieldProblem(
            f"{label} must be in the years {FIRST_YEAR} to {LAST_YEAR}; {got(value)}"
        )


def parse_london_datetime(value: str, label: str) -> datetime:
    """An ISO 8601 local time in London ("2026-08-03T08:00"), as an aware datetime.

    A time the spring clock change skips is an error. A time the autumn change repeats
    takes its first (BST) occurrence, as ``clock.local_datetime`` does, unless an offset
    says which: "2026-10-25T01:30+00:00" is the second. An offset London was not on at that
    wall-clock time is an error.
    """
    match = _DATE_TIME.fullmatch(value.strip())
    if match is None:
        raise FieldProblem(f"{label} must be a date and time {_DATE_TIME_EXAMPLE}; {got(value)}")
    day_text, time_text, offset = match.groups()
    try:
        naive = datetime.fromisoformat(f"{day_text}T{time_text}")
    except ValueError:
        raise FieldProblem(f"{label} is not a date and time that exists; {got(value)}") from None
    check_year(naive.date(), label, value)
    if offset:
        try:
            given = datetime.fromisoformat(f"{day_text}T{time_text}{offset.replace('Z', '+00:00')}")
        except ValueError:  # an offset of a day or more, such as +99:00
            raise FieldProblem(
                f"{label} has an offset that is not one (at most +23:59); {got(value)}"
            ) from None
        moment = given.astimezone(LONDON)
        if moment.replace(tzinfo=None) != naive:
            raise FieldProblem(
                f"{label} {value} is not a London time: London was on "
                f"{local_datetime(naive.date(), naive.time()).isoformat()[-6:]} then. Leave the "
                "offset off to give London time."
            )
        return moment
    moment = local_datetime(naive.date(), naive.time())
    if moment.replace(tzinfo=None) != naive:
        raise FieldProblem(
            f"{label} {value} does not exist in London: the clocks go forward from 01:00 to "
            f"02:00 on {format_day(naive.date())}. Give {moment:%H:%M} if that is meant."
        )
    return moment


class Moments:
    """Parses London wall-clock date-times, remembering each text it has seen: a rota
    repeats the same few start and end times across its days."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], datetime | FieldProblem] = {}

    def parse(self, value: str, label: str) -> datetime:
        found = self._seen.get((value, label))
        if found is None:
            try:
                found = parse_london_datetime(value, label)
            except FieldProblem as problem:
                found = problem
            self._seen[value, label] = found
        if isinstance(found, FieldProblem):
            raise found
        return found


def london_iso(moment: datetime) -> str:
    """A moment as London ISO 8601 with its offset: "2026-08-03T08:00:00+01:00"."""
    return to_london(moment).isoformat(timespec="seconds")


def exchange_time(moment: datetime) -> str:
    """London wall-clock time, with the offset only where the wall-clock time alone would be
    read as another moment (the second 01:30 on the October change day)."""
    local = to_london(moment)
    naive = local.replace(tzinfo=None)
    if local_datetime(naive.date(), naive.time()).timestamp() == local.timestamp():
        return local.strftime("%Y-%m-%dT%H:%M")
    return local.isoformat(timespec="minutes")
