"""Who is on, as the page and the home page read it."""

from __future__ import annotations

from typing import Any

from rotaplan.engine.clock import to_london

from ...web.presenters import day
from ..models import Assignment
from .selectors import DepartmentOnDuty


def doctor_cell(shift: Assignment, with_contacts: bool) -> str:
    """ "Dr Ada Patel (ST3), Bleep 4471": the phone only for those allowed to see it."""
    text = f"{shift.doctor} ({shift.doctor.grade})"
    if with_contacts and shift.doctor.phone:
        text += f", {shift.doctor.phone}"
    return text


def when(shift: Assignment) -> str:
    """ "Night, 20:00 Mon 3 Aug 2026 to 08:30": the day the shift starts, its end's time."""
    start, end = to_london(shift.start), to_london(shift.end)
    return f"{shift.shift_type.name}, {start:%H:%M} {day(start.date())} to {end:%H:%M}"


def on_duty_rows(shifts: list[Assignment], with_contacts: bool) -> list[list[dict[str, str]]]:
    return [[{"text": when(s)}, {"text": doctor_cell(s, with_contacts)}] for s in shifts]


def department_panel(entry: DepartmentOnDuty) -> dict[str, Any]:
    upcoming = [shift for group in entry.next for shift in group]
    return {
        "department": entry.department,
        "now": on_duty_rows(entry.now, entry.with_contacts),
        "next": on_duty_rows(upcoming, entry.with_contacts),
    }


def on_now_summary(entry: DepartmentOnDuty) -> str:
    """ "3 doctors on now: Dr Ada Patel, Dr …"."""
    if not entry.now:
        return "Nobody on a published rota now"
    names = ", ".join(doctor_cell(s, entry.with_contacts) for s in entry.now)
    count = len(entry.now)
    return f"{count} doctor{'' if count == 1 else 's'} on now: {names}"
