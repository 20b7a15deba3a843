"""A CSV or Excel upload as a table of text cells, with the line numbers Excel shows.

A file that is not UTF-8 CSV or an ``.xlsx`` workbook raises ``UnreadableFile``, since
nothing in it can be checked; each message says how to save the file from Excel instead.

Every read is bounded before the work (ADR 0021): the file's size; for a workbook, what its
zip unpacks to (``workbook_package``) and everything in its XML (``workbook_scan``), before
openpyxl opens it, which then reads only columns A to Z; for CSV, the length of a line; for
both, the rows (reading stops one past ``MAX_ROWS``), the lines counting empty ones (four
for each row read), the columns (a value after column Z is refused, not dropped) and the
characters in a cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path, PurePath

from .column_letters import column_letter
from .unreadable import NOT_A_WORKBOOK, SAVE_AS_CSV_UTF8
from .unreadable import UnreadableFile as UnreadableFile  # every reader's error, from here

# openpyxl (and the numpy it brings) is imported where a workbook is read or a column named,
# not here: it takes a quarter of a second, which every command line run would otherwise
# pay, `rotaplan jobplan` and `rotaplan check` on a JSON file included.

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
# Columns A to Z: the widest import has 12 columns, and a value in a column that is not
# read is refused rather than dropped.
MAX_COLUMNS = 26
# Names, codes, dates and e-mail addresses: a longer cell is a mistake in the file.
MAX_CELL_CHARS = 1_000
# A line of 26 columns of 1,000 characters, quoted, fits; five million commas do not.
MAX_LINE_CHARS = 65_536
# Empty rows are skipped but still read: up to three for each row that is not empty.
EMPTY_ROWS_PER_ROW = 3


# A cell as read: text (stripped) or, from an Excel date cell, a date.
Cell = str | date


@dataclass(frozen=True)
class RawRow:
    line: int  # as Excel numbers it: the headings are line 1
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class RawTable:
    headings: tuple[str, ...]
    rows: tuple[RawRow, ...]
    # Reading stops one row past ``row_limit``, so a huge file is refused without being held.
    too_many_rows: bool = False
    row_limit: int = MAX_ROWS


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def column_key(heading: str) -> str:
    """The column a heading means: 'GMC Number', 'gmc_number' and 'Post-start' all match."""
    return re.sub(r"[\s_\-]+", "_", heading.strip().lower()).strip("_")


def cell_text(cell: Cell) -> str:
    return cell.isoformat() if isinstance(cell, date) else cell


def check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"The file is {size / 1024 / 1024:.1f} MB; an import takes files up to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB. Split it into smaller files."
        )


def read_path(path: Path) -> RawTable:
    """Read a file from disk, refusing an oversized one before reading it into memory."""
    check_size(path.stat().st_size)
    return read_table(path.name, path.read_bytes())


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


def read_csv(data: bytes, *, row_limit: int | None = None) -> RawTable:
    """A CSV file's table, read up to ``row_limit`` rows (an import's ``MAX_ROWS`` unless
    the reader says otherwise: a rota's shifts are many more)."""
    text = _utf8_text(data)
    _check_line_lengths(text)
    records = _CsvRecords(text)
    try:
        return _table_from(records, row_limit=row_limit)
    except csv.Error as error:
        if _FIELD_LIMIT in str(error):
            raise UnreadableFile(
                f"The row that starts on line {records.next_line:,} holds a cell longer than "
                f"{csv.field_size_limit():,} characters; an import reads up to "
                f"{MAX_CELL_CHARS:,} characters in a cell. Check that its quotes are closed."
            ) from None
        raise UnreadableFile(f"The file could not be read as CSV: {error}.") from None


class _CsvRecords:
    """Each CSV record's cells, stripped, remembering the line the next record starts on
    (a quoted cell may run over many lines) so that an error can name it."""

    def __init__(self, text: str) -> None:
        self._reader = csv.reader(io.StringIO(text, newline=""))
        self.next_line = 1

    def __iter__(self) -> Iterator[list[str]]:
        for record in self._reader:
            self.next_line = self._reader.line_num + 1
            yield [cell.strip() for cell in record]


# What the csv module says of a field longer than it reads (131,072 characters).
_FIELD_LIMIT = "field larger than field limit"
# A line longer than MAX_LINE_CHARS, looked for only where a line starts (at the start or
# after a carriage return or line feed, either of which ends a CSV record), so the search
# is linear: about 0.04 s a megabyte.
_LONG_LINE = re.compile(rf"(?<![^\r\n])[^\r\n]{{{MAX_LINE_CHARS + 1}}}")


def _check_line_lengths(text: str) -> None:
    """A line of millions of commas is millions of cells before a row can be refused, so
    the length of every line is checked before the csv module reads any."""
    if long_line := _LONG_LINE.search(text):
        line = text.count("\n", 0, long_line.start()) + 1
        raise UnreadableFile(
            f"Line {line:,} of the file is longer than {MAX_LINE_CHARS:,} characters; an "
            f"import reads up to {MAX_COLUMNS} columns of up to {MAX_CELL_CHARS:,} "
            "characters each. Save only the columns the import needs."
        )


def _utf8_text(data: bytes) -> str:
    """The text of a UTF-8 file, with or without a byte order mark; anything else refused
    naming the first byte that is not UTF-8, so the person can find it."""
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
    return text


def read_xlsx(data: bytes) -> RawTable:
    """The first sheet of a workbook, headings in row 1, read once everything in the
    workbook is known to be within bounds, and then only its columns A to Z."""
    from openpyxl import load_workbook

    from .workbook_package import open_package, workbook_sheets
    from .workbook_scan import SHEET_UNREADABLE, SheetBounds, scan_workbook

    bounds = SheetBounds(rows=_line_limit(MAX_ROWS), columns=MAX_COLUMNS)
    with open_package(data) as package:
        sheets = workbook_sheets(package)
        scan_workbook(package, sheets, bounds)
    if sheets.first is None:
        return RawTable((), ())
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise UnreadableFile(NOT_A_WORKBOOK) from error
    try:
        sheet = workbook.worksheets[0]
        if sheet.title != sheets.first.name:  # not the sheet the scan held to the bounds
            raise UnreadableFile(SHEET_UNREADABLE)
        rows = sheet.iter_rows(max_row=bounds.rows, max_col=bounds.columns, values_only=True)
        return _table_from([_cell_from_excel(value) for value in values] for values in rows)
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(SHEET_UNREADABLE) from error
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


def _table_from(records: Iterable[Sequence[Cell]], *, row_limit: int | None = None) -> RawTable:
    """Headings from the first record; blank rows skipped but still counted as lines."""
    limit = MAX_ROWS if row_limit is None else row_limit
    iterator = iter(records)
    first = next(iterator, None)
    if first is None:
        return RawTable((), ())
    headings = _texts(_bounded(first, 1))
    rows: list[RawRow] = []
    for line, record in enumerate(iterator, start=2):
        if line > _line_limit(limit):
            raise UnreadableFile(
                f"The file has more than {_line_limit(limit):,} rows, counting empty ones; an "
                f"import reads up to {limit:,} rows below the headings. Delete the empty rows "
                "after your data, or split the file into smaller ones."
            )
        cells = _bounded(record, line)
        if all(cell == "" for cell in cells):
            continue
        if len(rows) == limit:
            return RawTable(headings, tuple(rows), too_many_rows=True, row_limit=limit)
        rows.append(RawRow(line, cells))
    return RawTable(headings, tuple(rows), row_limit=limit)


def _line_limit(row_limit: int) -> int:
    return row_limit * (EMPTY_ROWS_PER_ROW + 1)


def _bounded(record: Sequence[Cell], line: int) -> tuple[Cell, ...]:
    """A row's cells in columns A to Z, up to its last value (openpyxl pads every row to
    the columns it is asked for; Excel ends some CSV rows with a run of commas), each
    within ``MAX_CELL_CHARS``. A value after column Z is refused, not dropped: its column
    would be read as missing."""
    if any(record[MAX_COLUMNS:]):
        column = next(i for i, cell in enumerate(record) if i >= MAX_COLUMNS and cell != "")
        last = column_letter(MAX_COLUMNS)
        raise UnreadableFile(
            f"Cell {column_letter(column + 1)}{line} holds a value, but an import reads "
            f"columns A to {last} only. Delete the columns after {last}, or move what you are "
            f"importing into columns A to {last}."
        )
    cells = list(record[:MAX_COLUMNS])
    while cells and cells[-1] == "":
        cells.pop()
    for column, cell in enumerate(cells, start=1):
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            raise UnreadableFile(
                f"Cell {column_letter(column)}{line} holds {len(cell):,} characters; an "
                f"import reads up to {MAX_CELL_CHARS:,} in a cell. Shorten it, or check that "
                "the file's columns are the import's."
            )
    return tuple(cells)


def _texts(cells: Sequence[Cell]) -> tuple[str, ...]:
    return tuple(cell_text(cell) for cell in cells)
