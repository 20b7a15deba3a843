"""Reads for the pages that add and remove shifts: who may be put on a rota, the shifts of
a day, and the changes saved despite breaches."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from rotaplan.people.models import Doctor

from ..models import Assignment, ComplianceOverride, Rota, ShiftType


def department_doctors(rota: Rota) -> QuerySet[Doctor]:
    """The department's doctors in post during the rota, and anyone already on it."""
    in_post = Q(department_id=rota.department_id, post_start__lte=rota.period_end) & (
        Q(post_end__isnull=True) | Q(post_end__gte=rota.period_start)
    )
    on_rota = Q(pk__in=Assignment.objects.filter(rota=rota).values("doctor_id"))
    return Doctor.objects.filter(in_post | on_rota).order_by("last_name", "first_name", "pk")


def doctor_with_gmc_number(number: str) -> Doctor | None:
    """Any doctor, from any department: a colleague may cover on this rota."""
    return Doctor.objects.filter(gmc_number=number).first()


def doctor_by_id(doctor_id: int) -> Doctor | None:
    return Doctor.objects.filter(pk=doctor_id).first()


def shift_type_with_code(department_id: int, code: str) -> ShiftType | None:
    return ShiftType.objects.filter(department_id=department_id, code=code).first()


def rota_assignment(rota: Rota, assignment_id: int) -> Assignment | None:
    """The assignment if it is on ``rota``: another rota's is not found here."""
    return (
        Assignment.objects.filter(pk=assignment_id, rota=rota)
        .select_related("doctor", "shift_type")
        .first()
    )


def day_assignments(rota: Rota, day: date) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(rota=rota, date=day)
        .select_related("doctor", "shift_type")
        .order_by("start", "doctor__last_name")
    )


def compliance_overrides(rota: Rota) -> QuerySet[ComplianceOverride]:
    """Changes saved despite breaches, newest first (the model's ordering)."""
    return ComplianceOverride.objects.filter(rota=rota).select_related("made_by")
