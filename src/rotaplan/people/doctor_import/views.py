"""The page that imports incoming doctors from a spreadsheet, and its template CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from rotaplan.engine.formats import spreadsheet
from rotaplan.engine.formats.input_problems import Problem
from rotaplan.engine.formats.spreadsheet import UnreadableFile
from rotaplan.imports.presenters import column_rows, problem_rows, problems_not_shown
from rotaplan.imports.uploads import read_upload
from rotaplan.web.nhs_forms import choice_items, error_message, error_summary_items

from .. import access
from ..access import AuthenticatedHttpRequest
from ..selectors import competency_codes
from .columns import COLUMN_NAMES, COLUMNS
from .forms import DoctorImportForm
from .services import doctors_import

TEMPLATE = "people/doctor_import.jinja"


@login_required
@require_http_methods(["GET", "POST"])
def doctor_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    departments = access.manageable_departments(request.user)
    codes = list(departments.values_list("code", flat=True)[:2])
    if not codes:
        raise PermissionDenied("Only medical staffing and rota coordinators import doctors.")
    # A coordinator of one department means that department for rows that name none.
    initial = {"department": codes[0] if len(codes) == 1 else ""}
    form = (
        DoctorImportForm(request.POST, request.FILES, departments=departments)
        if request.method == "POST"
        else DoctorImportForm(departments=departments, initial=initial)
    )
    row_problems: tuple[Problem, ...] = ()
    summary = ""
    if form.is_bound and form.is_valid():
        try:
            table = read_upload(form.cleaned_data["file"])
        except UnreadableFile as error:
            form.add_error("file", error.message)
        else:
            result = doctors_import(
                actor=request.user,
                table=table,
                default_department=form.cleaned_data["department"],
            )
            if result.ok:
                count = len(result.doctors)
                messages.success(request, f"Imported {count} doctor{'' if count == 1 else 's'}")
                return redirect("people:doctor-list")
            for problem in result.file_problems:
                form.add_error("file", problem.message)
            row_problems, summary = result.row_problems, result.summary
    return render(request, TEMPLATE, _page(form, row_problems, summary))


@login_required
@require_GET
def doctor_import_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The headings alone: an example row left in by mistake would import a made-up doctor.
    The byte order mark tells Excel the file is UTF-8, so names like Zoë survive a save."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(COLUMN_NAMES)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="incoming-doctors.csv"'
    return response


def _page(
    form: DoctorImportForm, row_problems: tuple[Problem, ...], summary: str
) -> dict[str, Any]:
    page_errors = error_summary_items(form)
    if row_problems:
        page_errors.append({"text": summary, "href": "#row-problems"})
    return {
        "title": "Import doctors",
        "form": form,
        "page_errors": page_errors,
        "summary": summary,
        "file_error": error_message(form["file"]),
        "department_items": choice_items(form["department"]),
        "department_error": error_message(form["department"]),
        "problem_rows": problem_rows(row_problems),
        "problems_not_shown": problems_not_shown(row_problems),
        "column_rows": column_rows(COLUMNS, _competency_notes()),
        "max_megabytes": spreadsheet.MAX_FILE_BYTES // 1024 // 1024,
        "max_rows": f"{spreadsheet.MAX_ROWS:,}",
    }


def _competency_notes() -> dict[str, str]:
    codes = ", ".join(competency_codes())
    return {"competencies": f"Codes: {codes}."} if codes else {}
