"""The page that imports a rota's shifts from a spreadsheet.

The shifts are checked against the rules as any edit of a draft is: a file whose shifts
would create breaches is shown again with them and imported only when uploaded again
with a reason (an upload cannot be kept across the round trip), which is recorded.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from rotaplan.engine.compliance import Breach
from rotaplan.engine.formats import spreadsheet
from rotaplan.engine.formats.problems import Problem
from rotaplan.engine.formats.spreadsheet import UnreadableFile
from rotaplan.imports.presenters import column_rows, problem_rows, problems_not_shown
from rotaplan.imports.uploads import read_upload
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_message, error_summary_items
from rotaplan.web.presenters import period

from . import selectors
from .edit_views import REASON_REQUIRED
from .editing import EditCreatesBreaches
from .models import Rota, ShiftType
from .presenters import rota_status_tag, shift_type_times
from .shift_import import COLUMNS, RotaNotDraft, assignments_import, import_refusal

TEMPLATE = "rotas/shift_import.jinja"


class ShiftImportForm(forms.Form):
    file = forms.FileField(
        # An empty file gets the importer's fuller message, naming the columns expected.
        allow_empty_file=True,
        error_messages={"required": "Select a CSV or Excel file of shifts"},
    )
    reason = forms.CharField(
        label="Reason for going ahead", required=False, max_length=2000, widget=forms.Textarea
    )
    # Which file, at which rota version, the breaches on the page were for (``upload_key``):
    # a reason is not taken for another file, or for a rota changed since, whose breaches
    # have not been shown.
    shown = forms.CharField(required=False, widget=forms.HiddenInput)


def upload_key(rota: Rota, upload: UploadedFile) -> str:
    """The rota's version and a SHA-256 of the uploaded file's bytes."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return f"{rota.version}:{digest.hexdigest()}"


@login_required
@require_http_methods(["GET", "POST"])
def shift_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rota = selectors.visible_rota(request.user, pk)
    if rota is None:
        raise Http404
    if not access.can_edit_department_rotas(request.user, rota.department_id):
        raise PermissionDenied("You may see this rota but not change it.")
    refusal = import_refusal(rota)
    form = (
        ShiftImportForm(request.POST, request.FILES)
        if request.method == "POST" and refusal is None
        else ShiftImportForm()
    )
    row_problems: tuple[Problem, ...] = ()
    summary = ""
    breaches: tuple[Breach, ...] = ()
    shown = ""
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_upload(upload)
            shown = upload_key(rota, upload)
            answering = "reason" in request.POST and form.cleaned_data["shown"] == shown
            result = assignments_import(
                actor=request.user,
                rota=rota,
                table=table,
                reason=form.cleaned_data["reason"] if answering else "",
                file_name=upload.name or "",
            )
        except (UnreadableFile, RotaNotDraft) as error:
            form.add_error("file", error.message)
        except EditCreatesBreaches as breaking:
            breaches = breaking.breaches
            if answering:
                form.add_error("reason", REASON_REQUIRED)
        else:
            if result.ok:
                messages.success(request, result.imported_text)
                return redirect("rotas:rota-grid", pk=rota.pk)
            for problem in result.file_problems:
                form.add_error("file", problem.message)
            row_problems, summary = result.row_problems, result.summary
    page = _page(rota, form, row_problems, summary)
    page.update(
        breach_messages=[b.message for b in breaches], asking_reason=bool(breaches), shown=shown
    )
    return render(request, TEMPLATE, page)


def _page(
    rota: Rota, form: ShiftImportForm, row_problems: tuple[Problem, ...], summary: str
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
        "column_rows": column_rows(COLUMNS, _rota_notes(rota)),
        "max_megabytes": spreadsheet.MAX_FILE_BYTES // 1024 // 1024,
        "max_rows": f"{spreadsheet.MAX_ROWS:,}",
    }


def _rota_notes(rota: Rota) -> dict[str, str]:
    """What this rota adds to the columns' notes: its dates and its department's shifts."""
    shifts = [
        f"{shift.code} ({shift.name}, {shift_type_times(shift.start, shift.end)})"
        for shift in ShiftType.objects.filter(department_id=rota.department_id)
    ]
    notes = {"date": f"This rota runs {period(rota.period_start, rota.period_end)}."}
    if shifts:
        notes["shift"] = f"Codes: {', '.join(shifts)}."
    return notes
