"""Reads for the rota grid: its rows in four queries, however many doctors and days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.people import access
from rotaplan.people.access import AnyUser
from rotaplan.people.models import Doctor

from ..models import Assignment, GenerationRun, Rota, ShiftType


@dataclass(frozen=True)
class GridRecords:
    doctors: list[Doctor]
    assignments: list[Assignment]
    leave: list[LeaveRecord]


def grid_records(rota: Rota, start: date, end: date, user: AnyUser) -> GridRecords:
    """Everything the grid shows from ``start`` to ``end``: the department's doctors in post
    then, and anyone else rostered on this rota then (a colleague covering); their shifts
    on this rota; their approved leave. A colleague's leave (sickness above all) is shown
    only to those who may open their record: their shifts here are this rota's business,
    their absences are not."""
    assignments = list(
        Assignment.objects.filter(rota=rota, date__range=(start, end)).only(
            "doctor_id", "shift_type_id", "date", "start", "end"
        )
    )
    # A department has a handful of shift types and a grid hundreds of shifts: each type
    # is built once and shared, not joined and built again for every shift.
    shift_types = ShiftType.objects.in_bulk({a.shift_type_id for a in assignments})
    for assignment in assignments:
        assignment.shift_type = shift_types[assignment.shift_type_id]
    in_post = Q(department_id=rota.department_id, post_start__lte=end) & (
        Q(post_end__isnull=True) | Q(post_end__gte=start)
    )
    rostered = {a.doctor_id for a in assignments}
    doctors = list(Doctor.objects.filter(in_post | Q(pk__in=rostered)))
    colleagues = {d.pk for d in doctors if d.department_id != rota.department_id}
    hidden = colleagues and colleagues - set(
        access.visible_doctors(user).filter(pk__in=colleagues).values_list("pk", flat=True)
    )
    leave = list(
        LeaveRecord.objects.filter(
            doctor__in=[d.pk for d in doctors if d.pk not in hidden],
            status=LeaveStatus.APPROVED,
            start__lte=end,
            end__gte=start,
        )
    )
    return GridRecords(doctors=doctors, assignments=assignments, leave=leave)


def generated_by(rota: Rota) -> GenerationRun | None:
    """The run that generated the rota, if one did: the grid links back to it."""
    return rota.generation_runs.order_by("-pk").first()
