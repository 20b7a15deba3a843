"""Whose work schedule a user may read: the doctor themself, for a published rota they are
on, and whoever may open the doctor's record and see the rota."""

from __future__ import annotations

from rotaplan.people import access
from rotaplan.people.access import AnyUser
from rotaplan.people.grades import Contract
from rotaplan.people.models import Doctor

from ..models import Assignment, Rota, RotaStatus
from ..selectors import visible_rota


def work_schedule_subject(
    user: AnyUser, rota_id: int, doctor_id: int
) -> tuple[Rota, Doctor] | None:
    """The rota and doctor if the user may read this doctor's work schedule for it;
    otherwise ``None``, whether or not they exist.

    The doctor themself, for a published rota they are on; a user who may open the doctor's
    record and see the rota (the department's coordinators and service managers, the
    trust-wide roles). A booking coordinator sees rotas but not doctors' records, so not
    their pay."""
    doctor = access.visible_doctors(user).select_related("department").filter(pk=doctor_id).first()
    if doctor is None:
        return None
    rota = visible_rota(user, rota_id)
    if rota is None:
        own = user.is_authenticated and user.doctor_id == doctor.pk
        rota = Rota.objects.select_related("department").filter(pk=rota_id).first()
        if not own or rota is None or rota.status != RotaStatus.PUBLISHED:
            return None
    if not Assignment.objects.filter(rota=rota, doctor=doctor).exists():
        return None
    return rota, doctor


def work_schedule_rotas(user: AnyUser, doctor: Doctor) -> list[Rota]:
    """The rotas whose work schedule for ``doctor`` the user may read (``doctor`` being one
    the user may see), by start: the same rule as ``work_schedule_subject``."""
    if doctor.contract != Contract.TCS_2016:
        return []
    own = user.is_authenticated and user.doctor_id == doctor.pk
    rotas = Rota.objects.filter(assignments__doctor=doctor).distinct().select_related("department")
    return [
        rota
        for rota in rotas.order_by("period_start", "name")
        if access.can_view_department_rotas(user, rota.department_id)
        or (own and rota.status == RotaStatus.PUBLISHED)
    ]
