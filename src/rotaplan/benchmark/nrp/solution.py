"""A roster for a benchmark instance, and its CSV form ``employee,day,shift`` (day from 0)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from .instance import Instance

Roster = Mapping[tuple[str, int], str]
"""(employee id, day) → shift id. A pair that is absent is a day off."""

HEADER = ("employee", "day", "shift")


class SolutionError(ValueError):
    """The solution CSV is malformed or does not fit the instance. ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line
        self.plain_message = message


def read_solution_csv(text: str, instance: Instance) -> dict[tuple[str, int], str]:
    """Parse ``employee,day,shift`` rows (with that header) into a roster."""
    employees = set(instance.employee_ids)
    shifts = set(instance.shift_ids)
    roster: dict[tuple[str, int], str] = {}
    first_seen: dict[tuple[str, int], int] = {}
    reader = csv.reader(io.StringIO(text.replace("\r", "")))
    header_read = False
    for row in reader:
        line = reader.line_num
        fields = [f.strip() for f in row]
        if not any(fields):
            continue
        if not header_read:
            if tuple(f.lower() for f in fields) != HEADER:
                raise SolutionError(line, f"the header must be {','.join(HEADER)}")
            header_read = True
            continue
        if len(fields) != 3:
            raise SolutionError(line, f"expected 3 fields (employee,day,shift), got {len(fields)}")
        employee, day_text, shift = fields
        if employee not in employees:
            raise SolutionError(line, f"unknown employee {employee!r}")
        try:
            day = int(day_text)
        except ValueError:
            raise SolutionError(line, f"day must be a whole number, not {day_text!r}") from None
        if not 0 <= day < instance.horizon:
            raise SolutionError(line, f"day {day} is outside the horizon 0..{instance.horizon - 1}")
        if shift not in shifts:
            raise SolutionError(line, f"unknown shift {shift!r}")
        key = (employee, day)
        if key in roster:
            raise SolutionError(
                line,
                f"employee {employee} already has shift {roster[key]} on day {day} "
                f"(line {first_seen[key]})",
            )
        roster[key] = shift
        first_seen[key] = line
    if not header_read:
        raise SolutionError(0, f"the file is empty; expected the header {','.join(HEADER)}")
    return roster


def write_solution_csv(roster: Roster, instance: Instance) -> str:
    """Rows sorted by the instance's employee order, then by day; LF line endings."""
    order = {emp: i for i, emp in enumerate(instance.employee_ids)}
    for employee, _day in roster:
        if employee not in order:
            raise ValueError(f"employee {employee!r} is not in instance {instance.name!r}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for (employee, day), shift in sorted(
        roster.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])
    ):
        writer.writerow((employee, day, shift))
    return out.getvalue()
