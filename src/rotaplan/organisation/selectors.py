"""Reads of departments, scoped to what the user may see; shared by the pages and the API."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.access import AnyUser


def department_list(user: AnyUser) -> QuerySet[Department]:
    """Departments the user may see, with their site and how many doctors hold posts there
    (``doctor_count``), in one query."""
    return (
        access.visible_departments(user)
        .select_related("site")
        .annotate(doctor_count=Count("doctors"))
        .order_by("name")
    )
