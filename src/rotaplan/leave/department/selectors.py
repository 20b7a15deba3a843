"""Reads of a department's leave rules and its doctors' entitlements, scoped to the user:
a department they may not read is not found, exactly as one that does not exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from rotaplan.engine.leave.working_days import leave_year_of
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.access import AnyUser
from rotaplan.people.models import Doctor

from ..models import LeaveEntitlement, LeavePolicy, MinimumStaffing
from ..selectors import Balance, leave_balance, policy_of

NOT_YOUR_LEAVE_RULES = "You may read this department's leave rules, not change them"


def leave_department(user: AnyUser, department_id: int) -> Department | None:
    """The department if the user may read its leave rules and entitlements: its
    coordinators and service managers, and the trust-wide roles."""
    if not access.can_view_department_doctors(user, department_id):
        return None
    return Department.objects.filter(pk=department_id).first()


def leave_department_for_page(
    user: AnyUser, department_id: int, method: str
) -> tuple[Department | None, bool]:
    """The department if the user may read its leave rules (else ``None``), and whether
    they may change them; raises ``PermissionDenied`` when a change (a POST) is asked by
    one who may only read them."""
    department = leave_department(user, department_id)
    can_edit = department is not None and access.coordinates(user, department.pk)
    if department is not None and method == "POST" and not can_edit:
        raise PermissionDenied(NOT_YOUR_LEAVE_RULES)
    return department, can_edit


def coordinated_leave_department(user: AnyUser, department_id: int) -> Department | None:
    """The department if the user may change its leave rules; ``None`` if they may not
    read them; raises ``PermissionDenied`` if they may read but not change them."""
    department, _ = leave_department_for_page(user, department_id, "POST")
    return department


def department_policy(department_id: int) -> LeavePolicy:
    """The department's leave policy, unsaved with the defaults if it has set none."""
    return policy_of(department_id)


def minimum_staffing_rules(department_id: int) -> list[MinimumStaffing]:
    return list(MinimumStaffing.objects.filter(department_id=department_id))


def minimum_staffing_rule(department_id: int, rule_id: int) -> MinimumStaffing | None:
    """The department's rule: another department's is not found here."""
    return MinimumStaffing.objects.filter(department_id=department_id, pk=rule_id).first()


def department_leave_year(department_id: int, day: date) -> tuple[date, date]:
    """The department's leave year holding ``day``, by its policy."""
    policy = policy_of(department_id)
    return leave_year_of(day, policy.year_start_month, policy.year_start_day)


def department_doctor(department_id: int, doctor_id: int) -> Doctor | None:
    """One of the department's doctors: another department's is not found here."""
    return Doctor.objects.filter(department_id=department_id, pk=doctor_id).first()


@dataclass(frozen=True)
class DoctorBalance:
    doctor: Doctor
    balance: Balance


def entitlement_balances(department_id: int, day: date) -> list[DoctorBalance]:
    """Each doctor of the department in post at some time in the leave year holding
    ``day``, with their annual leave balance for that year, by name."""
    year_start, year_end = department_leave_year(department_id, day)
    doctors = (
        Doctor.objects.filter(department_id=department_id, post_start__lte=year_end)
        .filter(Q(post_end__isnull=True) | Q(post_end__gte=year_start))
        .order_by("last_name", "first_name", "pk")
    )
    return [DoctorBalance(doctor, leave_balance(doctor, day)) for doctor in doctors]


def entitlement_of(doctor: Doctor, year_start: date) -> LeaveEntitlement:
    """The doctor's entitlement record for the leave year from ``year_start``, unsaved
    (nothing carried over, no adjustment) if none is set."""
    found = LeaveEntitlement.objects.filter(doctor=doctor, year_start=year_start).first()
    return found or LeaveEntitlement(doctor=doctor, year_start=year_start)
