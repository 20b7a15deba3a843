"""Fixed rota lines: a doctor's shifts set by the coordinator as a pattern of weeks ("D
Monday to Friday, then a week of nights"), which the generator keeps and the rules engine
reports when a rota does not (a local rule).

A line is written as coordinators write a rota line in a spreadsheet: one row a week,
Monday to Sunday, each day a shift code or a dash for a day the line leaves to the
generator. Week 1 starts on the line's first Monday; after its last week the pattern
starts again.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FREE = "-"
"""A day the line leaves to the generator."""
MAX_WEEKS = 52


class LineError(ValueError):
    """A line that cannot be read, said in words a coordinator can act on."""


@dataclass(frozen=True, slots=True)
class FixedLine:
    first_monday: date
    weeks: tuple[tuple[str, ...], ...]
    """Each week's seven days, Monday first: a shift code, or "" for none fixed."""
    last_day: date | None = None

    def shifts_between(self, start: date, end: date) -> Iterator[tuple[date, str]]:
        """Each day from ``start`` to ``end`` the line fixes, with its shift code."""
        first = max(start, self.first_monday)
        last = end if self.last_day is None else min(end, self.last_day)
        day = first
        while day <= last:
            offset = (day - self.first_monday).days
            code = self.weeks[(offset // 7) % len(self.weeks)][offset % 7]
            if code:
                yield day, code
            day += timedelta(days=1)


def read_weeks(text: str, codes: Set[str]) -> tuple[tuple[str, ...], ...]:
    """The weeks of a line written one week a row, seven days separated by spaces, each a
    shift code of ``codes`` (any case) or a dash. Raises ``LineError`` naming the week and
    day at fault."""
    rows = [row.split() for row in text.strip().splitlines() if row.strip()]
    if not rows:
        raise LineError("Enter the line's weeks: one row a week, Monday to Sunday")
    if len(rows) > MAX_WEEKS:
        raise LineError(f"A line has {MAX_WEEKS} weeks at most; this one has {len(rows)}")
    by_upper = {c.upper(): c for c in codes}
    weeks = []
    for number, row in enumerate(rows, start=1):
        if len(row) != len(WEEKDAYS):
            raise LineError(
                f"Week {number} has {len(row)} days: give 7, Monday to Sunday, with a dash "
                "for a day left to the rota"
            )
        week = []
        for weekday, entry in zip(WEEKDAYS, row, strict=True):
            if entry == FREE:
                week.append("")
                continue
            code = by_upper.get(entry.upper())
            if code is None:
                raise LineError(
                    f"Week {number}, {weekday}: there is no shift {entry!r} here "
                    f"(the shifts are {', '.join(sorted(codes)) or 'none yet'})"
                )
            week.append(code)
        weeks.append(tuple(week))
    if not any(code for week in weeks for code in week):
        raise LineError("The line fixes no shift: give a shift code on at least one day")
    return tuple(weeks)
