"""Checking a doctors file, without a database: a table and ``ImportLookups`` in, every
clean ``DoctorRecord`` or every problem out. A medical staffing officer fixing a changeover
spreadsheet wants all the problems at once, each naming the line and column, not one per
upload."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rotaplan.engine.clock import format_day
from rotaplan.engine.formats.cell_values import (
    parse_date,
    parse_gmc_number,
    parse_optional_date,
    parse_yes_no,
)
from rotaplan.engine.formats.input_problems import Problem
from rotaplan.engine.formats.rows import RowReader
from rotaplan.engine.formats.spreadsheet import RawTable

from ..grades import contract_for_grade
from .columns import DOCTOR_COLUMNS
from .fields import (
    parse_competencies,
    parse_contract,
    parse_department,
    parse_email,
    parse_grade,
    parse_name,
    parse_wte,
)
from .lookups import DepartmentRef, ImportLookups


@dataclass(frozen=True)
class DoctorRecord:
    line: int
    gmc_number: str
    first_name: str
    last_name: str
    email: str
    grade: str
    contract: str
    wte: Decimal
    opted_out: bool
    department_id: int
    post_start: date
    post_end: date | None
    competency_ids: tuple[int, ...]


@dataclass(frozen=True)
class CheckedImport:
    """Either every row clean (``records``) or the problems, never a mixture to act on."""

    records: tuple[DoctorRecord, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def check_table(table: RawTable, lookups: ImportLookups) -> CheckedImport:
    file_problems = check_shape(table, lookups)
    if file_problems:
        return CheckedImport(problems=tuple(file_problems))
    positions = column_positions(table.headings)
    records: list[DoctorRecord] = []
    problems: list[Problem] = []
    lines_by_gmc: dict[str, list[int]] = defaultdict(list)
    for row in table.rows:
        reader = RowReader(row, positions)
        gmc_number = _check_gmc_number(reader, lookups)
        record = _check_row(reader, gmc_number, lookups)
        problems.extend(reader.problems)
        if record is not None:
            records.append(record)
        if gmc_number:
            lines_by_gmc[gmc_number].append(row.line)
    problems.extend(_duplicate_problems(lines_by_gmc))
    if problems:
        problems.sort(key=DOCTOR_COLUMNS.order)
        return CheckedImport(problems=tuple(problems))
    return CheckedImport(records=tuple(records))


def column_positions(headings: Sequence[str]) -> dict[str, int]:
    """Where each known column is; the first of a repeated one (check_shape refuses those)."""
    return DOCTOR_COLUMNS.positions(headings)


def check_shape(table: RawTable, lookups: ImportLookups) -> list[Problem]:
    """Problems with the file as a whole: if any, its rows are not worth checking."""
    problems = DOCTOR_COLUMNS.shape_problems(table, "doctor")
    if not any(table.headings):
        return problems
    default = lookups.default_department
    if default is None and "department" not in column_positions(table.headings):
        problems.append(
            Problem(
                "The file has no department column. Add one with each doctor's department "
                "code, or choose a department for rows that name none.",
                field="department",
            )
        )
    if default is not None and default.id not in lookups.allowed_department_ids:
        problems.append(
            Problem(
                f"You may not import doctors into {default.name} ({default.code}).",
                field="department",
                value=default.code,
            )
        )
    return problems


# Stand-ins for cells that failed to parse; such a row never becomes a record.
_NO_DEPARTMENT = DepartmentRef(0, "", "")
_NO_COMPETENCIES: tuple[int, ...] = ()


def _check_gmc_number(reader: RowReader, lookups: ImportLookups) -> str:
    """The row's GMC number if it is 7 digits, whether or not someone holds it already (a
    number twice in the file is reported as well)."""
    gmc_number = reader.get("gmc_number", parse_gmc_number, "")
    holder = lookups.existing_gmc_numbers.get(gmc_number) if gmc_number else None
    if holder:
        reader.add(
            "gmc_number",
            f"GMC number {gmc_number} already belongs to {holder}, who is in Rotaplan "
            "already. Remove this row.",
        )
    elif holder is not None:
        reader.add(
            "gmc_number",
            f"GMC number {gmc_number} already belongs to a doctor in Rotaplan. Remove this "
            "row, or ask medical staffing if this doctor is moving to your department.",
        )
    return gmc_number


def _check_row(reader: RowReader, gmc_number: str, lookups: ImportLookups) -> DoctorRecord | None:
    first_name = reader.get("first_name", lambda v: parse_name(v, "First name"), "")
    last_name = reader.get("last_name", lambda v: parse_name(v, "Last name"), "")
    email = reader.get("email", parse_email, "")
    grade = reader.get("grade", parse_grade, "")
    contract = reader.get("contract", parse_contract, "") or contract_for_grade(grade)
    wte = reader.get("wte", parse_wte, Decimal("1.00"))
    opted_out = reader.get("opted_out", lambda v: parse_yes_no(v, "Opted out"), False)
    department = reader.get("department", lambda v: parse_department(v, lookups), _NO_DEPARTMENT)
    post_start = reader.get("post_start", lambda v: parse_date(v, "Start of post"), date.min)
    post_end = reader.get("post_end", lambda v: parse_optional_date(v, "End of post"), None)
    if reader.ok("post_start") and post_end is not None and post_end < post_start:
        reader.add(
            "post_end",
            f"End of post ({format_day(post_end)}) is before start of post "
            f"({format_day(post_start)}).",
        )
    competency_ids = reader.get(
        "competencies", lambda v: parse_competencies(v, lookups.competencies), _NO_COMPETENCIES
    )
    if reader.problems:
        return None
    return DoctorRecord(
        line=reader.line,
        gmc_number=gmc_number,
        first_name=first_name,
        last_name=last_name,
        email=email,
        grade=grade,
        contract=contract,
        wte=wte,
        opted_out=opted_out,
        department_id=department.id,
        post_start=post_start,
        post_end=post_end,
        competency_ids=competency_ids,
    )


def _duplicate_problems(lines_by_gmc: Mapping[str, list[int]]) -> Iterator[Problem]:
    for gmc_number, lines in lines_by_gmc.items():
        if len(lines) < 2:
            continue
        for line in lines:
            others = ", ".join(str(other) for other in lines if other != line)
            yield Problem(
                f"GMC number {gmc_number} is also on line{'s' if len(lines) > 2 else ''} "
                f"{others}. Each doctor can appear only once.",
                line,
                "gmc_number",
                gmc_number,
            )
