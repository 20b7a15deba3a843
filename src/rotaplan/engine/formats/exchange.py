"""The exchange format: a rota as a JSON document or a CSV of shifts, and a compliance
report written back as JSON or as text. docs/exchange-format.md describes both.

Reading checks everything before it gives up, so one run lists every problem in the file,
each naming where it is: a JSON path ("shifts[3].end") or a CSV line and column ("line 4,
end"), with the value at fault. A file with any problem raises ``UnreadableRota``; a file
without one becomes a ``Rota`` that the rules engine can judge. Overlapping shifts are not
a reading problem: the rules engine reports them as the breach ``overlapping-shifts``.
"""

from __future__ import annotations

import codecs
import difflib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import PurePath
from typing import TypeVar

from rotaplan.engine.clock import (
    LONDON,
    format_day,
    format_moment,
    hours_between,
    local_datetime,
    to_london,
)
from rotaplan.engine.compliance import Breach, ComplianceReport, DoctorFigures
from rotaplan.engine.rota import DoctorTerms, Period, Rota, RuleSetName, Shift, ShiftKind

from .cells import FieldProblem, got
from .columns import OPTIONAL, REQUIRED, Column, ColumnSet
from .problems import Problem
from .rows import RowReader
from .spreadsheet import UnreadableFile, read_csv

T = TypeVar("T")

# A day's shift, or a 24-hour on-call period, plus the hour the October clock change adds.
MAX_SHIFT_HOURS = 25.0

_RULE_SET_NAMES = tuple(rule_set.value for rule_set in RuleSetName)
_KINDS = {kind.value: kind for kind in ShiftKind}
RULE_SETS = ", ".join(_RULE_SET_NAMES)
KINDS = ", ".join(_KINDS)


class UnreadableJson(Exception):
    """A JSON document we cannot use; ``problems`` says everything wrong, each at its path."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class UnreadableRota(UnreadableJson):
    """The file is not a rota that can be checked."""


def load_json(text: str, unreadable: type[UnreadableJson]) -> object:
    """The parsed document, keys checked for repeats; text that is not JSON at all raises
    ``unreadable`` naming the line and column."""
    try:
        document: object = json.loads(text, object_pairs_hook=json_object)
    except json.JSONDecodeError as error:
        raise unreadable(
            [Problem(f"not valid JSON: {error.msg}", error.lineno, f"column {error.colno}")]
        ) from None
    return document


def read_rota(name: str, data: bytes) -> Rota:
    """A rota from a file's bytes: JSON for a ``.json`` name, CSV of shifts for ``.csv``;
    any other name is read as JSON if it opens with ``{`` and as CSV otherwise."""
    suffix = PurePath(name).suffix.lower()
    opening = data.removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    as_json = suffix == ".json" or (suffix != ".csv" and opening == b"{")
    if not as_json:
        return read_shift_csv_bytes(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise UnreadableRota(
            [Problem(f"The file is not UTF-8 text (byte 0x{byte:02x} at line {line}).")]
        ) from None
    return read_exchange(text)


# --- Times ----------------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)([+-]\d{2}:\d{2}|Z)?")
_DATE_TIME_EXAMPLE = "such as 2026-08-03T08:00 (London time)"


def parse_iso_date(value: str, label: str) -> date:
    if not _DATE.fullmatch(value):
        raise FieldProblem(f"{label} must be a date such as 2026-08-03; {got(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FieldProblem(f"{label} is not a date in the calendar; {got(value)}") from None


class _Moments:
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
    if offset:
        given = datetime.fromisoformat(f"{day_text}T{time_text}{offset.replace('Z', '+00:00')}")
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


def shift_time_problem(start: datetime, end: datetime) -> str | None:
    """What is wrong with a shift's end given its start, if anything. Compared in real time:
    Python compares two London times as wall-clock values, blind to the October hour."""
    hours = hours_between(start, end)
    if hours < 0:
        return f"end {_exchange_time(end)} is before start {_exchange_time(start)}"
    if hours == 0:
        return f"end equals start ({_exchange_time(start)}); a shift must last some time"
    if hours > MAX_SHIFT_HOURS:
        return (
            f"a {hours:g}-hour shift is not a shift: split it into shifts or on-call periods "
            f"(at most {MAX_SHIFT_HOURS:g} hours, a 24-hour on-call across the October clock "
            "change)"
        )
    return None


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
_PERIOD_KEYS = ("start", "end")
_DOCTOR_KEYS = ("id", "name", "rule_set", "wte", "opted_out", "grade")
_SHIFT_KEYS = ("doctor", "start", "end", "kind")


def read_exchange(text: str) -> Rota:
    """A rota from an exchange JSON document; raises ``UnreadableRota`` listing every
    problem."""
    document = load_json(text, UnreadableRota)
    reader = JsonReader()
    rota = reader.rota(document)
    if reader.problems or rota is None:
        raise UnreadableRota(reader.problems)
    return rota


class _RepeatedKeys(dict[str, object]):
    """A JSON object that names a key more than once: ``json`` would keep the last value
    without a word, so the reader reports the repeated keys."""

    repeated: tuple[str, ...] = ()


def json_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    repeated = _RepeatedKeys(found)
    counts = Counter(key for key, _ in pairs)
    repeated.repeated = tuple(key for key, count in counts.items() if count > 1)
    return repeated


def shown_value(value: object) -> str:
    """A JSON value as written, shortened if long, for a message."""
    shown = json.dumps(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else type(value).__name__


class JsonReader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._moments = _Moments()

    def add(self, path: str, message: str, value: object = "") -> None:
        shown = value if isinstance(value, str) else shown_value(value)
        self.problems.append(Problem(message, value=shown, path=path))

    def rota(self, document: object) -> Rota | None:
        top = self.mapping(document, "", "the rota", _TOP_KEYS)
        if top is None:
            return None
        period = self.period(top["period"]) if "period" in top else None
        doctors, named = self.doctors(top.get("doctors"))
        shifts = self.shifts(top.get("shifts"), named, period)
        if "period" not in top and shifts:
            period = Period.covering(shifts)
        if period is None:
            if "period" not in top and not self.problems:
                self.add("period", "with no shifts the rota needs a period (start and end)")
            return None
        return Rota(period, tuple(doctors), tuple(shifts))

    def mapping(
        self, value: object, path: str, noun: str, keys: Sequence[str]
    ) -> dict[str, object] | None:
        """``value`` as an object, its unknown keys reported; None if it is not one."""
        if not isinstance(value, dict):
            where = path or "the file"
            message = f"{noun} must be a JSON object {{...}}; got {type_name(value)}"
            self.problems.append(Problem(message, value=shown_value(value), path=where))
            return None
        for key in value.repeated if isinstance(value, _RepeatedKeys) else ():
            self.add(_join(path, key), f"'{key}' is given more than once in {noun}", key)
        for key in value:
            if key not in keys:
                guess = difflib.get_close_matches(key, keys, n=1)
                hint = f"did you mean '{guess[0]}'? " if guess else ""
                self.add(
                    _join(path, key),
                    f"unknown key '{key}' in {noun}; {hint}the keys are {', '.join(keys)}",
                    key,
                )
        return value

    def items(self, value: object, path: str, noun: str) -> list[object]:
        if value is None:
            self.add(path, f"is missing; give a list of {noun}, [] for none")
            return []
        if not isinstance(value, list):
            self.add(path, f"must be a list of {noun}; got {type_name(value)}", value)
            return []
        return value

    def required(self, item: Mapping[str, object], path: str, key: str) -> object:
        value = item.get(key)
        if value is None:
            self.add(_join(path, key), "is missing" if key not in item else "must not be null")
        return value

    def text(self, value: object, path: str, label: str, *, empty_ok: bool = False) -> str | None:
        if not isinstance(value, str):
            self.add(path, f"{label} must be text in quotes; got {type_name(value)}", value)
            return None
        if not empty_ok and not value.strip():
            self.add(path, f"{label} must not be empty", value)
            return None
        return value.strip()

    def parsed(self, path: str, parse: Callable[[], T]) -> T | None:
        try:
            return parse()
        except FieldProblem as problem:
            self.problems.append(Problem(str(problem), path=path))
            return None

    def period(self, value: object) -> Period | None:
        item = self.mapping(value, "period", "the period", _PERIOD_KEYS)
        if item is None:
            return None
        bounds: list[date | None] = []
        for key in _PERIOD_KEYS:
            raw = self.required(item, "period", key)
            typed = None if raw is None else self.text(raw, f"period.{key}", f"period {key}")
            parse = partial(parse_iso_date, typed, f"period {key}") if typed else None
            bounds.append(self.parsed(f"period.{key}", parse) if parse else None)
        start, end = bounds
        if start is None or end is None:
            return None
        if end < start:
            self.add(
                "period.end",
                f"the period ends ({format_day(end)}) before it starts ({format_day(start)})",
                end.isoformat(),
            )
            return None
        return Period(start, end)

    def doctors(self, value: object) -> tuple[list[DoctorTerms], set[str]]:
        """The doctors, and every id named, so that a shift of a doctor whose entry has a
        problem is not also called a shift of an unknown doctor."""
        doctors: list[DoctorTerms] = []
        first_seen: dict[str, int] = {}
        for index, raw in enumerate(self.items(value, "doctors", "doctors")):
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
                    f"doctor '{doctor_id}' is listed twice "
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
        rule_set = RuleSetName.TCS2016
        raw_rule_set = item.get("rule_set", RuleSetName.TCS2016.value)
        if raw_rule_set not in _RULE_SET_NAMES:
            self.add(
                f"{path}.rule_set",
                f"unknown rule set {shown_value(raw_rule_set)}; the rule sets are {RULE_SETS}",
                raw_rule_set,
            )
        else:
            rule_set = RuleSetName(str(raw_rule_set))
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

    def wte(self, item: Mapping[str, object], path: str) -> float:
        """A doctor's whole-time equivalent, 1.0 when not given."""
        wte = item.get("wte", 1.0)
        if isinstance(wte, bool) or not isinstance(wte, int | float):
            self.add(f"{path}.wte", f"wte must be a number such as 0.6; got {type_name(wte)}", wte)
            return 1.0
        if not 0 < wte <= 1:
            self.add(
                f"{path}.wte",
                f"wte (whole-time equivalent) must be more than 0 and at most 1; got {wte:g}",
                wte,
            )
        return float(wte)

    def opted_out(self, item: Mapping[str, object], path: str) -> bool:
        """Whether the doctor opted out of the 48-hour average, false when not given."""
        opted_out = item.get("opted_out", False)
        if not isinstance(opted_out, bool):
            self.add(
                f"{path}.opted_out",
                f"opted_out must be true or false; got {type_name(opted_out)}",
                opted_out,
            )
        return opted_out is True

    def shifts(self, value: object, doctor_ids: set[str], period: Period | None) -> list[Shift]:
        shifts: list[Shift] = []
        known = listed(sorted(doctor_ids))
        for index, raw in enumerate(self.items(value, "shifts", "shifts")):
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
                f"unknown doctor '{doctor}'; add them to doctors, or use one of {known}",
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


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _day(moment: datetime) -> date:
    return to_london(moment).date()


def listed(names: Sequence[str], most: int = 8) -> str:
    if not names:
        return "none (the doctors list is empty)"
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


# --- CSV --------------------------------------------------------------------------------

SHIFT_COLUMNS = ColumnSet(
    [
        Column("doctor", REQUIRED, "D1", "The doctor's id; each id is one doctor."),
        Column("start", REQUIRED, "2026-08-03T08:00", "London time the shift starts."),
        Column("end", REQUIRED, "2026-08-03T17:00", "London time the shift ends."),
        Column("kind", OPTIONAL, "work", f"One of {KINDS}; empty means work."),
    ]
)


def read_shift_csv(text: str) -> Rota:
    """A rota from a CSV of shifts (``doctor,start,end,kind``): its doctors are the ids the
    rows name, each on the default terms, and its period covers the shifts' weeks."""
    return read_shift_csv_bytes(text.encode("utf-8"))


def read_shift_csv_bytes(data: bytes) -> Rota:
    try:
        table = read_csv(data, row_limit=False)
    except UnreadableFile as error:
        raise UnreadableRota([Problem(error.message)]) from None
    problems = SHIFT_COLUMNS.shape_problems(table, "shift")
    if problems:
        raise UnreadableRota(problems)
    positions = SHIFT_COLUMNS.positions(table.headings)
    moments = _Moments()
    shifts: list[Shift] = []
    for row in table.rows:
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
    doctors = tuple(DoctorTerms(doctor_id) for doctor_id in dict.fromkeys(s.doctor for s in shifts))
    return Rota(Period.covering(shifts), doctors, tuple(shifts))


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


# --- The report -------------------------------------------------------------------------


def london_iso(moment: datetime) -> str:
    """A moment as London ISO 8601 with its offset: "2026-08-03T08:00:00+01:00"."""
    return to_london(moment).isoformat(timespec="seconds")


def _number(value: float) -> float | int:
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def breach_json(breach: Breach) -> dict[str, object]:
    return {
        "rule": breach.rule,
        "doctor": breach.doctor,
        "start": london_iso(breach.start),
        "end": london_iso(breach.end),
        "value": _number(breach.value),
        "limit": _number(breach.limit),
        "message": breach.message,
    }


def figures_json(figures: DoctorFigures) -> dict[str, object]:
    return {
        "average_weekly_hours": _number(figures.average_weekly_hours),
        "max_hours_in_168h": _number(figures.max_hours_in_168h),
        "weekends_worked": figures.weekends_worked,
        "weekends_in_period": figures.weekends_in_period,
        "night_shifts": figures.night_shifts,
        "long_shifts": figures.long_shifts,
        "on_call_periods": figures.on_call_periods,
    }


def write_report_json(report: ComplianceReport) -> dict[str, object]:
    """The report as the JSON object docs/exchange-format.md describes."""
    return {
        "compliant": report.compliant,
        "breaches": [breach_json(breach) for breach in report.breaches],
        "doctors": {doctor: figures_json(f) for doctor, f in report.doctors.items()},
    }


_TABLE_HEADINGS = (
    "doctor",
    "avg h/week",
    "max h in 168h",
    "weekends",
    "nights",
    "long shifts",
    "on-call",
)


def format_report_text(report: ComplianceReport, names: Mapping[str, str] | None = None) -> str:
    """The report for a person at a terminal: a verdict, a table of each doctor's figures,
    then each breach as a sentence under its rule and doctor."""
    names = names or {}
    count = len(report.breaches)
    doctors = len(report.doctors)
    if report.compliant:
        verdict = f"Compliant: no breaches for {doctors} doctor{'s' if doctors != 1 else ''}."
    else:
        breached = len({b.doctor for b in report.breaches})
        verdict = (
            f"Not compliant: {count} breach{'es' if count != 1 else ''} "
            f"for {breached} of {doctors} doctor{'s' if doctors != 1 else ''}."
        )
    rows = [
        (
            _named(doctor, names),
            f"{f.average_weekly_hours:.1f}",
            f"{f.max_hours_in_168h:.1f}",
            f"{f.weekends_worked} of {f.weekends_in_period}",
            str(f.night_shifts),
            str(f.long_shifts),
            str(f.on_call_periods),
        )
        for doctor, f in report.doctors.items()
    ]
    lines = [verdict, "", *_table(_TABLE_HEADINGS, rows)]
    if report.breaches:
        lines += ["", "Breaches:"]
        for breach in report.breaches:
            lines.append(
                f"- {breach.rule}, {_named(breach.doctor, names)}, "
                f"{format_moment(breach.start)} to {format_moment(breach.end)}: {breach.message}"
            )
    return "\n".join(lines)


def _named(doctor: str, names: Mapping[str, str]) -> str:
    name = names.get(doctor, "")
    return f"{doctor} ({name})" if name and name != doctor else doctor


def _table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(cells[i]) for cells in [headings, *rows]) for i in range(len(headings))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    return [line(headings), *(line(cells) for cells in rows)]


# Shared by the benchmark and the tests: a rota written back as an exchange document.
def write_exchange(rota: Rota) -> dict[str, object]:
    """The exchange JSON document for a rota; ``read_exchange`` reads it back unchanged."""
    return {
        "period": {"start": rota.period.start.isoformat(), "end": rota.period.end.isoformat()},
        "doctors": [_doctor_json(d) for d in rota.doctors],
        "shifts": [
            {
                "doctor": s.doctor,
                "start": _exchange_time(s.start),
                "end": _exchange_time(s.end),
                "kind": s.kind.value,
            }
            for s in rota.shifts
        ],
    }


def _doctor_json(doctor: DoctorTerms) -> dict[str, object]:
    item: dict[str, object] = {"id": doctor.id}
    if doctor.name:
        item["name"] = doctor.name
    item.update(rule_set=doctor.rule_set.value, wte=doctor.wte, opted_out=doctor.opted_out)
    if doctor.grade:
        item["grade"] = doctor.grade
    return item


def _exchange_time(moment: datetime) -> str:
    """London wall-clock time, with the offset only where the wall-clock time alone would be
    read as another moment (the second 01:30 on the October change day)."""
    local = to_london(moment)
    naive = local.replace(tzinfo=None)
    if local_datetime(naive.date(), naive.time()).timestamp() == local.timestamp():
        return local.strftime("%Y-%m-%dT%H:%M")
    return local.isoformat(timespec="minutes")
