"""The rota generator's repair from a gap's page: asked for with one button, watched on
its run's page (htmx polls it every 2 seconds, as a generation run's page does), and
applied with another. A run outside the user's scope is a 404, as one that does not
exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.htmx import render_page_or_partial
from rotaplan.web.pages import found

from ..selectors import coordinated_gap
from ..services import GapChanged
from .presenters import run_context
from .selectors import visible_repair
from .services import CannotRepair, RepairRefused, repair_apply, repair_request


@login_required
@require_POST
def repair_ask(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gap = found(coordinated_gap(request.user, pk))
    try:
        run = repair_request(actor=request.user, gap=gap)
    except (GapChanged, CannotRepair) as refused:
        messages.error(request, refused.message)
        return redirect("cover:gap", gap.pk)
    return redirect("cover:repair", run.pk)


@login_required
@require_GET
def repair_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = found(visible_repair(request.user, pk))
    may_apply = access.coordinates(request.user, run.department_id)
    return render_page_or_partial(
        request,
        "cover/repair.jinja",
        "cover/_repair_status.jinja",
        run_context(run, can_apply=may_apply),
    )


@login_required
@require_POST
def repair_apply_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = found(visible_repair(request.user, pk))
    if not access.coordinates(request.user, run.department_id):
        raise Http404
    try:
        repair_apply(actor=request.user, run=run)
    except RepairRefused as refused:
        messages.error(request, refused.message)
        return redirect("cover:repair", run.pk)
    messages.success(
        request, "The repair is on the rota as a new version, and the doctors are told"
    )
    return redirect("cover:gap", run.gap_id)
