"""The departments a user works with, and each department's rotas."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.rotas.presenters import rota_status_tag
from rotaplan.web.pages import found

from . import selectors


@login_required
def department_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    departments = selectors.department_list(request.user)
    return render(
        request,
        "organisation/department_list.jinja",
        {"title": "Departments", "departments": departments},
    )


@login_required
def department_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # A department outside the user's scope answers 404, so its existence is not revealed.
    department = found(selectors.visible_department(request.user, pk))
    rotas = [
        (rota, rota_status_tag(rota.status)) for rota in selectors.department_rotas(department)
    ]
    return render(
        request,
        "organisation/department_detail.jinja",
        {
            "title": department.name,
            "department": department,
            "rotas": rotas,
            "can_view_doctors": access.can_view_department_doctors(request.user, department.pk),
            "can_edit_rotas": access.can_edit_department_rotas(request.user, department.pk),
            "runs": selectors.recent_generation_runs(department),
        },
    )
