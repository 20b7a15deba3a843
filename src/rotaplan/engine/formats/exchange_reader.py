"""Reading the exchange format: a rota as a JSON document or a CSV of shifts.
docs/exchange-format.md describes both.

Reading checks everything before it gives up, so one run lists every problem in the file,
each naming where it is: a JSON path ("shifts[3].end") or a CSV line and column ("line 4,
end"), with the value at fault. A file with any problem raises ``UnreadableRota``; a file
without one becomes a ``RotaShifts`` that the rules engine can judge. Overlapping shifts are not
a reading problem: the rules engine reports them as the breach ``overlapping-shifts``.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from datetime import date, datetime
from functools import partial
from pathlib import PurePath

from rotaplan.engine.clock import format_day, to_london
from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts, RuleSetName, Shift, ShiftKind

from .cell_values import FieldProblem, got
from .columns import OPTIONAL, REQUIRED, Column, ColumnSet
from .input_problems import Problem
from .json_bounds import MAX_DOCUMENT_BYTES
from .json_reading import (
    MAX_PROBLEMS,
    STOPPED,
    UnreadableJson,
    document_text,
    listed,
    load_json,
    quoted,
    shown_value,
    too_big,
)
from .london_time import Moments
from .rota_fields import RotaFieldReader, period_length_problem, shift_time_problem
from .rows import RowReader
from .spreadsheet import UnreadableFile, read_csv

_KINDS = {kind.value: kind for kind in ShiftKind}
KINDS = ", ".join(_KINDS)

# How many entries a rota may list (JSON or CSV), checked before any is read: room for
# every doctor of a large trust, and for its year of shifts several times over (the
# benchmark's year of 1,000 doctors is 260,000 shifts).
MAX_DOCTORS = 20_000
MAX_SHIFTS = 1_000_000


class UnreadableRota(UnreadableJson):
    """The file is not a rota that can be checked."""


def read_rota(name: str, data: bytes) -> RotaShifts:
    """A rota from a file's bytes: JSON for a ``.json`` name, CSV of shifts for ``.csv``;
    any other name is read as JSON if it opens with ``{`` and as CSV otherwise. Either is
    refused, unread, when larger than ``MAX_DOCUMENT_BYTES``."""
    suffix = PurePath(name).suffix.lower()
    opening = data.removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    as_json = suffix == ".json" or (suffix != ".csv" and opening == b"{")
    if not as_json:
        return read_shift_csv_bytes(data)
    return read_exchange(document_text(data, UnreadableRota))


def period_problem(period: Period, shift_day: date) -> str | None:
    if period.start <= shift_day <= period.end:
        return None
    return (
        f"the shift starts on {format_day(shift_day)}, outside the period "
        f"{format_day(period.start)} to {format_day(period.end)}; the period is the rota "
        "cycle, so widen it or leave the shift out"
    )


# --- JSON -------------------------------------------------------------------------------

_TOP_KEYS = ("period", "doctors", "shifts")
_DOCTOR_KEYS = ("id", "name", "rule_set", "wte", "opted_out", "grade")
_SHIFT_KEYS = ("doctor", "start", "end", "kind")


def read_exchange(text: str) -> RotaShifts:
    """A rota from an exchange JSON document; raises ``UnreadableRota`` listing every
    problem."""
    return read_exchange_document(load_json(text, UnreadableRota))


def read_exchange_document(document: object) -> RotaShifts:
    """A rota from an exchange document already parsed within the bounds ``load_json``
    keeps (the API parses a request body once, so); raises ``UnreadableRota``."""
    reader = ExchangeReader()
    rota = reader.read(reader.rota, document)
    if reader.problems or rota is None:
        raise UnreadableRota(reader.problems)
    return rota


class ExchangeReader(RotaFieldReader):
    def __init__(self) -> None:
        super().__init__()
        self._moments = Moments()

    def rota(self, document: object) -> RotaShifts | None:
        top = self.mapping(document, "", "the rota", _TOP_KEYS)
        if top is None:
            return None
        period = self.period(top["period"]) if "period" in top else None
        doctors, named = self.doctors(top.get("doctors"))
        shifts = self.shifts(top.get("shifts"), named, period)
        if "period" not in top and shifts:
            period = Period.covering(shifts)
            if too_long := period_length_problem(period):
                self.add("shifts", f"the shifts span {too_long}; give fewer, or check the years")
                return None
        if period is None:
            if "period" not in top and not self.problems:
                self.add("period", "with no shifts the rota needs a period (start and end)")
            return None
        return RotaShifts(period, tuple(doctors), tuple(shifts))

    def doctors(self, value: object) -> tuple[list[DoctorTerms], set[str]]:
        """The doctors, and every id named, so that a shift of a doctor whose entry has a
        problem is not also called a shift of an unknown doctor."""
        doctors: list[DoctorTerms] = []
        first_seen: dict[str, int] = {}
        for index, raw in enumerate(self.items(value, "doctors", "doctors", most=MAX_DOCTORS)):
            path = f"doctors[{index}]"
            item = self.mapping(raw, path, "a doctor", _DOCTOR_KEYS)
            if item is None:
                continue
            doctor = self.doctor(item, path)
            raw_id = item.get("id")
            doctor_id = raw_id.strip() if isinstance(raw_id, str) else ""
            if doctor_id in first_seen:
                self.add(
                    f"{path}.id",
                    f"doctor {quoted(doctor_id)} is listed twice "
                    f"(doctors[{first_seen[doctor_id]}] and {path}); ids must be unique",
                    doctor_id,
                )
            elif doctor_id:
                first_seen[doctor_id] = index
                if doctor is not None:
                    doctors.append(doctor)
        return doctors, set(first_seen)

    def doctor(self, item: Mapping[str, object], path: str) -> DoctorTerms | None:
        before = len(self.problems)
        raw_id = self.required(item, path, "id")
        doctor_id = None if raw_id is None else self.text(raw_id, f"{path}.id", "a doctor's id")
        name = self.text(item.get("name", ""), f"{path}.name", "name", empty_ok=True)
        grade = self.text(item.get("grade", ""), f"{path}.grade", "grade", empty_ok=True)
        raw_rule_set = item.get("rule_set", RuleSetName.TCS2016.value)
        rule_set = self.rule_set(raw_rule_set, f"{path}.rule_set") or RuleSetName.TCS2016
        wte = self.wte(item, path)
        opted_out = self.opted_out(item, path)
        if len(self.problems) > before or doctor_id is None:
            return None
        return DoctorTerms(
            id=doctor_id,
            name=name or "",
            rule_set=rule_set,
            wte=wte,
            opted_out=opted_out,
            grade=grade or "",
        )

    def shifts(self, value: object, doctor_ids: set[str], period: Period | None) -> list[Shift]:
        shifts: list[Shift] = []
        known = listed(sorted(doctor_ids))
        for index, raw in enumerate(self.items(value, "shifts", "shifts", most=MAX_SHIFTS)):
            path = f"shifts[{index}]"
            item = self.mapping(raw, path, "a shift", _SHIFT_KEYS)
            found = None if item is None else self.shift(item, path, doctor_ids, known, period)
            if found is not None:
                shifts.append(found)
        return shifts

    def shift(
        self,
        item: Mapping[str, object],
        path: str,
        doctor_ids: set[str],
        known: str,
        period: Period | None,
    ) -> Shift | None:
        before = len(self.problems)
        raw_doctor = self.required(item, path, "doctor")
        doctor = None if raw_doctor is None else self.text(raw_doctor, f"{path}.doctor", "doctor")
        if doctor is not None and doctor not in doctor_ids:
            self.add(
                f"{path}.doctor",
                f"unknown doctor {quoted(doctor)}; add them to doctors, or use one of {known}",
                doctor,
            )
        texts = [self.required(item, path, key) for key in ("start", "end")]
        start, end = (
            None if raw is None else self.moment(raw, f"{path}.{key}", key)
            for raw, key in zip(texts, ("start", "end"), strict=True)
        )
        raw_kind = item.get("kind", ShiftKind.WORK.value)
        kind = _KINDS.get(raw_kind) if isinstance(raw_kind, str) else None
        if kind is None:
            wrong = shown_value(raw_kind)
            self.add(f"{path}.kind", f"unknown kind {wrong}; the kinds are {KINDS}", raw_kind)
        if start is None or end is None:
            return None
        problem = shift_time_problem(start, end)
        if problem:
            self.add(f"{path}.end", problem, texts[1])
        elif period is not None and (outside := period_problem(period, _day(start))):
            self.add(f"{path}.start", outside, texts[0])
        if len(self.problems) > before or doctor is None or kind is None:
            return None
        return Shift(doctor, start, end, kind, source=path)

    def moment(self, raw: object, path: str, label: str) -> datetime | None:
        typed = self.text(raw, path, label)
        return (
            None if typed is None else self.parsed(path, partial(self._moments.parse, typed, label))
        )


def _day(moment: datetime) -> date:
    return to_london(moment).date()


# --- CSV --------------------------------------------------------------------------------

SHIFT_COLUMNS = ColumnSet(
    [
        Column("doctor", REQUIRED, "D1", "The doctor's id; each id is one doctor."),
        Column("start", REQUIRED, "2026-08-03T08:00", "London time the shift starts."),
        Column("end", REQUIRED, "2026-08-03T17:00", "London time the shift ends."),
        Column("kind", OPTIONAL, "work", f"One of {KINDS}; empty means work."),
    ]
)


def read_shift_csv(text: str) -> RotaShifts:
    """A rota from a CSV of shifts (``doctor,start,end,kind``): its doctors are the ids the
    rows name, each on the default terms, and its period covers the shifts' weeks."""
    return read_shift_csv_bytes(text.encode("utf-8"))


def read_shift_csv_bytes(data: bytes) -> RotaShifts:
    """Bounded as the JSON is: in bytes, in rows (``MAX_SHIFTS``) and in the problems it
    lists (``MAX_PROBLEMS``, after which reading stops)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UnreadableRota([too_big(len(data))])
    try:
        table = read_csv(data, row_limit=MAX_SHIFTS)
    except UnreadableFile as error:
        raise UnreadableRota([Problem(error.message)]) from None
    problems = SHIFT_COLUMNS.shape_problems(table, "shift")
    if problems:
        raise UnreadableRota(problems)
    positions = SHIFT_COLUMNS.positions(table.headings)
    moments = Moments()
    shifts: list[Shift] = []
    for row in table.rows:
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(f"reading stopped at line {row.line}: {STOPPED}"))
            break
        reader = RowReader(row, positions)
        doctor = reader.get("doctor", _doctor_id, "")
        start = reader.get("start", lambda v: moments.parse(str(v), "start"), None)
        end = reader.get("end", lambda v: moments.parse(str(v), "end"), None)
        kind = reader.get("kind", _kind, ShiftKind.WORK)
        if start is not None and end is not None and (problem := shift_time_problem(start, end)):
            reader.add("end", problem)
        if reader.problems or start is None or end is None:
            problems.extend(reader.problems)
            continue
        shifts.append(Shift(doctor, start, end, kind, source=f"line {row.line}"))
    if problems:
        raise UnreadableRota(problems)
    period = Period.covering(shifts)
    if too_long := period_length_problem(period):
        raise UnreadableRota([Problem(f"The shifts span {too_long}; check the years.")])
    doctors = tuple(DoctorTerms(doctor_id) for doctor_id in dict.fromkeys(s.doctor for s in shifts))
    return RotaShifts(period, doctors, tuple(shifts))


def _doctor_id(value: object) -> str:
    typed = str(value).strip()
    if not typed:
        raise FieldProblem("doctor is missing; give the doctor's id, such as D1")
    return typed


def _kind(value: object) -> ShiftKind:
    typed = str(value).strip() or ShiftKind.WORK.value
    kind = _KINDS.get(typed)
    if kind is None:
        raise FieldProblem(f"unknown kind; the kinds are {KINDS}; {got(typed)}")
    return kind
