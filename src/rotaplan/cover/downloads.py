"""The gap register as CSV and XLSX, with the page's columns.

A cell that starts with =, +, - or @ is read as a formula by Excel; a reason typed by a
coordinator could hold one, so such text is written with a leading apostrophe (OWASP's
advice on CSV injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_bytes(headings: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 with a byte order mark, so Excel keeps names like Zoë."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows([safe(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def xlsx_bytes(title: str, headings: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(headings))
    widths = [len(h) for h in headings]
    for row in rows:
        sheet.append([safe(v) for v in row])
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
