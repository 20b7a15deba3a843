"""Reads of rotas: the one a user asked for, if theirs to see; its grid in three queries,
however many doctors and days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.people import access
from rotaplan.people.access import AnyUser
from rotaplan.people.models import Doctor

from .models import Assignment, Rota


def visible_rota(user: AnyUser, rota_id: int) -> Rota | None:
    """The rota if the user may see it; otherwise ``None``, whether or not it exists, so a
    page or endpoint answers 404 alike. Doctors see their own shifts on their own page,
    never a department's rota."""
    rota = Rota.objects.select_related("department").filter(pk=rota_id).first()
    if rota is None or not access.can_view_department_rotas(user, rota.department_id):
        return None
    return rota


@dataclass(frozen=True)
class GridRecords:
    doctors: list[Doctor]
    assignments: list[Assignment]
    leave: list[LeaveRecord]


def grid_records(rota: Rota, start: date, end: date) -> GridRecords:
    """Everything the grid shows from ``start`` to ``end``: the department's doctors in post
    then, and anyone else rostered on this rota then (a colleague covering); their shifts
    on this rota; their approved leave."""
    assignments = list(
        Assignment.objects.filter(rota=rota, date__range=(start, end)).select_related("shift_type")
    )
    in_post = Q(department_id=rota.department_id, post_start__lte=end) & (
        Q(post_end__isnull=True) | Q(post_end__gte=start)
    )
    rostered = {a.doctor_id for a in assignments}
    doctors = list(Doctor.objects.filter(in_post | Q(pk__in=rostered)))
    leave = list(
        LeaveRecord.objects.filter(
            doctor__in=[d.pk for d in doctors],
            status=LeaveStatus.APPROVED,
            start__lte=end,
            end__gte=start,
        )
    )
    return GridRecords(doctors=doctors, assignments=assignments, leave=leave)
