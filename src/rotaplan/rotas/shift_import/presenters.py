"""How the import page reads: its problems, the columns expected with this rota's dates
and shifts, and the limits on a file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from rotaplan.engine.formats import spreadsheet
from rotaplan.engine.formats.input_problems import Problem
from rotaplan.imports.presenters import column_rows, problem_rows, problems_not_shown
from rotaplan.web.nhs_forms import error_message, error_summary_items
from rotaplan.web.presenters import period

from ..models import Rota, ShiftType
from ..presenters import rota_status_tag, shift_type_times
from .columns import COLUMNS
from .services import import_refusal


def import_page(
    rota: Rota,
    form: forms.Form,
    row_problems: tuple[Problem, ...],
    summary: str,
    shift_types: Iterable[ShiftType],
) -> dict[str, Any]:
    page_errors = error_summary_items(form)
    if row_problems:
        page_errors.append({"text": summary, "href": "#row-problems"})
    return {
        "title": f"Import shifts, {rota.name}",
        "rota": rota,
        "status": rota_status_tag(rota.status),
        "refusal": import_refusal(rota),
        "form": form,
        "page_errors": page_errors,
        "summary": summary,
        "file_error": error_message(form["file"]),
        "problem_rows": problem_rows(row_problems),
        "problems_not_shown": problems_not_shown(row_problems),
        "column_rows": column_rows(COLUMNS, rota_notes(rota, shift_types)),
        "max_megabytes": spreadsheet.MAX_FILE_BYTES // 1024 // 1024,
        "max_rows": f"{spreadsheet.MAX_ROWS:,}",
    }


def rota_notes(rota: Rota, shift_types: Iterable[ShiftType]) -> dict[str, str]:
    """What this rota adds to the columns' notes: its dates and its department's shifts."""
    shifts = [
        f"{shift.code} ({shift.name}, {shift_type_times(shift.start, shift.end)})"
        for shift in shift_types
    ]
    notes = {"date": f"This rota runs {period(rota.period_start, rota.period_end)}."}
    if shifts:
        notes["shift"] = f"Codes: {', '.join(shifts)}."
    return notes
