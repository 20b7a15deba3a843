"""The rota grid: who works what, day by day, for a department's coordinators."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from rotaplan.audit.services import read_record
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.pages import found

from ..compliance import rota_compliance
from ..presenters import rota_status_tag
from ..selectors import visible_rota
from .presenters import (
    DEFAULT_SPAN,
    build_grid,
    grid_read,
    grid_window,
    paging_params,
    span_links,
)
from .selectors import generated_by, grid_records


def requested_day(value: str | None) -> date | None:
    """``?from=YYYY-MM-DD``; anything else is ignored rather than refused."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def rota_grid(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rota = found(visible_rota(request.user, pk))
    window = grid_window(
        period_start=rota.period_start,
        period_end=rota.period_end,
        today=timezone.localdate(),
        requested=requested_day(request.GET.get("from")),
        span=request.GET.get("weeks", DEFAULT_SPAN),
    )
    records = grid_records(rota, window.start, window.end, request.user)
    read_record(actor=request.user, subject=rota, what=grid_read(window))
    compliance = rota_compliance(rota)
    rota_grid = build_grid(
        days=window.days,
        doctors=records.doctors,
        assignments=records.assignments,
        leave=records.leave,
        breaches=compliance.days,
    )
    return render(
        request,
        "rotas/rota_grid.jinja",
        {
            "title": f"{rota.name}, {rota.department.name}",
            "rota": rota,
            "status": rota_status_tag(rota.status),
            "window": window,
            "grid": rota_grid,
            "compliance": compliance,
            "paging": paging_params(window),
            "span_links": span_links(window),
            "link_doctors": access.can_view_department_doctors(request.user, rota.department_id),
            "can_import": access.can_edit_department_rotas(request.user, rota.department_id),
            "generated_by": generated_by(rota),
        },
    )
