"""``rota_change_apply``: the one code that changes a published rota's shifts.

It is called by the services that decide a change (leave approved, sickness recorded, an
offer accepted, a swap approved, a repair applied), each of which has checked that its
actor may make it: a doctor accepting an offer changes a rota they do not coordinate. So
this checks what every change needs (the rota is published and unchanged since it was
read, the new shifts overlap nothing, the rules hold) but not who asks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rotaplan.audit.actor import audited_as
from rotaplan.engine.clock import format_day, shift_bounds
from rotaplan.notifications.models import Topic
from rotaplan.notifications.services import notify
from rotaplan.people.models import Doctor, User

from ..editing.breaches import EditCreatesBreaches, every_breach_an_edit_creates
from ..models import Assignment, Rota, RotaChange, RotaStatus, ShiftType
from ..overlap import check_assignment_times
from ..refusals import RotaChanged, RotaNotDraft
from ..rules_adapter import PlannedShift

NOT_PUBLISHED = "This rota is a draft: change its shifts on the rota itself."
NOTHING_TO_CHANGE = "The change takes no shift off and puts none on."


@dataclass(frozen=True)
class NewShift:
    """A shift to put a doctor on, at its shift type's times on ``date``."""

    doctor: Doctor
    shift_type: ShiftType
    date: date


@transaction.atomic
def rota_change_apply(
    *,
    made_by: User,
    rota: Rota,
    remove: Sequence[Assignment] = (),
    add: Sequence[NewShift] = (),
    reason: str,
    version: int | None = None,
    check_rules: bool = True,
) -> RotaChange:
    """Take ``remove`` off and put ``add`` on the published ``rota`` as one new version.

    The rota row is locked, and with ``version`` it must still be at that version. Each
    new shift must be on a shift type of the rota's department, within the rota, and
    overlap none of the doctor's committed shifts. With ``check_rules`` (every change but
    the shifts of a doctor who is away, who will not work them) a change that would bring
    a breach of the contract rules, or of the department's local rules, is refused with
    ``EditCreatesBreaches``. The doctors whose shifts changed are told after the change
    commits. Raises ``RotaNotDraft`` (the rota is a draft), ``RotaChanged``,
    ``ValidationError`` or ``EditCreatesBreaches``.
    """
    locked = Rota.objects.select_for_update().select_related("department").get(pk=rota.pk)
    if locked.status != RotaStatus.PUBLISHED:
        raise RotaNotDraft(NOT_PUBLISHED)
    if version is not None and version != locked.version:
        raise RotaChanged
    if not remove and not add:
        raise ValidationError(NOTHING_TO_CHANGE)
    removed_ids = [a.pk for a in remove]
    gone = Assignment.objects.filter(rota=locked, pk__in=removed_ids).count()
    if gone != len(set(removed_ids)):
        raise RotaChanged
    planned = [_planned(locked, shift) for shift in add]
    # Lock the doctors put on shifts, so no other rota books them at once (a count() would
    # be a query of its own, without the lock).
    list(
        Doctor.objects.select_for_update()
        .filter(pk__in={s.doctor.pk for s in add})
        .values_list("pk", flat=True)
    )
    for new, times in zip(add, planned, strict=True):
        check_assignment_times(
            doctor_id=new.doctor.pk, start=times.start, end=times.end, rota_id=locked.pk
        )
    if check_rules:
        breaches = every_breach_an_edit_creates(locked, added=planned, removed=removed_ids)
        if breaches:
            raise EditCreatesBreaches(breaches)
    taken_off = [_record(a.doctor, a.shift_type, a.date, a.start, a.end) for a in remove]
    with audited_as(made_by):
        Assignment.objects.filter(pk__in=removed_ids).delete()
        created = [
            Assignment.objects.create(
                rota=locked,
                doctor=new.doctor,
                shift_type=new.shift_type,
                date=new.date,
                start=times.start,
                end=times.end,
            )
            for new, times in zip(add, planned, strict=True)
        ]
        locked.version += 1
        locked.save(update_fields=["version"])
        change = RotaChange.objects.create(
            rota=locked,
            version=locked.version,
            removed=taken_off,
            added=[_record(a.doctor, a.shift_type, a.date, a.start, a.end) for a in created],
            reason=reason.strip(),
            made_by=made_by,
        )
    _tell_doctors(change)
    return change


def _planned(rota: Rota, shift: NewShift) -> PlannedShift:
    errors: dict[str, str] = {}
    if shift.shift_type.department_id != rota.department_id:
        errors["shift_type"] = f"{shift.shift_type.code} is not a shift of {rota.department}"
    if not rota.period_start <= shift.date <= rota.period_end:
        errors["date"] = f"{format_day(shift.date)} is not within the rota"
    if errors:
        raise ValidationError(errors)
    start, end = shift_bounds(shift.date, shift.shift_type.start, shift.shift_type.end)
    return PlannedShift(
        doctor_id=shift.doctor.pk,
        start=start,
        end=end,
        kind=shift.shift_type.kind,
        code=shift.shift_type.code,
    )


def _record(
    doctor: Doctor, shift_type: ShiftType, day: date, start: Any, end: Any
) -> dict[str, Any]:
    return {
        "doctor_id": doctor.pk,
        "doctor": str(doctor),
        "code": shift_type.code,
        "name": shift_type.name,
        "date": day.isoformat(),
        "start": start.isoformat(),
        "end": end.isoformat(),
    }


def change_lines(entries: list[dict[str, Any]], verb: str) -> list[str]:
    """ "Taken off: N (Night) on Mon 3 Aug 2026"."""
    return [
        f"{verb}: {e['code']} ({e['name']}) on {format_day(date.fromisoformat(e['date']))}"
        for e in entries
    ]


def _tell_doctors(change: RotaChange) -> None:
    """Each doctor whose shifts changed is told which, and why."""
    lines: dict[int, list[str]] = defaultdict(list)
    for entry in change.removed:
        lines[entry["doctor_id"]] += change_lines([entry], "Taken off")
    for entry in change.added:
        lines[entry["doctor_id"]] += change_lines([entry], "Put on")
    for doctor in Doctor.objects.filter(pk__in=lines):
        notify(
            people=[doctor],
            topic=Topic.ROTA_CHANGE,
            subject=f"Your shifts on {change.rota.name} have changed",
            body="\n".join([*lines[doctor.pk], f"Why: {change.reason}"]),
            link=f"/rotas/{change.rota_id}/",
        )
