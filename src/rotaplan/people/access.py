"""What each signed-in user may see and do: the one place queries are scoped.

Every page and endpoint asks here, so a rota coordinator in cardiology can never reach an
acute medicine rota by guessing its URL, and a doctor reaches only their own record.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from rotaplan.organisation.models import Department

from .models import Doctor, Role, User

AnyUser = User | AnonymousUser


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind ``login_required``: its user is one of ours."""

    user: User


TRUST_WIDE_ROLES = frozenset({Role.ADMINISTRATOR, Role.MEDICAL_STAFFING})


def held_roles(user: AnyUser) -> tuple[tuple[str, int | None], ...]:
    """Each role the user holds, with its department (none for a trust-wide role): one
    query a request, kept on the user object, which lives as long as the request."""
    if not user.is_authenticated:
        return ()
    cached: tuple[tuple[str, int | None], ...] | None = getattr(user, "_rotaplan_held", None)
    if cached is None:
        cached = tuple(user.role_assignments.values_list("role", "department_id"))
        setattr(user, "_rotaplan_held", cached)  # noqa: B010 - a per-request memo
    return cached


def roles_of(user: AnyUser) -> set[str]:
    if not user.is_authenticated:
        return set()
    roles = {role for role, _ in held_roles(user)}
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    if user.doctor_id:
        roles.add(Role.DOCTOR)
    return roles


def has_role(user: AnyUser, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_trust_wide(user: AnyUser) -> bool:
    return has_role(user, *TRUST_WIDE_ROLES)


def department_ids_for(user: AnyUser, *roles: str) -> set[int]:
    """Departments the user holds any of ``roles`` for."""
    return {
        department
        for role, department in held_roles(user)
        if role in roles and department is not None
    }


STAFF_VIEW_ROLES = (Role.ROTA_COORDINATOR, Role.SERVICE_MANAGER)
ROTA_VIEW_ROLES = (Role.ROTA_COORDINATOR, Role.SERVICE_MANAGER, Role.BOOKING_COORDINATOR)


def visible_departments(user: AnyUser) -> QuerySet[Department]:
    if is_trust_wide(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=department_ids_for(user, *ROTA_VIEW_ROLES))


def visible_doctors(user: AnyUser) -> QuerySet[Doctor]:
    """Doctors whose records the user may open: trust-wide roles see all, coordinators and
    service managers their departments' doctors, a doctor only themself."""
    if is_trust_wide(user):
        return Doctor.objects.all()
    department_ids = department_ids_for(user, *STAFF_VIEW_ROLES)
    own = user.doctor_id if user.is_authenticated else None
    query = Doctor.objects.filter(department_id__in=department_ids)
    if own:
        query = query | Doctor.objects.filter(pk=own)
    return query


def can_view_department_rotas(user: AnyUser, department_id: int) -> bool:
    return is_trust_wide(user) or department_id in department_ids_for(user, *ROTA_VIEW_ROLES)


def coordinates(user: AnyUser, department_id: int) -> bool:
    """The department's rota coordinators, and the trust-wide roles, run its staffing."""
    return is_trust_wide(user) or department_id in department_ids_for(user, Role.ROTA_COORDINATOR)


def can_edit_department_rotas(user: AnyUser, department_id: int) -> bool:
    return coordinates(user, department_id)


NOT_YOUR_ROTAS = "You do not coordinate this department's rotas"


def require_rota_editor(user: AnyUser, department_id: int) -> None:
    """The refusal every write to a department's rotas gives (shifts, imports, cover,
    generation, publishing): ``PermissionDenied`` unless ``user`` may change them."""
    if not can_edit_department_rotas(user, department_id):
        raise PermissionDenied(NOT_YOUR_ROTAS)


def can_list_doctors(user: AnyUser) -> bool:
    """The doctor list is a staffing tool: a doctor opens only their own record, and a
    booking coordinator books clinics rather than managing people."""
    return is_trust_wide(user) or has_role(user, *STAFF_VIEW_ROLES)


def doctor_departments(user: AnyUser) -> QuerySet[Department]:
    """Departments whose doctors the user may list: the choices of the doctor filter."""
    if is_trust_wide(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=department_ids_for(user, *STAFF_VIEW_ROLES))


def can_view_department_doctors(user: AnyUser, department_id: int) -> bool:
    return is_trust_wide(user) or department_id in department_ids_for(user, *STAFF_VIEW_ROLES)


def can_manage_doctors(user: AnyUser, department_id: int) -> bool:
    """Add, import and edit doctors in a department."""
    return coordinates(user, department_id)


def manageable_departments(user: AnyUser) -> QuerySet[Department]:
    if is_trust_wide(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=department_ids_for(user, Role.ROTA_COORDINATOR))


def can_view_audit(user: AnyUser) -> bool:
    return has_role(user, Role.ADMINISTRATOR, Role.MEDICAL_STAFFING)


def can_manage_rota_requests(user: AnyUser, doctor: Doctor) -> bool:
    """A doctor enters and withdraws their own rota requests; the coordinators of their
    department (and the trust-wide roles) do so for them."""
    own = user.is_authenticated and user.doctor_id == doctor.pk
    return own or coordinates(user, doctor.department_id)
