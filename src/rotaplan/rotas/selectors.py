"""The scoped lookups every rotas page and endpoint starts from: the rota or department a
user asked for, if theirs to see, and, where they mean to change it, theirs to change.

A lookup outside the user's scope answers ``None`` whether or not the record exists, so a
page or endpoint answers 404 alike and never says what is there; one the user may see but
not change raises ``PermissionDenied`` (403), as they already know it exists."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.access import AnyUser

from .models import Rota, ShiftType

ROTA_NOT_YOURS = "You may see this rota but not change it."
DEPARTMENT_NOT_YOURS = "You may see this department's rotas but not change them."


def visible_rota(user: AnyUser, rota_id: int) -> Rota | None:
    """The rota if the user may see it; otherwise ``None``, whether or not it exists, so a
    page or endpoint answers 404 alike. Doctors see their own shifts on their own page,
    never a department's rota."""
    rota = Rota.objects.select_related("department").filter(pk=rota_id).first()
    if rota is None or not access.can_view_department_rotas(user, rota.department_id):
        return None
    return rota


def editable_rota(user: AnyUser, rota_id: int, *, refusal: str = ROTA_NOT_YOURS) -> Rota | None:
    """The rota if the user may change it; ``None`` if they may not see it; raises
    ``PermissionDenied`` with ``refusal`` if they may see it but not change it."""
    rota = visible_rota(user, rota_id)
    if rota is not None and not access.can_edit_department_rotas(user, rota.department_id):
        raise PermissionDenied(refusal)
    return rota


def visible_department(user: AnyUser, department_id: int) -> Department | None:
    """The department if the user may see its rotas; otherwise ``None``."""
    department = access.visible_departments(user).filter(pk=department_id).first()
    if department is None or not access.can_view_department_rotas(user, department.pk):
        return None
    return department


def coordinated_department(user: AnyUser, department_id: int) -> Department | None:
    """The department if the user may change its rotas; ``None`` if they may not see it;
    raises ``PermissionDenied`` if they may see but not change them."""
    department = visible_department(user, department_id)
    if department is not None and not access.can_edit_department_rotas(user, department.pk):
        raise PermissionDenied(DEPARTMENT_NOT_YOURS)
    return department


def department_for_page(
    user: AnyUser, department_id: int, method: str
) -> tuple[Department | None, bool]:
    """The department if the user may see its rotas (else ``None``), and whether they
    may change them; raises ``PermissionDenied`` when a change (a POST) is asked by one
    who may only see them. For a page that shows to viewers what it lets editors change."""
    department = visible_department(user, department_id)
    can_edit = department is not None and access.can_edit_department_rotas(user, department.pk)
    if department is not None and method == "POST" and not can_edit:
        raise PermissionDenied(DEPARTMENT_NOT_YOURS)
    return department, can_edit


def department_shift_types(department_id: int) -> QuerySet[ShiftType]:
    """The department's shift types, earliest start first: a form's choices, a legend."""
    return ShiftType.objects.filter(department_id=department_id)
