"""The page that imports a rota's shifts from a spreadsheet.

The shifts are checked against the rules as any edit of a draft is: a file whose shifts
would create breaches is shown again with them and imported only when uploaded again
with a reason (an upload cannot be kept across the round trip), which is recorded.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from rotaplan.engine.breaches import Breach
from rotaplan.engine.formats.input_problems import Problem
from rotaplan.engine.formats.spreadsheet import UnreadableFile
from rotaplan.imports.uploads import read_upload
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.pages import found

from ..editing.breaches import EditCreatesBreaches
from ..editing.forms import REASON_REQUIRED
from ..refusals import RotaNotDraft
from ..selectors import department_shift_types, editable_rota
from .forms import ShiftImportForm, upload_key
from .presenters import import_page
from .services import assignments_import, import_refusal


@login_required
@require_http_methods(["GET", "POST"])
def shift_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rota = found(editable_rota(request.user, pk))
    posted = request.method == "POST" and import_refusal(rota) is None
    form = ShiftImportForm(request.POST, request.FILES) if posted else ShiftImportForm()
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
    page = import_page(
        rota, form, row_problems, summary, department_shift_types(rota.department_id)
    )
    page |= {
        "breach_messages": [b.message for b in breaches],
        "asking_reason": bool(breaches),
        "shown": shown,
    }
    return render(request, "rotas/shift_import.jinja", page)
