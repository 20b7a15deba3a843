"""A CSV or Excel upload as a table of text cells, with the line numbers Excel shows.

A file that is not UTF-8 CSV or an ``.xlsx`` workbook raises ``UnreadableFile``, since
nothing in it can be checked; each message says how to save the file from Excel instead.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path, PurePath

from openpyxl import load_workbook

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000

SAVE_AS_CSV_UTF8 = "In Excel, save it as 'CSV UTF-8 (Comma delimited)'."

# A cell as read: text (stripped) or, from an Excel date cell, a date.
Cell = str | date


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
    records = csv.reader(io.StringIO(_utf8_text(data), newline=""))
    try:
        return _table_from(
            ([cell.strip() for cell in record] for record in records), row_limit=row_limit
        )
    except csv.Error as error:
        raise UnreadableFile(f"The file could not be read as CSV: {error}.") from None


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


def _table_from(records: Iterable[Sequence[Cell]], *, row_limit: int | None = None) -> RawTable:
    """Headings from the first record; blank rows skipped but still counted as lines."""
    limit = MAX_ROWS if row_limit is None else row_limit
    iterator = iter(records)
    headings = next(iterator, None)
    if headings is None:
        return RawTable((), ())
    rows: list[RawRow] = []
    for line, cells in enumerate(iterator, start=2):
        if all(cell == "" for cell in cells):
            continue
        if len(rows) == limit:
            return RawTable(_texts(headings), tuple(rows), too_many_rows=True, row_limit=limit)
        rows.append(RawRow(line, tuple(cells)))
    return RawTable(_texts(headings), tuple(rows), row_limit=limit)


def _texts(cells: Sequence[Cell]) -> tuple[str, ...]:
    return tuple(cell_text(cell) for cell in cells)
