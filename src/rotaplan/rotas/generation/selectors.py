"""Reads for generating and comparing rotas: a run if the user may see it, a department's
latest runs and its rotas, and where the next generated rota should start."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from rotaplan.engine.clock import monday_of
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.access import AnyUser

from ..models import GenerationRun, Rota, RotaStatus


def visible_run(user: AnyUser, run_id: int) -> GenerationRun | None:
    """The run if the user may see its department's rotas; otherwise ``None``, whether or
    not it exists."""
    run = (
        GenerationRun.objects.select_related("department", "rota", "created_by")
        .filter(pk=run_id)
        .first()
    )
    if run is None or not access.can_view_department_rotas(user, run.department_id):
        return None
    return run


def recent_runs(department: Department, count: int = 10) -> QuerySet[GenerationRun]:
    return GenerationRun.objects.filter(department=department).select_related("rota")[:count]


def department_rotas(department: Department) -> list[Rota]:
    """The department's rotas, latest first: what may be compared."""
    return list(Rota.objects.filter(department=department).order_by("-period_start", "name"))


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
