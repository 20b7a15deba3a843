"""Reads of departments, scoped to what the user may see; shared by the pages and the API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.access import AnyUser

if TYPE_CHECKING:
    from rotaplan.rotas.models import GenerationRun, Rota

# How many of its latest generation runs a department's page lists.
RECENT_RUNS = 5


def department_list(user: AnyUser) -> QuerySet[Department]:
    """Departments the user may see, with their site and how many doctors hold posts there
    (``doctor_count``), in one query."""
    return (
        access.visible_departments(user)
        .select_related("site")
        .annotate(doctor_count=Count("doctors"))
        .order_by("name")
    )


def visible_department(user: AnyUser, department_id: int) -> Department | None:
    """The department if the user may see it; otherwise ``None``, whether or not it exists,
    so its existence is not revealed."""
    return department_list(user).filter(pk=department_id).first()


def department_rotas(department: Department) -> QuerySet[Rota]:
    """The department's rotas, the latest first."""
    return department.rotas.order_by("-period_start", "name")


def recent_generation_runs(department: Department) -> QuerySet[GenerationRun]:
    return department.generation_runs.select_related("rota")[:RECENT_RUNS]
