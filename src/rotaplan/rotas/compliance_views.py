"""A rota's compliance page: every breach of the rules, by doctor and by rule, and each
doctor's figures. Seen by those who see the rota's grid, on the same terms."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest

from . import compliance, selectors
from .presenters import rota_status_tag


@login_required
def rota_compliance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rota = selectors.visible_rota(request.user, pk)
    if rota is None:
        raise Http404
    result = compliance.rota_compliance(rota)
    doctor, rule = request.GET.get("doctor", ""), request.GET.get("rule", "")
    return render(
        request,
        "rotas/rota_compliance.jinja",
        {
            "title": f"Compliance of {rota.name}, {rota.department.name}",
            "rota": rota,
            "status": rota_status_tag(rota.status),
            "compliance": result,
            "breaches": compliance.filtered(result, doctor=doctor, rule=rule),
            "filtering": bool(doctor or rule),
            "doctor_items": compliance.filter_items(result.by_doctor, doctor, "All doctors"),
            "rule_items": compliance.filter_items(result.by_rule, rule, "All rules"),
            "link_doctors": access.can_view_department_doctors(request.user, rota.department_id),
        },
    )
