"""Shifts added to and taken off a draft rota: with the import and generation, the only
code that writes assignments, audited by django-auditlog.

Only a draft rota is edited here, and every edit is checked against the rules before it is
saved: one that would create a breach is refused with the breaches (``EditCreatesBreaches``)
unless a reason is given, and then saved with a ``ComplianceOverride`` recording them."""

from __future__ import annotations

from datetime import date as Date
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from rotaplan.audit.actor import audited_as
from rotaplan.engine.clock import format_day, shift_bounds
from rotaplan.people import access
from rotaplan.people.models import Doctor, User
from rotaplan.web.presenters import period

from ..models import Assignment, Rota, RotaStatus, ShiftType
from ..overlap import check_assignment_times
from ..refusals import RotaChanged, RotaNotDraft
from ..rules_adapter import PlannedShift
from .breaches import EditCreatesBreaches, breaches_an_edit_creates, record_override
from .selectors import assignable_doctors

# The one answer for a doctor who does not exist and for one the user may not see, word
# for word, so nobody learns who exists outside their departments (ADR 0018).
UNKNOWN_DOCTOR = "No doctor you may put on a rota has this id"
ALREADY_REMOVED = (
    "This shift is no longer on the rota: someone has removed it already, so there is "
    "nothing to remove."
)


class ShiftAlreadyRemoved(Exception):
    """The shift is no longer on the rota: someone removed it first."""

    def __init__(self) -> None:
        super().__init__(ALREADY_REMOVED)
        self.message = ALREADY_REMOVED


PUBLISHED_REFUSAL = (
    "This rota is published; shifts can be added or removed only on a draft rota, so that no "
    "doctor's published shifts change without them being told."
)


def edit_refusal(rota: Rota) -> str | None:
    """Why shifts cannot be added to or removed from ``rota`` here, or None if they can."""
    return None if rota.status == RotaStatus.DRAFT else PUBLISHED_REFUSAL


def _locked_for_edit(actor: User, rota_id: int, version: int | None = None) -> Rota:
    """The rota, locked until the transaction ends, if ``actor`` may edit it now and, when
    ``version`` is given, nobody has changed it since it was read at that version
    (docs/adr/0009-optimistic-locking.md): a reason given for the breaches shown then must
    not be recorded for different ones."""
    locked = Rota.objects.select_for_update().select_related("department").get(pk=rota_id)
    access.require_rota_editor(actor, locked.department_id)
    refusal = edit_refusal(locked)
    if refusal is not None:
        raise RotaNotDraft(refusal)
    if version is not None and version != locked.version:
        raise RotaChanged
    return locked


def change_words(verb: str, code: str, date: Date, doctor: Doctor) -> str:
    """ "Added N on Mon 3 Aug 2026 for Dr Ada Patel"."""
    return f"{verb} {code} on {format_day(date)} for {doctor}"


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
    reason: str = "",
    version: int | None = None,
) -> Assignment:
    """Put ``doctor`` on ``shift_type`` on ``date`` in ``rota``, as ``actor``.

    The times come from the shift type (a night's end falls on the next day) unless both
    ``start`` and ``end`` are given as aware datetimes. Any doctor may be put on a rota, so
    a colleague from another department can cover, but never on two overlapping shifts.
    The rota row is locked and its version raised, so a reader can tell the rota changed;
    the doctor row is locked too, so two rotas cannot book the same doctor at once.
    Only a doctor the actor may see is put on a shift (``assignable_doctors``): any other is
    refused as one that does not exist, before the rules or the overlaps are checked, so
    nothing of theirs is shown. Only a draft rota takes a new shift. If the shift would
    create a breach of the rules, it is saved only with a ``reason``, which is recorded
    with the breaches as a ``ComplianceOverride``. With ``version``, the rota must still
    be at that version. Raises ``PermissionDenied``, ``RotaNotDraft``, ``RotaChanged``,
    ``ValidationError`` or ``EditCreatesBreaches``; nothing is saved on any.
    """
    locked = _locked_for_edit(actor, rota.pk, version)
    found = assignable_doctors(actor).select_for_update().filter(pk=doctor.pk).first()
    if found is None:
        raise ValidationError({"doctor": UNKNOWN_DOCTOR})
    doctor = found

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

    check_assignment_times(doctor_id=doctor.pk, start=start, end=end, rota_id=locked.pk)
    assignment = Assignment(
        rota=locked, doctor=doctor, shift_type=shift_type, date=date, start=start, end=end
    )
    assignment.full_clean()
    planned = PlannedShift(doctor_id=doctor.pk, start=start, end=end, kind=shift_type.kind)
    breaches = breaches_an_edit_creates(locked, added=[planned])
    if breaches and not reason.strip():
        raise EditCreatesBreaches(breaches)
    with audited_as(actor):
        assignment.save()
        if breaches:
            record_override(
                actor=actor,
                rota=locked,
                assignment=assignment,
                change=change_words("Added", shift_type.code, date, doctor),
                breaches=breaches,
                reason=reason.strip(),
            )
        locked.version += 1
        locked.save(update_fields=["version"])
    return assignment


@transaction.atomic
def assignment_remove(
    *, actor: User, assignment: Assignment, reason: str = "", version: int | None = None
) -> None:
    """Take ``assignment`` off its rota, as ``actor``.

    Removing a shift can break the rules too: take out the middle night of three and the
    first night is followed by too little rest before the next. Such a removal is made only
    with a ``reason``, recorded with the breaches as a ``ComplianceOverride``. The rota's
    version goes up; with ``version``, it must still be at that version. Two people may
    remove the same shift at once: the rota row is locked first, so the second waits, then
    finds the shift gone. Raises ``PermissionDenied``, ``RotaNotDraft``, ``RotaChanged``,
    ``ShiftAlreadyRemoved`` or ``EditCreatesBreaches``; nothing is changed on any.
    """
    locked = _locked_for_edit(actor, assignment.rota_id, version)
    current = (
        Assignment.objects.select_for_update()
        .select_related("doctor", "shift_type")
        .filter(pk=assignment.pk, rota=locked)
        .first()
    )
    if current is None:
        raise ShiftAlreadyRemoved
    assignment = current
    Doctor.objects.select_for_update().filter(pk=assignment.doctor_id).first()  # as on create
    breaches = breaches_an_edit_creates(locked, removed=[assignment.pk])
    if breaches and not reason.strip():
        raise EditCreatesBreaches(breaches)
    with audited_as(actor):
        if breaches:
            record_override(
                actor=actor,
                rota=locked,
                assignment=None,
                change=change_words(
                    "Removed", assignment.shift_type.code, assignment.date, assignment.doctor
                ),
                breaches=breaches,
                reason=reason.strip(),
            )
        assignment.delete()
        locked.version += 1
        locked.save(update_fields=["version"])
