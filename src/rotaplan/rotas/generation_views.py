"""Pages to generate a draft rota in the background, watch it and cancel it, compare a
department's rotas, and publish a draft.

The solver never runs while a page waits: the form queues a ``GenerationRun`` for the
worker and the run's page polls it with htmx every 2 seconds.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from rotaplan.engine.clock import monday_of
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.htmx import render_page_or_partial
from rotaplan.web.nhs_forms import DateInputField, error_summary_items

from . import comparison, selectors
from .compliance import rota_compliance
from .edit_views import add_service_errors
from .generation.runs import (
    MAX_SECONDS,
    MIN_SECONDS,
    cancel_generation,
    mark_if_abandoned,
    start_generation,
)
from .models import GenerationRun, Rota, RotaStatus, RunStatus, StaffGroup
from .presenters import rota_status_tag
from .services import PublishClashes, RotaChanged, publish_clashes, rota_publish
from .shift_import import RotaNotDraft

RUN_TAG_COLOURS = {
    RunStatus.QUEUED: "grey",
    RunStatus.RUNNING: "blue",
    RunStatus.SUCCEEDED: "green",
    RunStatus.FAILED: "red",
    RunStatus.CANCELLED: "orange",
}


def run_status_tag(status: str) -> dict[str, str]:
    return {"text": RunStatus(status).label, "colour": RUN_TAG_COLOURS[RunStatus(status)]}


def viewable_department(request: AuthenticatedHttpRequest, pk: int) -> Department:
    """The department if the user may see its rotas, else 404."""
    department = access.visible_departments(request.user).filter(pk=pk).first()
    if department is None or not access.can_view_department_rotas(request.user, department.pk):
        raise Http404
    return department


def coordinated_department(request: AuthenticatedHttpRequest, pk: int) -> Department:
    """The department if the user may change its rotas: 404 if they may not see it, 403
    if they may see but not change it."""
    department = viewable_department(request, pk)
    if not access.can_edit_department_rotas(request.user, department.pk):
        raise PermissionDenied("You may see this department's rotas but not change them.")
    return department


def visible_run(request: AuthenticatedHttpRequest, pk: int) -> GenerationRun:
    run = (
        GenerationRun.objects.select_related("department", "rota", "created_by")
        .filter(pk=pk)
        .first()
    )
    if run is None or not access.can_view_department_rotas(request.user, run.department_id):
        raise Http404
    return run


class GenerateForm(forms.Form):
    period_start = DateInputField(
        label="First day", error_messages={"required": "Enter the first day of the rota"}
    )
    period_end = DateInputField(
        label="Last day", error_messages={"required": "Enter the last day of the rota"}
    )
    staff_group = forms.ChoiceField(
        label="Who works on this rota",
        choices=StaffGroup.choices,
        initial=StaffGroup.TRAINING,
        error_messages={"required": "Choose who works on this rota"},
    )
    time_limit = forms.IntegerField(
        label="Time limit, in seconds",
        initial=60,
        error_messages={
            "required": "Enter how many seconds the search may take",
            "invalid": "Enter the time limit as a whole number of seconds, for example 60",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def generate(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = coordinated_department(request, department_id)
    first = default_start(department)
    form = GenerateForm(
        request.POST if request.method == "POST" else None,
        initial={"period_start": first, "period_end": first + timedelta(days=27)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = start_generation(
                actor=request.user,
                department=department,
                period_start=data["period_start"],
                period_end=data["period_end"],
                time_limit=data["time_limit"],
                staff_group=data["staff_group"],
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            return redirect("rotas:generation-run", run.pk)
    runs = GenerationRun.objects.filter(department=department).select_related("rota")[:10]
    return render(
        request,
        "rotas/generate.jinja",
        {
            "title": f"Generate a rota, {department.name}",
            "department": department,
            "form": form,
            "page_errors": error_summary_items(form),
            "min_seconds": MIN_SECONDS,
            "max_seconds": MAX_SECONDS,
            "runs": [(run, run_status_tag(run.status)) for run in runs],
        },
    )


def default_start(department: Department) -> date:
    """Next Monday, or the Monday after the department's published rotas end if later: a
    generated rota fits round published shifts, so weeks already published are full."""
    first = monday_of(timezone.localdate()) + timedelta(weeks=1)
    last = (
        Rota.objects.filter(department=department, status=RotaStatus.PUBLISHED)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )
    if last is not None and last >= first:
        first = monday_of(last + timedelta(days=6))
    return first


def number(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def run_context(request: AuthenticatedHttpRequest, run: GenerationRun) -> dict[str, Any]:
    elapsed = run.seconds
    if run.status == RunStatus.RUNNING and run.started is not None:
        elapsed = max(elapsed, (timezone.now() - run.started).total_seconds())
    result = run.result or {}
    requests = result.get("requests", [])
    fairness = result.get("fairness", {"rows": [], "spread": {}})
    return {
        "title": f"Rota generation, {run.department.name}",
        "run": run,
        "department": run.department,
        "status": run_status_tag(run.status),
        "elapsed": f"{elapsed:.0f}",
        "objective": number(run.objective),
        "bound": number(run.bound or None),  # 0: the search has proved nothing yet
        "can_cancel": not run.finished_yet
        and not run.cancel_requested
        and access.can_edit_department_rotas(request.user, run.department_id),
        "polling": not run.finished_yet,
        "gaps": [{**gap, "day": date.fromisoformat(gap["date"])} for gap in result.get("gaps", [])],
        "not_honoured": [
            {**r, "days": [date.fromisoformat(d) for d in r["dates"]]}
            for r in requests
            if not r["honoured"]
        ],
        "honoured_count": sum(1 for r in requests if r["honoured"]),
        "requests_count": len(requests),
        "fairness_rows": fairness["rows"],
        "breaches_with_published": result.get("breaches_with_published", 0),
        "breaches_summary": result.get("breaches_summary", ""),
        "spread": fairness["spread"],
    }


@login_required
def generation_run(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = mark_if_abandoned(visible_run(request, pk))
    return render_page_or_partial(
        request, "rotas/generation_run.jinja", "rotas/_run_status.jinja", run_context(request, run)
    )


@login_required
@require_POST
def generation_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = visible_run(request, pk)
    cancel_generation(actor=request.user, run=run)
    messages.success(request, "The rota generation is being cancelled")
    return redirect("rotas:generation-run", run.pk)


@login_required
def compare(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = viewable_department(request, department_id)
    rotas = list(Rota.objects.filter(department=department).order_by("-period_start", "name"))
    chosen_ids = {value for value in request.GET.getlist("rota") if value.isdigit()}
    chosen = [r for r in rotas if str(r.pk) in chosen_ids]
    problem = ""
    compared = None
    if request.GET and len(chosen) < 2:
        problem = "Choose at least two rotas to compare"
    elif len(chosen) >= 2:
        compared = comparison.compare_rotas(chosen)
    return render(
        request,
        "rotas/compare.jinja",
        {
            "title": f"Compare rotas, {department.name}",
            "department": department,
            "items": [
                {
                    "value": str(r.pk),
                    "text": r.name,
                    "hint": {"text": f"{RotaStatus(r.status).label}, version {r.version}"},
                    "checked": r in chosen,
                }
                for r in rotas
            ],
            "problem": problem,
            "page_errors": [{"text": problem, "href": "#rota"}] if problem else [],
            "compared": compared,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rota = selectors.visible_rota(request.user, pk)
    if rota is None:
        raise Http404
    if not access.can_edit_department_rotas(request.user, rota.department_id):
        raise PermissionDenied("You may see this rota but not publish it.")
    errors: list[str] = []
    if request.method == "POST":
        version = request.POST.get("version", "")
        try:
            rota_publish(
                actor=request.user,
                rota=rota,
                version=int(version) if version.isdigit() else None,
            )
        except (RotaNotDraft, RotaChanged) as refused:
            errors.append(refused.message)
        except PublishClashes as clashing:
            errors.extend(clashing.clashes)
        else:
            messages.success(request, f"{rota.name} is published")
            return redirect("rotas:rota-grid", rota.pk)
    compliance = rota_compliance(rota)
    draft = rota.status == RotaStatus.DRAFT
    return render(
        request,
        "rotas/publish.jinja",
        {
            "title": f"Publish {rota.name}",
            "rota": rota,
            "status": rota_status_tag(rota.status),
            "draft": draft,
            "compliance": compliance,
            "shift_count": rota.assignments.count(),
            "clashes": publish_clashes(rota) if draft and not errors else [],
            "errors": errors,
            "page_errors": [{"text": e} for e in errors],
        },
    )
