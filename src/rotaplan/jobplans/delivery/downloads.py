"""Planned against delivered as files: CSV (a line per clinician's activity, then the
department's totals by category) and an Excel workbook of the same lines. PAs as numbers,
so a spreadsheet adds them up; a line not recorded is left empty, not 0. A cell that
starts like a formula is written as text (``locums.downloads.safe_text``)."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from openpyxl import Workbook

from rotaplan.locums.downloads import XLSX_TYPE, safe_text

from .presenters import CATEGORY_WORDS, line_note
from .selectors import DeliveryReport

__all__ = ["XLSX_TYPE", "delivery_csv", "delivery_xlsx", "file_name"]

HEADINGS = (
    "Clinician",
    "Activity",
    "Category",
    "Planned PAs a week",
    "Delivered PAs a week",
    "Weeks counted",
    "Weeks away",
    "SPA weeks lost",
    "Note",
)

Row = tuple[str, str, str, Decimal | None, Decimal | None, int | None, int | None, int | None, str]


def _number(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def report_rows(report: DeliveryReport) -> list[Row]:
    rows: list[Row] = []
    for clinician in report.clinicians:
        name = safe_text(str(clinician.doctor))
        if clinician.delivery is None:
            rows.append((name, "", "", None, None, None, None, None, "No agreed job plan"))
            continue
        for done in clinician.delivery.lines:
            rows.append(
                (
                    name,
                    safe_text(done.line.description),
                    CATEGORY_WORDS[done.line.category],
                    _number(done.line.planned_weekly),
                    _number(done.delivered_weekly),
                    done.working_weeks,
                    done.leave_weeks,
                    done.lost_weeks,
                    safe_text(line_note(done)),
                )
            )
    for category in report.categories:
        rows.append(
            (
                "All clinicians",
                "Activities Rotaplan records",
                CATEGORY_WORDS[category.category],
                _number(category.planned_recorded),
                _number(category.delivered),
                None,
                None,
                None,
                f"{_number(category.planned)} PAs a week planned in all",
            )
        )
    return rows


def file_name(report: DeliveryReport, extension: str) -> str:
    where = report.department.code if report.department is not None else "clinician"
    period = report.period
    return (
        f"planned-delivered-{safe_text(where)}-{period.start:%Y-%m-%d}-to-"
        f"{period.end:%Y-%m-%d}.{extension}"
    )


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def delivery_csv(report: DeliveryReport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for row in report_rows(report):
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # Excel reads UTF-8 by its BOM


def delivery_xlsx(report: DeliveryReport) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Planned and delivered"
    where = safe_text(report.department.name) if report.department is not None else ""
    sheet.append([f"Job plans planned against delivered, {report.period.title} {where}".strip()])
    sheet.append(list(HEADINGS))
    for row in report_rows(report):
        sheet.append(list(row))
    for column, width in zip("ABCDEFGHI", (24, 36, 30, 12, 12, 10, 10, 10, 60), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
