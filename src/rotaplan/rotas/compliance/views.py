"""A rota's compliance page: every breach of the rules, by doctor and by rule, and each
doctor's figures. Seen by those who see the rota's grid, on the same terms."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.pages import found

from ..presenters import rota_status_tag
from ..selectors import visible_rota
from .presenters import filter_items, filtered
from .selectors import rota_compliance as checked_rota


@login_required
def rota_compliance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rota = found(visible_rota(request.user, pk))
    result = checked_rota(rota)
    doctor, rule = request.GET.get("doctor", ""), request.GET.get("rule", "")
    return render(
        request,
        "rotas/rota_compliance.jinja",
        {
            "title": f"Compliance of {rota.name}, {rota.department.name}",
            "rota": rota,
            "status": rota_status_tag(rota.status),
            "compliance": result,
            "breaches": filtered(result, doctor=doctor, rule=rule),
            "filtering": bool(doctor or rule),
            "doctor_items": filter_items(result.by_doctor, doctor, "All doctors"),
            "rule_items": filter_items(result.by_rule, rule, "All rules"),
            "link_doctors": access.can_view_department_doctors(request.user, rota.department_id),
        },
    )
