"""Pages to generate a draft rota in the background, watch it and cancel it, and compare a
department's rotas.

The solver never runs while a page waits: the form queues a ``GenerationRun`` for the
worker and the run's page polls it with htmx every 2 seconds.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.htmx import render_page_or_partial
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found

from ..selectors import coordinated_department, visible_department
from .comparison import compare_rotas, rota_choices
from .forms import GenerateForm
from .presenters import run_context, run_status_tag
from .selectors import default_start, department_rotas, recent_runs, visible_run
from .services import (
    MAX_SECONDS,
    MIN_SECONDS,
    SameRunWaiting,
    TooManyRuns,
    cancel_generation,
    mark_if_abandoned,
    start_generation,
)


@login_required
@require_http_methods(["GET", "POST"])
def generate(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
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
        except TooManyRuns as refused:
            form.add_error(None, refused.message)
        except SameRunWaiting as same:
            messages.info(request, "This rota is already being generated: here is its progress")
            return redirect("rotas:generation-run", same.run.pk)
        else:
            return redirect("rotas:generation-run", run.pk)
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
            "runs": [(run, run_status_tag(run.status)) for run in recent_runs(department)],
        },
    )


@login_required
def generation_run(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = mark_if_abandoned(found(visible_run(request.user, pk)))
    may_generate = access.can_edit_department_rotas(request.user, run.department_id)
    return render_page_or_partial(
        request,
        "rotas/generation_run.jinja",
        "rotas/_run_status.jinja",
        {**run_context(run, can_cancel=may_generate), "can_generate": may_generate},
    )


@login_required
@require_POST
def generation_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = found(visible_run(request.user, pk))
    cancel_generation(actor=request.user, run=run)
    messages.success(request, "The rota generation is being cancelled")
    return redirect("rotas:generation-run", run.pk)


@login_required
def compare(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = found(visible_department(request.user, department_id))
    rotas = department_rotas(department)
    chosen_ids = {value for value in request.GET.getlist("rota") if value.isdigit()}
    chosen = [r for r in rotas if str(r.pk) in chosen_ids]
    problem = "Choose at least two rotas to compare" if request.GET and len(chosen) < 2 else ""
    return render(
        request,
        "rotas/compare.jinja",
        {
            "title": f"Compare rotas, {department.name}",
            "department": department,
            "items": rota_choices(rotas, chosen),
            "problem": problem,
            "page_errors": [{"text": problem, "href": "#rota"}] if problem else [],
            "compared": compare_rotas(chosen) if len(chosen) >= 2 else None,
            "can_generate": access.can_edit_department_rotas(request.user, department.pk),
        },
    )
