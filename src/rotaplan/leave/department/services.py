"""Writes of a department's leave rules and its doctors' entitlements, as a coordinator of
the department (or medical staffing): each in one transaction, permission checked,
audited. The policy and an entitlement are edited from a form, so each carries a version
(ADR 0009): of two coordinators editing at once, the second is refused, not silently
overwritten."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from rotaplan.audit.actor import audited_as
from rotaplan.engine.clock import format_day
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.grades import Grade
from rotaplan.people.models import Doctor, User

from ..models import LeaveEntitlement, LeavePolicy, MinimumStaffing
from ..selectors import leave_year

NOT_YOUR_DEPARTMENT = "You do not coordinate this department"
NOT_YOUR_DOCTOR = "You do not coordinate this doctor's department"
# The first day of NHS service anyone can have.
NHS_BEGAN = date(1948, 7, 5)
MOST_DAYS = Decimal(40)
MOST_AT_LEAST = 50


class ChangedMeanwhile(Exception):
    """The record moved on since the editor loaded it: ``message`` says so."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


POLICY_CHANGED = (
    "Someone else changed the leave policy while you were editing it. Your changes have "
    "not been saved: check the policy as it is now and make them again."
)
ENTITLEMENT_CHANGED = (
    "Someone else changed this doctor's entitlement while you were editing it. Your "
    "changes have not been saved: check it as it is now and make them again."
)


def _require_coordinator(actor: User, department_id: int, message: str) -> None:
    if not access.coordinates(actor, department_id):
        raise PermissionDenied(message)


def _lock(model: type[Department] | type[Doctor], pk: int) -> None:
    """Lock the parent row, so that two coordinators saving a record that does not exist
    yet take turns rather than both inserting it (a count() would drop the FOR UPDATE)."""
    list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))


@transaction.atomic
def leave_policy_set(
    *,
    actor: User,
    department: Department,
    notice_weeks: int,
    year_start_month: int,
    year_start_day: int,
    version: int,
) -> LeavePolicy:
    """Set the department's notice period and the start of its leave year, if the policy
    is still at ``version`` (the defaults are version 1). Raises ``PermissionDenied``,
    ``ChangedMeanwhile`` for a stale version, or ``ValidationError`` by field."""
    _require_coordinator(actor, department.pk, NOT_YOUR_DEPARTMENT)
    _lock(Department, department.pk)
    policy = LeavePolicy.objects.filter(department=department).first() or LeavePolicy(
        department=department
    )
    if policy.version != version:
        raise ChangedMeanwhile(POLICY_CHANGED)
    wanted = (notice_weeks, year_start_month, year_start_day)
    if policy.pk is not None and wanted == (
        policy.notice_weeks,
        policy.year_start_month,
        policy.year_start_day,
    ):
        return policy
    policy.notice_weeks, policy.year_start_month, policy.year_start_day = wanted
    policy.version += 1
    policy.full_clean()
    with audited_as(actor):
        policy.save()
    return policy


@transaction.atomic
def minimum_staffing_add(
    *,
    actor: User,
    department: Department,
    grades: Collection[str],
    at_least: int,
    weekdays: Collection[int] = (),
    note: str = "",
) -> MinimumStaffing:
    """At least ``at_least`` of the department's doctors of ``grades`` available each day
    (or on ``weekdays`` only, Monday 0; none for every day). Raises ``PermissionDenied``
    or ``ValidationError`` by field."""
    _require_coordinator(actor, department.pk, NOT_YOUR_DEPARTMENT)
    unknown = sorted(set(grades) - set(Grade.values))
    if unknown or not grades:
        raise ValidationError(
            {
                "grades": f"There is no grade {', '.join(unknown)}: choose grades from the list"
                if unknown
                else "Choose the grades the rule counts"
            }
        )
    if not 1 <= at_least <= MOST_AT_LEAST:
        raise ValidationError(
            {"at_least": f"Enter how many doctors as a number from 1 to {MOST_AT_LEAST}"}
        )
    if any(day not in range(7) for day in weekdays):
        raise ValidationError({"weekdays": "Choose days from the list"})
    order = list(Grade.values)
    rule = MinimumStaffing(
        department=department,
        grades=sorted(set(grades), key=order.index),
        at_least=at_least,
        weekdays=sorted(set(weekdays)),
        note=note.strip(),
    )
    rule.full_clean()
    with audited_as(actor):
        rule.save()
    return rule


@transaction.atomic
def minimum_staffing_remove(*, actor: User, rule: MinimumStaffing) -> None:
    """Remove the rule; one removed meanwhile by someone else stays removed."""
    _require_coordinator(actor, rule.department_id, NOT_YOUR_DEPARTMENT)
    held = MinimumStaffing.objects.select_for_update().filter(pk=rule.pk).first()
    if held is None:
        return
    with audited_as(actor):
        held.delete()


def _half_days(name: str, value: Decimal, lowest: Decimal, what: str) -> None:
    if not lowest <= value <= MOST_DAYS:
        raise ValidationError(
            {name: f"Enter {what} from {lowest.normalize():f} to {MOST_DAYS.normalize():f}"}
        )
    if (value * 2) % 1:
        raise ValidationError({name: f"Enter {what} in whole or half days, for example 2.5"})


@transaction.atomic
def entitlement_set(
    *,
    actor: User,
    doctor: Doctor,
    year_start: date,
    service_start: date | None,
    carried_over: Decimal,
    adjustment: Decimal,
    note: str = "",
    version: int,
) -> LeaveEntitlement:
    """Set what the national figures cannot know of ``doctor`` in the leave year from
    ``year_start``: when their service began, days carried over (0 to 40) and an
    adjustment (-40 to 40) with its reason, in whole or half days, if the record is
    still at ``version`` (none set is version 1). Raises ``PermissionDenied``,
    ``ChangedMeanwhile`` or ``ValidationError`` by field."""
    _require_coordinator(actor, doctor.department_id, NOT_YOUR_DOCTOR)
    note = note.strip()
    _half_days("carried_over", carried_over, Decimal(0), "the days carried over")
    _half_days("adjustment", adjustment, -MOST_DAYS, "the adjustment")
    if adjustment and not note:
        raise ValidationError({"note": "Give the reason for the adjustment"})
    first, last = leave_year(doctor, year_start)
    if first != year_start:
        raise ValidationError(
            {"year_start": f"The leave year of {doctor} starts on {format_day(first)}"}
        )
    if service_start is not None and not NHS_BEGAN <= service_start <= last:
        raise ValidationError(
            {
                "service_start": f"Enter a start of service from {format_day(NHS_BEGAN)} "
                f"to the end of the leave year, {format_day(last)}"
            }
        )
    _lock(Doctor, doctor.pk)
    record = LeaveEntitlement.objects.filter(
        doctor=doctor, year_start=year_start
    ).first() or LeaveEntitlement(doctor=doctor, year_start=year_start)
    if record.version != version:
        raise ChangedMeanwhile(ENTITLEMENT_CHANGED)
    wanted = (service_start, carried_over, adjustment, note)
    if record.pk is not None and wanted == (
        record.service_start,
        record.carried_over,
        record.adjustment,
        record.note,
    ):
        return record
    record.service_start, record.carried_over, record.adjustment, record.note = wanted
    record.version += 1
    record.full_clean()
    with audited_as(actor):
        record.save()
    return record
