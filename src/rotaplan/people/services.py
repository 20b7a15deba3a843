"""Changes to doctors' records: the only code that writes them, audited by django-auditlog."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from . import access
from .models import Doctor, User

# In the order the edit form shows them.
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "gmc_number",
    "email",
    "phone",
    "grade",
    "contract",
    "wte",
    "opted_out",
    "department",
    "post_start",
    "post_end",
    "competencies",
)


class DoctorChangedError(Exception):
    """The record moved on since the editor loaded it; applying the edit would silently
    undo someone else's change, so it is refused (docs/adr/0009-optimistic-locking.md)."""

    message = (
        "Someone else changed this doctor's record while you were editing it. Your changes "
        "have not been saved. Check the current details and make your changes again."
    )

    def __init__(self) -> None:
        super().__init__(self.message)


@transaction.atomic
def doctor_update(*, actor: User, doctor: Doctor, version: int, **changes: Any) -> Doctor:
    """Apply ``changes`` to ``doctor`` as ``actor``, if the record is still at ``version``.

    The row is locked while it is checked and written, so two editors who loaded the same
    version cannot both succeed. The version goes up by one with each saved change; an edit
    that changes nothing saves nothing. Raises ``PermissionDenied`` when the actor does not
    manage the doctor's department, ``DoctorChangedError`` for a stale version and
    ``ValidationError`` for bad values (nothing is saved in any of these cases).
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"doctor_update cannot change {', '.join(sorted(unknown))}")
    locked = Doctor.objects.select_for_update().get(pk=doctor.pk)
    if not access.can_manage_doctors(actor, locked.department_id):
        raise PermissionDenied("You do not manage this doctor's department")
    if locked.version != version:
        raise DoctorChangedError

    competencies = changes.pop("competencies", None)
    new_competencies = None
    if competencies is not None:
        new_competencies = {c.pk for c in competencies}
        if new_competencies == set(locked.competencies.values_list("pk", flat=True)):
            new_competencies = None
    changed = {name: value for name, value in changes.items() if getattr(locked, name) != value}
    if not changed and new_competencies is None:
        return locked

    for name, value in changed.items():
        setattr(locked, name, value)
    if "department" in changed and not access.can_manage_doctors(actor, locked.department_id):
        raise ValidationError({"department": "Choose a department you manage"})
    locked.version += 1
    locked.full_clean()
    locked.save()
    if new_competencies is not None:
        locked.competencies.set(new_competencies)
    return locked
