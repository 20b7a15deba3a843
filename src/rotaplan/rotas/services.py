"""Changes to rotas: the only code that writes assignments, audited by django-auditlog."""

from __future__ import annotations

from datetime import date as Date
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from rotaplan.engine.clock import shift_bounds
from rotaplan.people import access
from rotaplan.people.models import Doctor, User
from rotaplan.web.presenters import period

from .models import Assignment, Rota, ShiftType
from .overlap import check_assignment_times


@transaction.atomic
def assignment_create(
    *,
    actor: User,
    rota: Rota,
    doctor: Doctor,
    shift_type: ShiftType,
    date: Date,
    start: datetime | None = None,
    end: datetime | None = None,
) -> Assignment:
    """Put ``doctor`` on ``shift_type`` on ``date`` in ``rota``, as ``actor``.

    The times come from the shift type (a night's end falls on the next day) unless both
    ``start`` and ``end`` are given as aware datetimes. Any doctor may be put on a rota, so
    a colleague from another department can cover, but never on two overlapping shifts.
    The rota row is locked and its version raised, so a reader can tell the rota changed;
    the doctor row is locked too, so two rotas cannot book the same doctor at once.
    Raises ``PermissionDenied`` or ``ValidationError``; nothing is saved on either.
    """
    locked = Rota.objects.select_for_update().get(pk=rota.pk)
    if not access.can_edit_department_rotas(actor, locked.department_id):
        raise PermissionDenied("You do not coordinate this department's rotas")
    doctor = Doctor.objects.select_for_update().get(pk=doctor.pk)

    errors: dict[str, str] = {}
    if shift_type.department_id != locked.department_id:
        errors["shift_type"] = f"{shift_type.code} is not a shift of {locked.department}"
    if not locked.period_start <= date <= locked.period_end:
        errors["date"] = (
            f"The date must be within the rota, {period(locked.period_start, locked.period_end)}"
        )
    if (start is None) != (end is None):
        errors["end" if end is None else "start"] = (
            "Give both the start and the end of the shift, or neither"
        )
    if errors:
        raise ValidationError(errors)
    if start is None or end is None:
        start, end = shift_bounds(date, shift_type.start, shift_type.end)

    check_assignment_times(doctor_id=doctor.pk, start=start, end=end)
    assignment = Assignment(
        rota=locked, doctor=doctor, shift_type=shift_type, date=date, start=start, end=end
    )
    assignment.full_clean()
    assignment.save()
    locked.version += 1
    locked.save(update_fields=["version"])
    return assignment
