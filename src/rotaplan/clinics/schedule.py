"""The pure arithmetic of clinics, with no database: the dates a template runs on, the
slot mix a new template starts with, the times of a session's slots, and the order in which
a reduced session keeps its patients. Kept apart so it is fast (a year of sessions for a
whole trust is generated in one pass) and tested on its own."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from rotaplan.engine.clock import monday_of

# The slot types, by their stored values (``models.SlotType``), kept first when a session
# is reduced: patients on the two-week urgent suspected cancer pathway, then new patients
# (who have waited longest to be seen at all), then follow-ups and procedures.
KEEP_ORDER = {"usc": 0, "new": 1}
OTHERS = 2

# A new template's slots, before the coordinator edits them: three 30-minute new patients
# first, then the rest of the session in 20-minute follow-ups (a common outpatient mix:
# new patients take longer, and most clinic work is follow-up).
NEW_COUNT = 3
NEW_MINUTES = 30
FOLLOW_UP_MINUTES = 20


@dataclass(frozen=True, slots=True)
class Slot:
    """A run of ``count`` slots of one type, each ``minutes`` long."""

    slot_type: str
    minutes: int
    count: int


def session_dates(
    *,
    weekday: int,
    every_weeks: int,
    valid_from: date,
    valid_to: date | None,
    start: date,
    end: date,
    closed: Collection[date] = (),
) -> Iterator[date]:
    """The days from ``start`` to ``end`` (inclusive) a template runs on: its ``weekday``
    every ``every_weeks`` weeks, counted from the week of ``valid_from`` (that week is
    week 0, so one in 2 runs in valid_from's week, then two weeks later), never before
    ``valid_from`` nor after ``valid_to``, and never on a ``closed`` day (bank holidays).
    A day skipped for a bank holiday does not move the count."""
    step = timedelta(weeks=every_weeks)
    anchor = monday_of(valid_from) + timedelta(days=weekday)
    first = max(start, valid_from)
    last = min(end, valid_to) if valid_to else end
    if last < first:
        return
    behind = (first - anchor).days
    periods = -(-behind // step.days) if behind > 0 else 0
    day = anchor + periods * step
    while day <= last:
        if day >= first and day not in closed:
            yield day
        day += step


def minutes_between(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def default_slots(minutes: int) -> list[Slot]:
    """The slot mix a template made from a job plan starts with: ``NEW_COUNT`` new patients
    of ``NEW_MINUTES`` minutes, then follow-ups of ``FOLLOW_UP_MINUTES`` to fill the rest.
    A session too short for that is all follow-ups; one shorter than a follow-up is one
    slot as long as the session."""
    if minutes < FOLLOW_UP_MINUTES:
        return [Slot("follow_up", max(minutes, 1), 1)]
    new_block = NEW_COUNT * NEW_MINUTES
    if minutes < new_block + FOLLOW_UP_MINUTES:
        return [Slot("follow_up", FOLLOW_UP_MINUTES, minutes // FOLLOW_UP_MINUTES)]
    follow_ups = (minutes - new_block) // FOLLOW_UP_MINUTES
    return [Slot("new", NEW_MINUTES, NEW_COUNT), Slot("follow_up", FOLLOW_UP_MINUTES, follow_ups)]


def slot_starts(start: datetime, slots: Sequence[Slot]) -> list[tuple[str, datetime, int]]:
    """Every single slot of a session in order: (type, start, minutes), the runs laid end
    to end from the session's start."""
    out: list[tuple[str, datetime, int]] = []
    at = start
    for run in slots:
        for _ in range(run.count):
            out.append((run.slot_type, at, run.minutes))
            at += timedelta(minutes=run.minutes)
    return out


def keep_first(slot_type: str, start: datetime) -> tuple[int, datetime]:
    """The order a reduced session keeps its appointments in: urgent suspected cancer,
    then new patients, then the others, each earliest first."""
    return (KEEP_ORDER.get(slot_type, OTHERS), start)


def nhs_number_problem(value: str) -> str | None:
    """Why ``value`` is not an NHS number, or None: ten digits (spaces allowed) whose last
    is the modulus 11 check digit of the first nine (weights 10 down to 2; a remainder
    giving 10 is never issued)."""
    digits = value.replace(" ", "").replace("-", "")
    if len(digits) != 10 or not digits.isdigit():
        return "Enter the NHS number as 10 digits, like 943 476 5919"
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10 or check != int(digits[9]):
        return "This is not a valid NHS number: check the digits"
    return None


def nhs_number_text(value: str) -> str:
    """An NHS number as it is written: 943 476 5919."""
    digits = value.replace(" ", "")
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else value
