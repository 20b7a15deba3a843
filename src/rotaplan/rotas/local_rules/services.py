"""Writes of a department's local rules, as the coordinator who makes them: each in one
transaction, checked against their departments, audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from rotaplan.audit.actor import audited_as
from rotaplan.engine.clock import format_day
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.grades import Grade
from rotaplan.people.models import Doctor, User

from ..models import DepartmentLocalRules, DoctorPair, FixedRotaLine, NeverAloneRule, ShiftType


@transaction.atomic
def local_limits_set(
    *,
    actor: User,
    department: Department,
    max_nights_in_a_row: int | None,
    max_weekends_in_a_row: int | None,
    whole_weekends: bool,
) -> DepartmentLocalRules:
    """The department's limits beyond the contract for its next rotas; None for none.
    Raises ``PermissionDenied``, or ``ValidationError`` for a limit out of range."""
    access.require_rota_editor(actor, department.pk)
    limits = DepartmentLocalRules.objects.select_for_update().filter(
        department=department
    ).first() or DepartmentLocalRules(department=department)
    wanted = (max_nights_in_a_row, max_weekends_in_a_row, whole_weekends)
    held = (limits.max_nights_in_a_row, limits.max_weekends_in_a_row, limits.whole_weekends)
    if limits.pk is not None and wanted == held:
        return limits
    limits.max_nights_in_a_row, limits.max_weekends_in_a_row, limits.whole_weekends = wanted
    limits.full_clean()
    with audited_as(actor):
        limits.save()
    return limits


@transaction.atomic
def never_alone_add(
    *, actor: User, department: Department, grades: Sequence[str], shift_types: Sequence[ShiftType]
) -> NeverAloneRule:
    """Doctors of ``grades`` are never the only ones on ``shift_types`` (any shift, if
    none). Raises ``PermissionDenied`` or ``ValidationError``."""
    access.require_rota_editor(actor, department.pk)
    unknown = sorted(set(grades) - set(Grade.values))
    if unknown or not grades:
        raise ValidationError(
            {"grades": f"Unknown grade {', '.join(unknown)}" if unknown else "Choose the grades"}
        )
    if any(s.department_id != department.pk for s in shift_types):
        raise ValidationError({"shift_types": "Choose shifts of this department"})
    rule = NeverAloneRule(department=department, grades=sorted(set(grades)))
    with audited_as(actor):
        rule.save()
        rule.shift_types.set(shift_types)
    return rule


@transaction.atomic
def never_alone_remove(*, actor: User, rule: NeverAloneRule) -> None:
    access.require_rota_editor(actor, rule.department_id)
    with audited_as(actor):
        rule.delete()


@transaction.atomic
def doctor_pair_add(
    *, actor: User, department: Department, first: Doctor, second: Doctor, together: bool
) -> DoctorPair:
    """Two of the department's doctors always on the same shifts (``together``) or never.
    Raises ``PermissionDenied``, or ``ValidationError`` for one doctor twice, a doctor of
    another department, or a pair already kept the other way."""
    access.require_rota_editor(actor, department.pk)
    if first.department_id != department.pk or second.department_id != department.pk:
        raise ValidationError({"second": "Choose doctors of this department"})
    if first.pk == second.pk:
        raise ValidationError({"second": "Choose two different doctors"})
    held = DoctorPair.objects.filter(department=department, first__in=(first, second)).filter(
        second__in=(first, second)
    )
    if held.exists():
        raise ValidationError({"second": f"{first} and {second} are paired already"})
    pair = DoctorPair(department=department, first=first, second=second, together=together)
    with audited_as(actor):
        pair.save()
    return pair


@transaction.atomic
def doctor_pair_remove(*, actor: User, pair: DoctorPair) -> None:
    access.require_rota_editor(actor, pair.department_id)
    with audited_as(actor):
        pair.delete()


@transaction.atomic
def fixed_line_add(
    *,
    actor: User,
    department: Department,
    doctor: Doctor,
    first_monday: date,
    last_day: date | None,
    weeks: Sequence[Sequence[str]],
    note: str = "",
) -> FixedRotaLine:
    """A fixed rota line for one of the department's doctors: ``weeks`` of seven shift
    codes ("" for a day left to the rota) from ``first_monday``, to ``last_day`` or with
    no end. Raises ``PermissionDenied``, or ``ValidationError`` for a doctor of another
    department, a first day not a Monday, a shift the department does not have, or a line
    that overlaps another of the doctor's."""
    access.require_rota_editor(actor, department.pk)
    if doctor.department_id != department.pk:
        raise ValidationError({"doctor": "Choose a doctor of this department"})
    if first_monday.weekday() != 0:
        raise ValidationError({"first_monday": "The line must start on a Monday"})
    codes = set(ShiftType.objects.filter(department=department).values_list("code", flat=True))
    if any(len(week) != 7 for week in weeks) or not weeks:
        raise ValidationError({"weeks": "Give each week 7 days, Monday to Sunday"})
    unknown = sorted({c for week in weeks for c in week if c and c not in codes})
    if unknown:
        raise ValidationError({"weeks": f"There is no shift {', '.join(unknown)} here"})
    # Lock the doctor so two coordinators cannot add overlapping lines at once.
    Doctor.objects.select_for_update().filter(pk=doctor.pk).first()
    for other in FixedRotaLine.objects.filter(department=department, doctor=doctor):
        if (last_day is None or other.first_monday <= last_day) and (
            other.last_day is None or first_monday <= other.last_day
        ):
            raise ValidationError(
                {
                    "first_monday": f"{doctor} already has a fixed line from "
                    f"{format_day(other.first_monday)}"
                    + (f" to {format_day(other.last_day)}" if other.last_day else "")
                    + ": remove it first, or choose dates after it"
                }
            )
    line = FixedRotaLine(
        department=department,
        doctor=doctor,
        first_monday=first_monday,
        last_day=last_day,
        weeks=[list(week) for week in weeks],
        note=note,
    )
    line.full_clean()
    with audited_as(actor):
        line.save()
    return line


@transaction.atomic
def fixed_line_remove(*, actor: User, line: FixedRotaLine) -> None:
    access.require_rota_editor(actor, line.department_id)
    with audited_as(actor):
        line.delete()
