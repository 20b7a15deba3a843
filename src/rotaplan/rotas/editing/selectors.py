"""Reads for the pages that add and remove shifts: who may be put on a rota, the shifts of
a day, and the changes saved despite breaches."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from rotaplan.people import access
from rotaplan.people.access import AnyUser
from rotaplan.people.models import Doctor

from ..models import Assignment, ComplianceOverride, Rota, ShiftType


def department_doctors(rota: Rota, user: AnyUser) -> QuerySet[Doctor]:
    """The department's doctors in post during the rota, and anyone already on it, of
    those the user may put on a rota (``assignable_doctors``)."""
    in_post = Q(department_id=rota.department_id, post_start__lte=rota.period_end) & (
        Q(post_end__isnull=True) | Q(post_end__gte=rota.period_start)
    )
    on_rota = Q(pk__in=Assignment.objects.filter(rota=rota).values("doctor_id"))
    return (
        assignable_doctors(user).filter(in_post | on_rota).order_by("last_name", "first_name", "pk")
    )


def assignable_doctors(user: AnyUser) -> QuerySet[Doctor]:
    """The doctors the user may put on a shift: those whose records they may open. A
    colleague from another department covers when someone who may see them (medical
    staffing, or a coordinator of both departments) adds them: adding a shift shows the
    doctor's other shifts, breaches and leave, which nobody outside their scope may see."""
    return access.visible_doctors(user)


def assignable_doctor(user: AnyUser, doctor_id: int) -> Doctor | None:
    """The doctor if the user may put them on a shift; otherwise ``None``, whether or not
    they exist, so the refusal reads the same."""
    return assignable_doctors(user).filter(pk=doctor_id).first()


def assignable_doctor_with_gmc_number(user: AnyUser, number: str) -> Doctor | None:
    """As ``assignable_doctor``, by GMC number."""
    return assignable_doctors(user).filter(gmc_number=number).first()


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
