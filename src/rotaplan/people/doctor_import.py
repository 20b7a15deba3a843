"""Importing incoming doctors (the August changeover) from a CSV or Excel file, all or nothing.

Three stages, each testable alone:

1. **Reading** turns the bytes into a ``RawTable``: the headings and each row's cells, with the
   row number Excel shows. A file that is not UTF-8 CSV or an ``.xlsx`` workbook raises
   ``UnreadableFile``, since nothing in it can be checked.
2. **Checking** (``check_table``) is pure: a table and ``ImportLookups`` (what the database
   knows, gathered beforehand) in, every clean ``DoctorRecord`` or every problem out. A
   medical staffing officer fixing a changeover spreadsheet wants all the problems at once,
   each naming the line and column, not one per upload.
3. **Writing** (``doctors_import``) gathers the lookups, checks again inside the transaction
   and saves each doctor, so the audit log records every one, or saves none.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import TypeVar

from auditlog.context import auditlog_value, set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from rotaplan.engine.clock import format_day
from rotaplan.organisation.models import Department

from .access import can_manage_doctors
from .grades import Contract, Grade, contract_for_grade
from .models import Competency, Doctor, User

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
COMPETENCY_SEPARATOR = ";"
# The years a post can plausibly start or end in; outside them the year is a typing slip.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099

SAVE_AS_CSV_UTF8 = "In Excel, save it as 'CSV UTF-8 (Comma delimited)'."

# A cell as read: text (stripped) or, from an Excel date cell, a date.
Cell = str | date
T = TypeVar("T")


# --- The columns --------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    need: str
    example: str
    notes: str


REQUIRED = "Required"
OPTIONAL = "Optional"

COLUMNS: tuple[Column, ...] = (
    Column("gmc_number", REQUIRED, "7012345", "Exactly 7 digits."),
    Column("first_name", REQUIRED, "Aisha", ""),
    Column("last_name", REQUIRED, "Khan", ""),
    Column("email", OPTIONAL, "aisha.khan@nhs.net", ""),
    Column(
        "grade",
        REQUIRED,
        "ST4",
        "FY1, FY2, CT1 to CT3, ST1 to ST8, SD (specialty doctor), SPEC (specialist) or CONS "
        "(consultant); or the grade written out, such as Consultant.",
    ),
    Column(
        "contract",
        OPTIONAL,
        "tcs2016",
        "tcs2016, consultant2003 or sas. Left empty, it follows the grade.",
    ),
    Column(
        "wte",
        OPTIONAL,
        "0.6",
        "Whole-time equivalent from 0.10 to 1.00, or a percentage such as 60%. "
        "Left empty, 1.00 (full time).",
    ),
    Column(
        "opted_out",
        OPTIONAL,
        "no",
        "Yes if the doctor has opted out of the 48-hour average. Left empty, no.",
    ),
    Column(
        "department",
        "Required unless you choose a department for rows that name none",
        "acute-medicine",
        "The department's code.",
    ),
    Column("post_start", REQUIRED, "2026-08-05", "A date: 2026-08-05 or 05/08/2026 (day first)."),
    Column("post_end", OPTIONAL, "2027-08-03", "A date on or after post_start."),
    Column(
        "competencies",
        OPTIONAL,
        "airway;als",
        f"Competency codes separated by '{COMPETENCY_SEPARATOR}'.",
    ),
)
COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.need == REQUIRED)
_COLUMN_ORDER = {name: index for index, name in enumerate(COLUMN_NAMES)}


def column_key(heading: str) -> str:
    """The column a heading means: 'GMC Number', 'gmc_number' and 'Post-start' all match."""
    return re.sub(r"[\s_\-]+", "_", heading.strip().lower()).strip("_")


def expected_columns_text() -> str:
    optional = [name for name in COLUMN_NAMES if name not in REQUIRED_COLUMNS]
    return (
        f"The columns are {', '.join(REQUIRED_COLUMNS)} (required) "
        f"and {', '.join(optional)} (optional)."
    )


# --- Reading ------------------------------------------------------------------------------


class UnreadableFile(Exception):
    """The file cannot be read as a table at all, so none of its rows were checked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RawRow:
    line: int  # as Excel numbers it: the headings are line 1
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class RawTable:
    headings: tuple[str, ...]
    rows: tuple[RawRow, ...]
    # Reading stops one row past MAX_ROWS, so a huge file is refused without being held.
    too_many_rows: bool = False


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"The file is {size / 1024 / 1024:.1f} MB; an import takes files up to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB. Split it into smaller files."
        )


def read_upload(upload: UploadedFile) -> RawTable:
    """Read an uploaded file, refusing an oversized one before reading it into memory."""
    check_size(upload.size or 0)
    return read_table(upload.name or "", upload.read())


def read_table(name: str, data: bytes) -> RawTable:
    """Read a CSV or XLSX file's bytes. The content decides the format where it can, since a
    workbook saved with a .csv name is common; the name decides only for plain text."""
    check_size(len(data))
    suffix = PurePath(name).suffix.lower()
    if not data.strip():
        return RawTable((), ())
    if data.startswith(_ZIP_MAGIC):
        return read_xlsx(data)
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFile(
            "This is an older Excel workbook (.xls) or a password-protected one. In Excel, "
            "save it without a password as 'Excel Workbook (.xlsx)' or "
            "'CSV UTF-8 (Comma delimited)'."
        )
    if suffix == ".xlsx":
        raise UnreadableFile(
            f"'{name}' is named as an Excel workbook but is not one. "
            "Open it in Excel and save it again as 'Excel Workbook (.xlsx)'."
        )
    if suffix not in {".csv", ".txt", ""}:
        raise UnreadableFile(
            f"Rotaplan imports CSV (.csv) and Excel (.xlsx) files; '{name}' is neither. "
            f"{SAVE_AS_CSV_UTF8}"
        )
    return read_csv(data)


def read_csv(data: bytes) -> RawTable:
    if data.startswith(_UTF16_BOMS):
        raise UnreadableFile(
            f"The file is UTF-16 text (Excel's 'Unicode Text'), not UTF-8. {SAVE_AS_CSV_UTF8}"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UnreadableFile(
            f"The file is not UTF-8 text (byte 0x{data[error.start]:02x} at line {line}). "
            f"{SAVE_AS_CSV_UTF8}"
        ) from None
    if "\x00" in text:
        raise UnreadableFile(
            f"The file holds NUL characters, so it is not CSV text. {SAVE_AS_CSV_UTF8}"
        )
    records = csv.reader(io.StringIO(text, newline=""))
    try:
        return _table_from([cell.strip() for cell in record] for record in records)
    except csv.Error as error:
        raise UnreadableFile(f"The file could not be read as CSV: {error}.") from None


def read_xlsx(data: bytes) -> RawTable:
    """The first sheet of a workbook, headings in row 1."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise UnreadableFile(
            "The file could not be opened as an Excel workbook (.xlsx). Open it in Excel and "
            "save it again, or save it as 'CSV UTF-8 (Comma delimited)'."
        ) from error
    try:
        if not workbook.worksheets:
            return RawTable((), ())
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        return _table_from([_cell_from_excel(value) for value in row] for row in rows)
    except Exception as error:
        raise UnreadableFile(
            "The workbook's first sheet could not be read. Open it in Excel and save it again, "
            "or save it as 'CSV UTF-8 (Comma delimited)'."
        ) from error
    finally:
        workbook.close()


def _cell_from_excel(value: object) -> Cell:
    """Excel's typed cells as the text a CSV would hold, except dates, which stay dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table_from(records: Iterable[Sequence[Cell]]) -> RawTable:
    """Headings from the first record; blank rows skipped but still counted as lines."""
    iterator = iter(records)
    headings = next(iterator, None)
    if headings is None:
        return RawTable((), ())
    rows: list[RawRow] = []
    for line, cells in enumerate(iterator, start=2):
        if all(cell == "" for cell in cells):
            continue
        if len(rows) == MAX_ROWS:
            return RawTable(_texts(headings), tuple(rows), too_many_rows=True)
        rows.append(RawRow(line, tuple(cells)))
    return RawTable(_texts(headings), tuple(rows))


def _texts(cells: Sequence[Cell]) -> tuple[str, ...]:
    return tuple(cell_text(cell) for cell in cells)


def cell_text(cell: Cell) -> str:
    return cell.isoformat() if isinstance(cell, date) else cell


# --- Checking (pure) ----------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentRef:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class ImportLookups:
    """What the database knows that the rows are checked against."""

    departments: Mapping[str, DepartmentRef]  # by code, lower case
    allowed_department_ids: frozenset[int]  # where the uploader may import doctors
    competencies: Mapping[str, int]  # id by code, lower case
    existing_gmc_numbers: Mapping[str, str]  # who already holds each number
    default_department: DepartmentRef | None = None


@dataclass(frozen=True)
class Problem:
    """One thing wrong: with a line and field for a row, without them for the whole file."""

    message: str
    line: int | None = None
    field: str | None = None
    value: str = ""

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return f"line {self.line}, {self.field}: {self.message}"


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


class FieldProblem(ValueError):
    """A cell's value is wrong; the message says why in words for the person who typed it."""


def check_table(table: RawTable, lookups: ImportLookups) -> CheckedImport:
    file_problems = check_shape(table, lookups)
    if file_problems:
        return CheckedImport(problems=tuple(file_problems))
    positions = column_positions(table.headings)
    records: list[DoctorRecord] = []
    problems: list[Problem] = []
    lines_by_gmc: dict[str, list[int]] = defaultdict(list)
    for row in table.rows:
        reader = _RowReader(row, positions)
        record = _check_row(reader, lookups)
        problems.extend(reader.problems)
        if record is not None:
            records.append(record)
        if reader.gmc_number:
            lines_by_gmc[reader.gmc_number].append(row.line)
    problems.extend(_duplicate_problems(lines_by_gmc))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, _COLUMN_ORDER.get(p.field or "", 0)))
        return CheckedImport(problems=tuple(problems))
    return CheckedImport(records=tuple(records))


def column_positions(headings: Sequence[str]) -> dict[str, int]:
    """Where each known column is; the first of a repeated one (check_shape refuses those)."""
    positions: dict[str, int] = {}
    for index, heading in enumerate(headings):
        key = column_key(heading)
        if key in _COLUMN_ORDER:
            positions.setdefault(key, index)
    return positions


def check_shape(table: RawTable, lookups: ImportLookups) -> list[Problem]:
    """Problems with the file as a whole: if any, its rows are not worth checking."""
    if not any(table.headings) and not table.rows:
        return [
            Problem(
                "The file is empty. Row 1 should hold the column headings, and each row "
                f"below it one doctor. {expected_columns_text()}"
            )
        ]
    if not any(table.headings):
        return [
            Problem(
                f"Row 1 is empty; it should hold the column headings. {expected_columns_text()}"
            )
        ]
    problems = _heading_problems(table)
    if not table.rows:
        problems.append(
            Problem(
                "The file has column headings but no doctors. "
                "Add one row per doctor below the headings."
            )
        )
    if table.too_many_rows:
        problems.append(
            Problem(
                f"The file has more than {MAX_ROWS:,} doctors; an import takes at most "
                f"{MAX_ROWS:,}. Split it into smaller files."
            )
        )
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


def _heading_problems(table: RawTable) -> list[Problem]:
    problems: list[Problem] = []
    keys = [column_key(heading) for heading in table.headings]
    seen: dict[str, int] = {}
    for index, (heading, key) in enumerate(zip(table.headings, keys, strict=True)):
        letter = get_column_letter(index + 1)
        if not key:
            continue
        if key in seen:
            first = get_column_letter(seen[key] + 1)
            problems.append(
                Problem(
                    f"The column '{heading}' appears twice (columns {first} and {letter}). "
                    "Delete one of them.",
                    value=heading,
                )
            )
        elif key not in _COLUMN_ORDER:
            guess = difflib.get_close_matches(key, COLUMN_NAMES, n=1)
            hint = f" Did you mean {guess[0]}?" if guess else ""
            problems.append(
                Problem(
                    f"Rotaplan does not know the column '{heading}' (column {letter}).{hint} "
                    f"Rename it or delete it. {expected_columns_text()}",
                    value=heading,
                )
            )
        seen.setdefault(key, index)
    widest = max((len(row.cells) for row in table.rows), default=0)
    for index in range(widest):
        unnamed = index >= len(keys) or not keys[index]
        if unnamed and any(index < len(r.cells) and r.cells[index] != "" for r in table.rows):
            problems.append(
                Problem(
                    f"Column {get_column_letter(index + 1)} has values but no heading. "
                    "Give it a heading or delete the column."
                )
            )
    missing = [name for name in REQUIRED_COLUMNS if name not in seen]
    if missing:
        problems.append(
            Problem(
                f"The file has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''}. "
                f"{expected_columns_text()}",
                value=", ".join(missing),
            )
        )
    return problems


class _RowReader:
    """One row's cells by column, gathering a problem for each cell that will not parse."""

    def __init__(self, row: RawRow, positions: Mapping[str, int]) -> None:
        self.line = row.line
        self._cells = {
            name: row.cells[index] if index < len(row.cells) else ""
            for name, index in positions.items()
        }
        self.problems: list[Problem] = []
        self._failed: set[str] = set()
        self.gmc_number = ""

    def raw(self, name: str) -> Cell:
        return self._cells.get(name, "")

    def get(self, name: str, parse: Callable[[Cell], T], fallback: T) -> T:
        """The parsed value, or ``fallback`` with the problem noted; a row with any problem
        never becomes a record, so a fallback never reaches the database."""
        try:
            return parse(self.raw(name))
        except FieldProblem as problem:
            self.add(name, str(problem))
            return fallback

    def add(self, name: str, message: str) -> None:
        self._failed.add(name)
        self.problems.append(Problem(message, self.line, name, cell_text(self.raw(name))))

    def ok(self, name: str) -> bool:
        return name not in self._failed


# Stand-ins for cells that failed to parse; such a row never becomes a record.
_NO_DEPARTMENT = DepartmentRef(0, "", "")
_NO_COMPETENCIES: tuple[int, ...] = ()


def _check_row(reader: _RowReader, lookups: ImportLookups) -> DoctorRecord | None:
    gmc_number = reader.get("gmc_number", parse_gmc_number, "")
    if gmc_number:
        reader.gmc_number = gmc_number
        holder = lookups.existing_gmc_numbers.get(gmc_number)
        if holder:
            reader.add(
                "gmc_number",
                f"GMC number {gmc_number} already belongs to {holder}, who is in Rotaplan "
                "already. Remove this row.",
            )
    first_name = reader.get("first_name", lambda v: parse_name(v, "First name"), "")
    last_name = reader.get("last_name", lambda v: parse_name(v, "Last name"), "")
    email = reader.get("email", parse_email, "")
    grade = reader.get("grade", parse_grade, "")
    contract = reader.get("contract", parse_contract, "") or contract_for_grade(grade)
    wte = reader.get("wte", parse_wte, Decimal("1.00"))
    opted_out = reader.get("opted_out", parse_yes_no, False)
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


# --- One parser per field: each takes a cell and returns a value or raises FieldProblem ----


def _got(value: Cell) -> str:
    text = cell_text(value)
    return f"got '{text if len(text) <= 60 else text[:57] + '...'}'"


def _text(value: Cell) -> str:
    return cell_text(value).strip()


def parse_gmc_number(value: Cell) -> str:
    text = _text(value)
    if not text:
        raise FieldProblem("GMC number is missing; it is 7 digits, such as 7012345.")
    if not re.fullmatch(r"[0-9]{7}", text):
        raise FieldProblem(f"GMC number must be exactly 7 digits; {_got(text)}")
    return text


def parse_name(value: Cell, label: str) -> str:
    text = _text(value)
    if not text:
        raise FieldProblem(f"{label} is missing.")
    if len(text) > 100:
        raise FieldProblem(f"{label} must be at most 100 characters; it has {len(text)}.")
    return text


_email_validator = EmailValidator()


def parse_email(value: Cell) -> str:
    text = _text(value)
    if not text:
        return ""
    try:
        _email_validator(text)
    except ValidationError:
        raise FieldProblem(f"Email address must look like name@nhs.net; {_got(text)}") from None
    return text


_GRADES: dict[str, str] = {
    **{grade.value.lower(): grade.value for grade in Grade},
    **{str(grade.label).lower(): grade.value for grade in Grade},
}
_CONTRACTS: dict[str, str] = {
    **{contract.value.lower(): contract.value for contract in Contract},
    **{str(contract.label).lower(): contract.value for contract in Contract},
}


def parse_grade(value: Cell) -> str:
    text = _text(value)
    if not text:
        raise FieldProblem("Grade is missing.")
    grade = _GRADES.get(text.lower())
    if grade is None:
        codes = ", ".join(g.value for g in Grade)
        raise FieldProblem(f"Grade must be one of {codes}; {_got(text)}")
    return grade


def parse_contract(value: Cell) -> str:
    """The contract named, or "" when the cell is empty (the grade's usual one is used)."""
    text = _text(value)
    if not text:
        return ""
    contract = _CONTRACTS.get(text.lower())
    if contract is None:
        codes = ", ".join(c.value for c in Contract)
        raise FieldProblem(f"Contract must be one of {codes}, or left empty; {_got(text)}")
    return contract


_HUNDREDTH = Decimal("0.01")
_LOWEST_WTE, _HIGHEST_WTE = Decimal("0.10"), Decimal("1.00")


def parse_wte(value: Cell) -> Decimal:
    text = _text(value)
    if not text:
        return _HIGHEST_WTE
    is_percentage = text.endswith("%")
    try:
        number = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise FieldProblem(
            f"WTE must be a number from 0.10 to 1.00, or a percentage such as 60%; {_got(text)}"
        )
    if is_percentage:
        number /= 100
    if not _LOWEST_WTE <= number <= _HIGHEST_WTE:
        hint = f" Did you mean {text}%?" if not is_percentage and 10 <= number <= 100 else ""
        raise FieldProblem(f"WTE must be from 0.10 to 1.00 (10% to 100%); {_got(text)}.{hint}")
    if number != number.quantize(_HUNDREDTH):
        raise FieldProblem(f"WTE can have at most 2 decimal places, such as 0.65; {_got(text)}")
    return number.quantize(_HUNDREDTH)


_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0", ""})


def parse_yes_no(value: Cell) -> bool:
    text = _text(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise FieldProblem(f"Opted out must be yes or no; {_got(value)}")


def parse_department(value: Cell, lookups: ImportLookups) -> DepartmentRef:
    code = _text(value)
    if not code:
        if lookups.default_department is None:
            raise FieldProblem(
                "Department is missing. Give the department's code in this row, "
                "or choose a department for rows that name none."
            )
        return lookups.default_department
    department = lookups.departments.get(code.lower())
    allowed = sorted(
        ref.code for ref in lookups.departments.values() if ref.id in lookups.allowed_department_ids
    )
    if department is None:
        raise FieldProblem(f"No department has the code '{code}'. {_choices(code, allowed)}")
    if department.id not in lookups.allowed_department_ids:
        raise FieldProblem(
            f"You may not import doctors into {department.name} ({department.code}). "
            f"{_choices(code, allowed)}"
        )
    return department


def _choices(value: str, allowed: Sequence[str]) -> str:
    if not allowed:
        return "You may not import doctors into any department."
    guess = difflib.get_close_matches(value.lower(), allowed, n=1)
    if guess:
        return f"Did you mean {guess[0]}?"
    shown = ", ".join(allowed[:12])
    more = f" and {len(allowed) - 12} more" if len(allowed) > 12 else ""
    return f"Codes you may import into: {shown}{more}."


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%a %d %b %Y")
_MIDNIGHT_SUFFIX = re.compile(r"[ T]00:00(:00)?$")


def parse_date(value: Cell, label: str) -> date:
    """ISO or UK day-first dates; an Excel date cell arrives already a date."""
    if isinstance(value, date):
        return _plausible(value, label, value.isoformat())
    text = _MIDNIGHT_SUFFIX.sub("", value.strip())
    if not text:
        raise FieldProblem(f"{label} is missing; give a date such as 2026-08-05 or 05/08/2026.")
    for pattern in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return _plausible(parsed, label, text)
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}", text):
        raise FieldProblem(f"{label} needs the year in full, such as 05/08/2026; {_got(text)}")
    raise FieldProblem(f"{label} must be a date such as 2026-08-05 or 05/08/2026; {_got(text)}")


def parse_optional_date(value: Cell, label: str) -> date | None:
    if isinstance(value, str) and not value.strip():
        return None
    return parse_date(value, label)


def _plausible(day: date, label: str, text: str) -> date:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise FieldProblem(f"{label} {format_day(day)} looks wrong; check the year. Got '{text}'")
    return day


def parse_competencies(value: Cell, known: Mapping[str, int]) -> tuple[int, ...]:
    codes = [code.strip() for code in _text(value).split(COMPETENCY_SEPARATOR)]
    codes = [code for code in codes if code]
    unknown = [code for code in codes if code.lower() not in known]
    if unknown:
        names = ", ".join(f"'{code}'" for code in unknown)
        if not known:
            raise FieldProblem(
                f"No competencies are set up in Rotaplan yet, so {names} cannot be given. "
                "Leave the column empty."
            )
        raise FieldProblem(
            f"Unknown competenc{'ies' if len(unknown) > 1 else 'y'} {names}. "
            f"Known codes: {', '.join(sorted(known))}. Separate codes with "
            f"'{COMPETENCY_SEPARATOR}'."
        )
    return tuple(dict.fromkeys(known[code.lower()] for code in codes))


# --- Writing ------------------------------------------------------------------------------


def department_by_code(code: str) -> Department | None:
    return Department.objects.filter(code__iexact=code.strip()).first()


def lookups_for(
    *, actor: User | None, table: RawTable, default_department: Department | None
) -> ImportLookups:
    """Gather what check_table needs; ``actor`` None is the command line, trusted with all
    departments, as anyone who can run it can already change the database."""
    departments = {
        d.code.lower(): DepartmentRef(d.pk, d.code, d.name)
        for d in Department.objects.only("pk", "code", "name")
    }
    allowed = frozenset(
        ref.id for ref in departments.values() if actor is None or can_manage_doctors(actor, ref.id)
    )
    competencies = {code.lower(): pk for code, pk in Competency.objects.values_list("code", "pk")}
    gmc_column = column_positions(table.headings).get("gmc_number")
    candidates = {
        _text(row.cells[gmc_column])
        for row in table.rows
        if gmc_column is not None and gmc_column < len(row.cells)
    }
    holders = {
        doctor.gmc_number: str(doctor)
        for doctor in Doctor.objects.filter(gmc_number__in=candidates - {""}).only(
            "gmc_number", "first_name", "last_name"
        )
    }
    default = (
        DepartmentRef(default_department.pk, default_department.code, default_department.name)
        if default_department is not None
        else None
    )
    return ImportLookups(departments, allowed, competencies, holders, default)


@dataclass(frozen=True)
class ImportResult:
    doctors: tuple[Doctor, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def file_problems(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.line is None)

    @property
    def row_problems(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.line is not None)

    @property
    def lines_with_problems(self) -> list[int]:
        return sorted({p.line for p in self.problems if p.line is not None})

    @property
    def count_by_department(self) -> Counter[str]:
        return Counter(doctor.department.name for doctor in self.doctors)

    @property
    def summary(self) -> str:
        """What the person who uploaded the file is told when nothing was imported."""
        bad = len(self.lines_with_problems)
        if not bad:
            return "Nothing was imported."
        return f"{bad} {'row has' if bad == 1 else 'rows have'} problems. Nothing was imported."


def doctors_import(
    *,
    actor: User | None,
    table: RawTable,
    default_department: Department | None = None,
) -> ImportResult:
    """Create a doctor for every row, or none: any problem and the database is untouched.

    ``actor`` is the signed-in user on a page or the API, and whoever ``--as`` names on the
    command line; None (the command line without ``--as``) imports as the system.
    """
    if (
        actor is not None
        and default_department is not None
        and not can_manage_doctors(actor, default_department.pk)
    ):
        raise PermissionDenied(f"You may not import doctors into {default_department.name}.")
    with transaction.atomic(), _audited_as(actor):
        lookups = lookups_for(actor=actor, table=table, default_department=default_department)
        checked = check_table(table, lookups)
        if not checked.ok:
            return ImportResult(problems=checked.problems)
        departments = Department.objects.in_bulk(
            {record.department_id for record in checked.records}
        )
        try:
            with transaction.atomic():
                doctors = [_create_doctor(record, departments) for record in checked.records]
        except IntegrityError:
            return ImportResult(
                problems=(
                    Problem(
                        "Someone saved a doctor with one of these GMC numbers while this file "
                        "was being imported. Nothing was imported; try again."
                    ),
                )
            )
    return ImportResult(doctors=tuple(doctors))


def _create_doctor(record: DoctorRecord, departments: Mapping[int, Department]) -> Doctor:
    doctor = Doctor(
        first_name=record.first_name,
        last_name=record.last_name,
        gmc_number=record.gmc_number,
        email=record.email,
        grade=record.grade,
        contract=record.contract,
        wte=record.wte,
        opted_out=record.opted_out,
        department=departments[record.department_id],
        post_start=record.post_start,
        post_end=record.post_end,
    )
    doctor.save()  # one at a time, not bulk_create, so the audit log records each doctor
    if record.competency_ids:
        doctor.competencies.add(*record.competency_ids)
    return doctor


@contextmanager
def _audited_as(actor: User | None) -> Iterator[None]:
    """Name ``actor`` on every audit entry the import writes, with or without a request.

    During a request django-auditlog's middleware has already named the signed-in user and
    their address; the command line has neither. ``set_actor`` leaves its own context behind
    when it ends, so the one it replaced is put back, or the middleware would fail to unhook
    its receiver at the end of the request.
    """
    if actor is None:
        yield
        return
    previous: dict[str, object] | None = auditlog_value.get(None)
    around = previous or {}
    try:
        with set_actor(
            actor, remote_addr=around.get("remote_addr"), remote_port=around.get("remote_port")
        ):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)
