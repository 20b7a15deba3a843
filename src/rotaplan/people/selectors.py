"""Reads of doctors, scoped through ``access``; shared by the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet

from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.rotas.models import Assignment, RotaStatus

from . import access
from .access import AnyUser
from .models import Competency, Doctor

# Doctors a page of the list holds, on the page and in the API alike.
DOCTORS_PER_PAGE = 50


@dataclass(frozen=True)
class DoctorFilters:
    """What the doctor list is narrowed by; every part optional."""

    department_id: int | None = None
    grade: str = ""
    contract: str = ""
    ltft: bool | None = None
    text: str = ""


def doctor_search(user: AnyUser, filters: DoctorFilters) -> QuerySet[Doctor]:
    """Doctors the user may see that match ``filters``, by surname then first name.

    ``text`` matches a GMC number from its start when it is all digits; otherwise every word
    must start or appear in the first or last name, so "ada pat" finds Dr Ada Patel.
    """
    doctors = access.visible_doctors(user)
    if filters.department_id is not None:
        doctors = doctors.filter(department_id=filters.department_id)
    if filters.grade:
        doctors = doctors.filter(grade=filters.grade)
    if filters.contract:
        doctors = doctors.filter(contract=filters.contract)
    if filters.ltft is True:
        doctors = doctors.filter(wte__lt=Decimal("1"))
    elif filters.ltft is False:
        doctors = doctors.filter(wte__gte=Decimal("1"))
    text = filters.text.strip()
    if text.isdigit():
        doctors = doctors.filter(gmc_number__startswith=text)
    else:
        for word in text.split():
            doctors = doctors.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return doctors.select_related("department").order_by("last_name", "first_name", "pk")


def visible_doctor(user: AnyUser, doctor_id: int) -> Doctor | None:
    """The doctor's record with their department and competencies, if the user may see it;
    otherwise ``None``, whether or not it exists, so a page answers 404 alike."""
    return (
        access.visible_doctors(user)
        .select_related("department")
        .prefetch_related("competencies")
        .filter(pk=doctor_id)
        .first()
    )


def saved_doctor(doctor_id: int) -> Doctor:
    """The record as it is saved now, for an editor whose copy went stale: they may no
    longer see it (it moved department) but must see what their edit was refused over."""
    return Doctor.objects.get(pk=doctor_id)


def competency_codes() -> list[str]:
    return list(Competency.objects.order_by("code").values_list("code", flat=True))


def upcoming_shifts(doctor: Doctor, today: date, days: int = 28) -> QuerySet[Assignment]:
    """The doctor's shifts on published rotas from ``today`` for ``days`` days: a draft is
    not yet a promise, so a doctor is not shown it."""
    return (
        Assignment.objects.filter(
            doctor=doctor,
            date__gte=today,
            date__lt=today + timedelta(days=days),
            rota__status=RotaStatus.PUBLISHED,
        )
        .select_related("shift_type", "rota")
        .order_by("start")
    )


def upcoming_leave(doctor: Doctor, today: date) -> QuerySet[LeaveRecord]:
    """Leave not yet over that still stands: requested or approved."""
    return LeaveRecord.objects.filter(
        doctor=doctor,
        end__gte=today,
        status__in=[LeaveStatus.REQUESTED, LeaveStatus.APPROVED],
    ).order_by("start")
