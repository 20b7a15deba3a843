"""Pages that add a shift to a draft rota and take one off it.

Each change is checked against the rules before it is saved: one that would create a
breach is shown again with the breaches and saved only with a reason for going ahead
(``breaches.EditCreatesBreaches``), which is recorded and listed on the add page.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from rotaplan.engine.breaches import Breach
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.pages import add_service_errors, found
from rotaplan.web.presenters import day as day_text

from ..models import Rota
from ..refusals import RotaChanged, RotaNotDraft
from ..selectors import editable_rota
from .breaches import EditCreatesBreaches
from .forms import REASON_REQUIRED, ReasonForm, ShiftAddForm, edit_key
from .presenters import (
    DAY_HEAD,
    day_paging,
    day_rows,
    grid_at,
    override_rows,
    page_basics,
    shift_summary,
)
from .selectors import compliance_overrides, day_assignments, rota_assignment
from .services import ShiftAlreadyRemoved, assignment_create, assignment_remove, edit_refusal


def requested_day(rota: Rota, value: str | None) -> date:
    """``?day=YYYY-MM-DD`` within the rota, else its first day."""
    try:
        chosen = date.fromisoformat(value) if value else rota.period_start
    except ValueError:
        chosen = rota.period_start
    return min(max(chosen, rota.period_start), rota.period_end)


def bound_data(request: HttpRequest, refusal: str | None) -> QueryDict | None:
    """The posted form, unless the rota refuses edits: then the page only explains."""
    return request.POST if request.method == "POST" and refusal is None else None


@login_required
@require_http_methods(["GET", "POST"])
def shift_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rota = found(editable_rota(request.user, pk))
    refusal = edit_refusal(rota)
    form = ShiftAddForm(bound_data(request, refusal), rota=rota, user=request.user)
    breaches: tuple[Breach, ...] = ()
    shown = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        shown = edit_key(data)
        answering = "reason" in request.POST and data["shown"] == shown
        try:
            assignment_create(
                actor=request.user,
                rota=rota,
                doctor=data["doctor"],
                shift_type=data["shift_type"],
                date=data["date"],
                reason=data["reason"] if answering else "",
                version=data["version"],
            )
        except EditCreatesBreaches as breaking:
            breaches = breaking.breaches
            if answering:
                form.add_error("reason", REASON_REQUIRED)
        except (RotaNotDraft, RotaChanged) as refused:
            form.add_error(None, refused.message)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            done = f"{data['doctor']} is on {data['shift_type'].code} on {day_text(data['date'])}"
            messages.success(request, done)
            return redirect(grid_at(rota, data["date"]))
    day = getattr(form, "cleaned_data", {}).get("date") or requested_day(
        rota, request.GET.get("day")
    )
    return render(
        request,
        "rotas/shift_add.jinja",
        {
            **page_basics(rota, form, breaches, refusal),
            "title": f"Add a shift, {rota.name}",
            "shown": shown,
            "day": day,
            "day_head": [{"text": h} for h in DAY_HEAD[: 3 if refusal else 4]],
            "day_rows": day_rows(rota, day_assignments(rota, day), removable=refusal is None),
            "day_paging": day_paging(rota, day),
            "override_rows": override_rows(compliance_overrides(rota)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def shift_remove(request: AuthenticatedHttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    rota = found(editable_rota(request.user, pk))
    assignment = found(rota_assignment(rota, assignment_id))
    refusal = edit_refusal(rota)
    form = ReasonForm(bound_data(request, refusal))
    breaches: tuple[Breach, ...] = ()
    if form.is_bound and form.is_valid():
        try:
            assignment_remove(
                actor=request.user,
                assignment=assignment,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except EditCreatesBreaches as breaking:
            breaches = breaking.breaches
            if "reason" in request.POST:
                form.add_error("reason", REASON_REQUIRED)
        except (RotaNotDraft, RotaChanged) as refused:
            form.add_error(None, refused.message)
        except ShiftAlreadyRemoved as gone:
            messages.warning(request, gone.message)
            return redirect(f"{reverse('rotas:shift-add', args=[rota.pk])}?day={assignment.date}")
        else:
            messages.success(
                request,
                f"{assignment.doctor} is no longer on {assignment.shift_type.code} on "
                f"{day_text(assignment.date)}",
            )
            return redirect(grid_at(rota, assignment.date))
    return render(
        request,
        "rotas/shift_remove.jinja",
        {
            **page_basics(rota, form, breaches, refusal),
            "title": f"Remove a shift, {rota.name}",
            "assignment": assignment,
            "shift": shift_summary(assignment),
            "back": f"{reverse('rotas:shift-add', args=[rota.pk])}?day={assignment.date}",
        },
    )
