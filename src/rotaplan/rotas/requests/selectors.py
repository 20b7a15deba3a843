"""Reads of doctors' rota requests: whose a page offers, the ones still to come, and one to
withdraw if the user may."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from rotaplan.people import access
from rotaplan.people.access import AnyUser
from rotaplan.people.models import Doctor

from ..models import RotaRequest


def own_doctor(doctor_id: int) -> QuerySet[Doctor]:
    """The signed-in doctor, as the one-doctor list their requests page offers."""
    return Doctor.objects.filter(pk=doctor_id)


def doctors_of_department(department_id: int) -> QuerySet[Doctor]:
    return Doctor.objects.filter(department_id=department_id).order_by("last_name", "first_name")


def current_requests(doctors: QuerySet[Doctor]) -> QuerySet[RotaRequest]:
    """The doctors' requests that have not ended yet, earliest first."""
    return (
        RotaRequest.objects.filter(doctor__in=doctors, last_date__gte=timezone.localdate())
        .select_related("doctor", "shift_type")
        .order_by("first_date", "doctor__last_name")
    )


def manageable_request(user: AnyUser, request_id: int) -> RotaRequest | None:
    """The request if the user may withdraw it; otherwise ``None``, whether or not it
    exists, so nobody learns of another doctor's requests."""
    found = RotaRequest.objects.select_related("doctor").filter(pk=request_id).first()
    if found is None or not access.can_manage_rota_requests(user, found.doctor):
        return None
    return found
