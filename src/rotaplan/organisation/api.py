"""Departments over the API: the ones the signed-in user may see."""

from __future__ import annotations

from ninja import Router, Schema

from rotaplan.organisation.models import Department
from rotaplan.people.access import AuthenticatedHttpRequest

from . import selectors

router = Router(tags=["departments"])


class DepartmentOut(Schema):
    id: int
    name: str
    code: str
    site: str
    treatment_function_code: str
    doctor_count: int

    @staticmethod
    def resolve_site(department: Department) -> str:
        return department.site.name


@router.get("", response=list[DepartmentOut], summary="Departments you may see")
def list_departments(request: AuthenticatedHttpRequest) -> list[Department]:
    return list(selectors.department_list(request.user))
