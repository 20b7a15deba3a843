"""Checking a rota's shifts file against what the database knows (``ShiftLookups``), with
no queries: a table in, every clean ``ShiftRecord`` or every problem out, each naming its
line and column, so a coordinator corrects the whole spreadsheet in one go.

Overlap is the rule of ``rotas.overlap``, the one every assignment keeps: shifts that only
touch (a night ending at 08:30, a long day starting at 08:30) do not overlap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from rotaplan.engine.clock import format_day, hours_between, shift_bounds
from rotaplan.engine.formats.cell_values import (
    FieldProblem,
    parse_date,
    parse_gmc_number,
    parse_optional_time,
    text,
)
from rotaplan.engine.formats.input_problems import Problem
from rotaplan.engine.formats.json_reading import quoted
from rotaplan.engine.formats.rows import RowReader
from rotaplan.engine.formats.spreadsheet import Cell, RawTable

from ..overlap import shares_time, shift_words
from .columns import SHIFT_COLUMNS
from .lookups import DoctorRef, ShiftLookups, ShiftTypeRef

MAX_SHIFT_HOURS = 24


@dataclass(frozen=True)
class ShiftRecord:
    line: int
    doctor_id: int
    doctor_name: str
    shift_type_id: int
    code: str
    date: date
    start: datetime  # aware, London
    end: datetime

    @property
    def words(self) -> str:
        return shift_words(self.code, self.start, self.end)


@dataclass(frozen=True)
class CheckedShifts:
    """Either every row clean (``records``) or the problems, never a mixture to act on."""

    records: tuple[ShiftRecord, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def check_table(table: RawTable, lookups: ShiftLookups) -> CheckedShifts:
    file_problems = SHIFT_COLUMNS.shape_problems(table, "shift")
    if file_problems:
        return CheckedShifts(problems=tuple(file_problems))
    positions = SHIFT_COLUMNS.positions(table.headings)
    records: list[ShiftRecord] = []
    problems: list[Problem] = []
    for row in table.rows:
        reader = RowReader(row, positions)
        record = _check_row(reader, lookups)
        if record is not None:
            _check_booked(reader, record, lookups)
            records.append(record)
        problems.extend(reader.problems)
    problems.extend(overlaps_in_file(records))
    if problems:
        problems.sort(key=SHIFT_COLUMNS.order)
        return CheckedShifts(problems=tuple(problems))
    return CheckedShifts(records=tuple(records))


# --- One parser per cell ------------------------------------------------------------------


def parse_doctor(value: Cell, lookups: ShiftLookups) -> DoctorRef:
    gmc_number = parse_gmc_number(value)
    doctor = lookups.doctors.get(gmc_number)
    if doctor is None:
        raise FieldProblem(
            f"No doctor you may put on a rota has GMC number {gmc_number}. Check the "
            "number, or add the doctor first"
        )
    return doctor


def parse_rota_date(value: Cell, lookups: ShiftLookups) -> date:
    day = parse_date(value, "Date")
    if day < lookups.period_start:
        raise FieldProblem(
            f"{format_day(day)} is before the rota starts on {format_day(lookups.period_start)}"
        )
    if day > lookups.period_end:
        raise FieldProblem(
            f"{format_day(day)} is after the rota ends on {format_day(lookups.period_end)}"
        )
    return day


def parse_shift_type(value: Cell, lookups: ShiftLookups) -> ShiftTypeRef:
    code = text(value)
    department = lookups.department_name
    if not lookups.shift_types:
        raise FieldProblem(f"{department} has no shifts set up yet, so none can be rostered")
    known = ", ".join(lookups.shift_types)
    if not code:
        raise FieldProblem(f"Shift is missing; give the code of one of {department}'s: {known}")
    shift_type = lookups.shift_types.get(code) or _same_but_for_case(code, lookups)
    if shift_type is None:
        raise FieldProblem(f"{department} has no shift {quoted(code)}. Its shifts are {known}")
    return shift_type


def _same_but_for_case(code: str, lookups: ShiftLookups) -> ShiftTypeRef | None:
    """'ld' for LD, unless the department has two codes that differ only in case."""
    matches = [ref for key, ref in lookups.shift_types.items() if key.lower() == code.lower()]
    return matches[0] if len(matches) == 1 else None


# --- A row ----------------------------------------------------------------------------------


def _check_row(reader: RowReader, lookups: ShiftLookups) -> ShiftRecord | None:
    """The row's shift if each of its cells is right and its times make a shift; its
    overlaps with other shifts are checked afterwards."""
    doctor = reader.get("gmc_number", lambda v: parse_doctor(v, lookups), None)
    day = reader.get("date", lambda v: parse_rota_date(v, lookups), None)
    shift_type = reader.get("shift", lambda v: parse_shift_type(v, lookups), None)
    start_at = reader.get("start", lambda v: parse_optional_time(v, "Start"), None)
    end_at = reader.get("end", lambda v: parse_optional_time(v, "End"), None)
    if reader.problems or doctor is None or day is None or shift_type is None:
        return None
    bounds = _bounds(reader, day, shift_type, start_at, end_at)
    if bounds is None:
        return None
    return ShiftRecord(
        line=reader.line,
        doctor_id=doctor.id,
        doctor_name=doctor.name,
        shift_type_id=shift_type.id,
        code=shift_type.code,
        date=day,
        start=bounds[0],
        end=bounds[1],
    )


def _bounds(
    reader: RowReader,
    day: date,
    shift_type: ShiftTypeRef,
    start_at: time | None,
    end_at: time | None,
) -> tuple[datetime, datetime] | None:
    """The shift's start and end: the shift type's times unless the row gives its own.
    A shift type's own times are trusted as they are, a 24-hour on call included."""
    start_time = shift_type.start if start_at is None else start_at
    end_time = shift_type.end if end_at is None else end_at
    if start_at is None and end_at is None:
        return shift_bounds(day, start_time, end_time)
    field = "start" if end_at is None else "end"
    if end_time == start_time:
        reader.add(field, _same_time_message(shift_type, start_at, end_at))
        return None
    start, end = shift_bounds(day, start_time, end_time)
    hours = hours_between(start, end)
    if hours > MAX_SHIFT_HOURS:
        reader.add(
            field,
            f"The shift would be {hours:g} hours long, from {start:%H:%M} {format_day(day)} "
            f"to {end:%H:%M} {format_day(end.date())}, as the clocks go back that night; a "
            f"shift can be at most {MAX_SHIFT_HOURS} hours",
        )
        return None
    return start, end


def _same_time_message(shift_type: ShiftTypeRef, start_at: time | None, end_at: time | None) -> str:
    if end_at is None:
        return (
            f"The start, {shift_type.end:%H:%M}, is when {shift_type.code} ends; give the time "
            "the shift starts, or an end as well"
        )
    if start_at is None:
        return (
            f"The end, {end_at:%H:%M}, is when {shift_type.code} starts; give the time the "
            "shift ends, or a start as well"
        )
    return (
        f"The end, {end_at:%H:%M}, is the same as the start; give the time the shift ends "
        "(an end before the start is the next day)"
    )


def _check_booked(reader: RowReader, record: ShiftRecord, lookups: ShiftLookups) -> None:
    """The shift must not repeat one already on this rota, nor overlap any the doctor
    already works, in this rota or another."""
    booked = lookups.booked.get(record.doctor_id, ())
    for shift in booked:
        same = (shift.rota_id, shift.shift_type_id, shift.start, shift.end) == (
            lookups.rota_id,
            record.shift_type_id,
            record.start,
            record.end,
        )
        if same:
            reader.add(
                "shift",
                f"{record.doctor_name} is already on this rota for {shift.words}. Remove this row",
            )
            return
    for shift in booked:
        if shares_time(record.start, record.end, shift.start, shift.end):
            reader.add("shift", shift.clash)
            return


# --- Rows against each other ------------------------------------------------------------


def overlaps_in_file(records: Iterable[ShiftRecord]) -> Iterator[Problem]:
    """A problem on each of two rows that give one doctor overlapping shifts, naming the
    other row: either could be the mistake."""
    by_doctor: dict[int, list[ShiftRecord]] = defaultdict(list)
    for record in records:
        by_doctor[record.doctor_id].append(record)
    for shifts in by_doctor.values():
        for first, second in _overlapping_pairs(shifts):
            yield _file_overlap(first, second)
            yield _file_overlap(second, first)


def _overlapping_pairs(shifts: Sequence[ShiftRecord]) -> Iterator[tuple[ShiftRecord, ShiftRecord]]:
    """Pairs of one doctor's shifts that overlap, found in one pass through them in order of
    start, keeping only those not yet ended."""
    running: list[ShiftRecord] = []
    for shift in sorted(shifts, key=lambda s: (s.start, s.line)):
        running = [other for other in running if other.end > shift.start]
        for other in running:
            if shares_time(other.start, other.end, shift.start, shift.end):
                yield other, shift
        running.append(shift)


def _file_overlap(record: ShiftRecord, other: ShiftRecord) -> Problem:
    return Problem(
        f"{record.doctor_name} is also on line {other.line} for {other.words}, which "
        "overlaps this shift",
        record.line,
        "shift",
        record.code,
    )
