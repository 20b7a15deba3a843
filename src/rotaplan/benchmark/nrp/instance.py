"""Read a Curtois & Qu shift scheduling instance (``InstanceN.txt``).

The format is described in ``shared/benchmarks/shift-scheduling/README.md``: plain text,
``#`` starts a comment, sections are separated by blank lines and each starts with a
``SECTION_...`` header line. Sections may come in any order; all seven must be present.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)


class InstanceError(ValueError):
    """The instance text is malformed. ``line`` is 1-based (0 when no line applies)."""

    def __init__(self, line: int, message: str, name: str = "") -> None:
        where = f"{name}: " if name else ""
        where += f"line {line}: " if line else ""
        super().__init__(f"{where}{message}")
        self.line = line
        self.plain_message = message


@dataclass(frozen=True, slots=True)
class Shift:
    id: str
    minutes: int
    cannot_follow: frozenset[str]
    """Shift ids that may not be worked on the day after this shift."""


@dataclass(frozen=True, slots=True)
class Staff:
    id: str
    max_shifts: Mapping[str, int]
    """Most shifts of each type; a type not listed has no limit."""
    max_total_minutes: int
    min_total_minutes: int
    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int
    max_weekends: int


@dataclass(frozen=True, slots=True)
class ShiftRequest:
    employee: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True, slots=True)
class Cover:
    day: int
    shift: str
    requirement: int
    weight_under: int
    weight_over: int


@dataclass(frozen=True, slots=True)
class Instance:
    name: str
    horizon: int
    shifts: tuple[Shift, ...]
    staff: tuple[Staff, ...]
    days_off: Mapping[str, frozenset[int]]
    """Days each employee must not work; every employee has an entry (maybe empty)."""
    shift_on_requests: tuple[ShiftRequest, ...]
    shift_off_requests: tuple[ShiftRequest, ...]
    cover: tuple[Cover, ...]

    def shift(self, shift_id: str) -> Shift:
        for shift in self.shifts:
            if shift.id == shift_id:
                return shift
        raise KeyError(shift_id)

    @property
    def shift_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.shifts)

    @property
    def employee_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.staff)


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    fields: list[str]


def _split_sections(text: str, name: str) -> dict[str, list[_Row]]:
    sections: dict[str, list[_Row]] = {}
    header_line: dict[str, int] = {}
    current: str | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.replace("\r", "")
        comment = line.find("#")
        if comment >= 0:
            line = line[:comment]
        line = line.strip()
        if not raw.replace("\r", "").strip():
            current = None  # a truly blank line ends the section
            continue
        if not line:
            continue  # a comment-only line
        if line.startswith("SECTION_"):
            if line not in SECTIONS:
                raise InstanceError(number, f"unknown section {line!r}", name)
            if line in sections:
                raise InstanceError(
                    number, f"{line} appears twice (first on line {header_line[line]})", name
                )
            sections[line] = []
            header_line[line] = number
            current = line
            continue
        if current is None:
            raise InstanceError(number, f"data outside any section: {line!r}", name)
        sections[current].append(_Row(number, [f.strip() for f in line.split(",")]))
    for section in SECTIONS:
        if section not in sections:
            raise InstanceError(0, f"{section} is missing", name)
    return sections


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name

    def error(self, line: int, message: str) -> InstanceError:
        return InstanceError(line, message, self.name)

    def integer(self, row: _Row, value: str, what: str) -> int:
        try:
            return int(value)
        except ValueError:
            raise self.error(row.line, f"{what} must be a whole number, not {value!r}") from None

    def fields(self, row: _Row, count: int, section: str) -> list[str]:
        if len(row.fields) != count:
            raise self.error(
                row.line, f"{section} rows have {count} fields, this one has {len(row.fields)}"
            )
        return row.fields

    def day(self, row: _Row, value: str, horizon: int) -> int:
        day = self.integer(row, value, "day")
        if not 0 <= day < horizon:
            raise self.error(row.line, f"day {day} is outside the horizon 0..{horizon - 1}")
        return day


def read_instance(text: str, name: str = "") -> Instance:
    """Parse an instance; raise :class:`InstanceError` naming the line on bad input."""
    sections = _split_sections(text, name)
    r = _Reader(name)

    horizon_rows = sections["SECTION_HORIZON"]
    if len(horizon_rows) != 1:
        line = horizon_rows[1].line if len(horizon_rows) > 1 else 0
        raise r.error(line, "SECTION_HORIZON must hold exactly one number")
    h_row = horizon_rows[0]
    horizon = r.integer(h_row, r.fields(h_row, 1, "SECTION_HORIZON")[0], "horizon")
    if horizon <= 0:
        raise r.error(h_row.line, f"horizon must be positive, not {horizon}")

    # Shifts: read ids first, then check the cannot-follow ids against them.
    shift_rows: list[tuple[_Row, str, int, list[str]]] = []
    shift_ids: set[str] = set()
    for row in sections["SECTION_SHIFTS"]:
        sid, minutes_text, follow = r.fields(row, 3, "SECTION_SHIFTS")
        if not sid:
            raise r.error(row.line, "shift id is empty")
        if sid in shift_ids:
            raise r.error(row.line, f"shift {sid!r} is defined twice")
        minutes = r.integer(row, minutes_text, "shift length")
        shift_ids.add(sid)
        shift_rows.append((row, sid, minutes, [f.strip() for f in follow.split("|") if f.strip()]))
    if not shift_rows:
        raise r.error(0, "SECTION_SHIFTS has no shifts")
    shifts: list[Shift] = []
    for row, sid, minutes, follow_ids in shift_rows:
        for other in follow_ids:
            if other not in shift_ids:
                raise r.error(row.line, f"unknown shift {other!r} in ShiftsThatCannotFollow")
        shifts.append(Shift(sid, minutes, frozenset(follow_ids)))

    def shift_id(row: _Row, value: str) -> str:
        if value not in shift_ids:
            raise r.error(row.line, f"unknown shift {value!r}")
        return value

    staff: list[Staff] = []
    for row in sections["SECTION_STAFF"]:
        f = r.fields(row, 8, "SECTION_STAFF")
        if not f[0]:
            raise r.error(row.line, "employee id is empty")
        if any(s.id == f[0] for s in staff):
            raise r.error(row.line, f"employee {f[0]!r} is defined twice")
        max_shifts: dict[str, int] = {}
        for part in (p.strip() for p in f[1].split("|")):
            if not part:
                continue
            key, sep, value = part.partition("=")
            if not sep:
                raise r.error(row.line, f"MaxShifts entry {part!r} is not ShiftID=number")
            max_shifts[shift_id(row, key.strip())] = r.integer(row, value.strip(), "MaxShifts")
        staff.append(
            Staff(
                id=f[0],
                max_shifts=max_shifts,
                max_total_minutes=r.integer(row, f[2], "MaxTotalMinutes"),
                min_total_minutes=r.integer(row, f[3], "MinTotalMinutes"),
                max_consecutive_shifts=r.integer(row, f[4], "MaxConsecutiveShifts"),
                min_consecutive_shifts=r.integer(row, f[5], "MinConsecutiveShifts"),
                min_consecutive_days_off=r.integer(row, f[6], "MinConsecutiveDaysOff"),
                max_weekends=r.integer(row, f[7], "MaxWeekends"),
            )
        )
    if not staff:
        raise r.error(0, "SECTION_STAFF has no employees")
    employee_ids = {s.id for s in staff}

    def employee_id(row: _Row, value: str) -> str:
        if value not in employee_ids:
            raise r.error(row.line, f"unknown employee {value!r}")
        return value

    days_off: dict[str, set[int]] = {s.id: set() for s in staff}
    for row in sections["SECTION_DAYS_OFF"]:
        emp = employee_id(row, row.fields[0])
        days_off[emp].update(r.day(row, d, horizon) for d in row.fields[1:] if d)

    def requests(section: str) -> tuple[ShiftRequest, ...]:
        out: list[ShiftRequest] = []
        for row in sections[section]:
            emp, day, sid, weight = r.fields(row, 4, section)
            out.append(
                ShiftRequest(
                    employee=employee_id(row, emp),
                    day=r.day(row, day, horizon),
                    shift=shift_id(row, sid),
                    weight=r.integer(row, weight, "weight"),
                )
            )
        return tuple(out)

    cover: list[Cover] = []
    seen: dict[tuple[int, str], int] = {}
    for row in sections["SECTION_COVER"]:
        day_text, sid, req, under, over = r.fields(row, 5, "SECTION_COVER")
        c = Cover(
            day=r.day(row, day_text, horizon),
            shift=shift_id(row, sid),
            requirement=r.integer(row, req, "requirement"),
            weight_under=r.integer(row, under, "weight for under"),
            weight_over=r.integer(row, over, "weight for over"),
        )
        if (c.day, c.shift) in seen:
            raise r.error(
                row.line,
                f"cover for day {c.day} shift {c.shift} repeats line {seen[(c.day, c.shift)]}",
            )
        seen[(c.day, c.shift)] = row.line
        cover.append(c)

    return Instance(
        name=name,
        horizon=horizon,
        shifts=tuple(shifts),
        staff=tuple(staff),
        days_off={emp: frozenset(days) for emp, days in days_off.items()},
        shift_on_requests=requests("SECTION_SHIFT_ON_REQUESTS"),
        shift_off_requests=requests("SECTION_SHIFT_OFF_REQUESTS"),
        cover=tuple(cover),
    )


def read_instance_file(path: str | Path) -> Instance:
    """Read an instance file; the name is the file name without its suffix."""
    p = Path(path)
    return read_instance(p.read_text(encoding="utf-8"), name=p.stem)
