"""Doctors' rota requests entered and withdrawn, by the doctor or their coordinator: each in
one transaction, checked with ``access.can_manage_rota_requests``, audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from rotaplan.audit.actor import audited_as
from rotaplan.people import access
from rotaplan.people.models import Doctor, User

from ..horizon import outside_horizon
from ..models import RotaRequest, ShiftType

NOT_YOURS = "You may enter and withdraw rota requests only for yourself or your doctors"


@transaction.atomic
def rota_request_create(
    *,
    actor: User,
    doctor: Doctor,
    kind: str,
    first_date: date,
    last_date: date,
    shift_type: ShiftType | None = None,
    weight: int = 1,
    note: str = "",
) -> RotaRequest:
    """Record ``doctor``'s request for the next rota, entered by ``actor`` (the doctor, or
    a coordinator of their department). Both dates fall within the planning horizon
    (``horizon``): a request for 9999 is a slip. Raises ``PermissionDenied`` or
    ``ValidationError``."""
    if not access.can_manage_rota_requests(actor, doctor):
        raise PermissionDenied(NOT_YOURS)
    today = timezone.localdate()
    errors = {
        field: problem
        for field, day in (("first_date", first_date), ("last_date", last_date))
        if (problem := outside_horizon(day, today))
    }
    if errors:
        raise ValidationError(errors)
    rota_request = RotaRequest(
        doctor=doctor,
        kind=kind,
        first_date=first_date,
        last_date=last_date,
        shift_type=shift_type,
        weight=weight,
        note=note,
        created_by=actor,
    )
    rota_request.full_clean()
    with audited_as(actor):
        rota_request.save()
    return rota_request


@transaction.atomic
def rota_request_withdraw(*, actor: User, rota_request: RotaRequest) -> None:
    """Withdraw a request, as ``actor``: the next generated rota no longer weighs it.
    Raises ``PermissionDenied``."""
    if not access.can_manage_rota_requests(actor, rota_request.doctor):
        raise PermissionDenied(NOT_YOURS)
    with audited_as(actor):
        rota_request.delete()
