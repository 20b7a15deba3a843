"""The locum spend report as files: CSV (each breakdown's lines under a column naming the
breakdown) and an Excel workbook (a sheet of the same lines). Money in pounds as numbers,
so a spreadsheet adds them up; a cell that starts like a formula is written as text, so a
supplier named "=HYPERLINK(...)" cannot run in the reader's Excel."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook

from rotaplan.engine.clock import format_day

from .spend import SpendReport

HEADINGS = ("Breakdown", "Item", "Bookings", "Hours", "Cost (£)")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_text(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def report_rows(report: SpendReport) -> list[tuple[str, str, int, Decimal, Decimal]]:
    rows = []
    for _, heading, lines in report.groupings():
        for line in lines:
            rows.append(
                (
                    heading,
                    safe_text(line.label),
                    line.bookings,
                    line.hours,
                    Decimal(line.cost_pence) / 100,
                )
            )
    total = report.total
    rows.append(("Total", "All", total.bookings, total.hours, Decimal(total.cost_pence) / 100))
    return rows


def file_name(report: SpendReport, extension: str) -> str:
    return f"locum-spend-{report.start:%Y-%m-%d}-to-{report.end:%Y-%m-%d}.{extension}"


def spend_csv(report: SpendReport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for heading, label, bookings, hours, cost in report_rows(report):
        writer.writerow((heading, label, bookings, f"{hours}", f"{cost:.2f}"))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # Excel reads UTF-8 by its BOM


def spend_xlsx(report: SpendReport) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Locum spend"
    sheet.append(
        [
            f"Locum spend, {format_day(report.start)} to {format_day(report.end)}: "
            + ", ".join(safe_text(d.name) for d in report.departments)
        ]
    )
    sheet.append(list(HEADINGS))
    for heading, label, bookings, hours, cost in report_rows(report):
        sheet.append([heading, label, bookings, hours, cost])
        sheet.cell(row=sheet.max_row, column=5).number_format = "£#,##0.00"
    for column, width in zip("ABCDE", (18, 36, 10, 10, 14), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
