"""A department's policies stricter than the contract: who may see them (its coordinator
and service managers), who may switch them (its coordinator)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from rotaplan.engine.solver.problem import Policy
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import found

from ..selectors import department_for_page
from .forms import PoliciesForm
from .selectors import department_policies
from .services import rota_policies_set


@login_required
@require_http_methods(["GET", "POST"])
def policies(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    seen, can_edit = department_for_page(request.user, department_id, request.method or "GET")
    department = found(seen)
    kept = department_policies(department.pk)
    form = PoliciesForm(
        request.POST if request.method == "POST" else None,
        initial={"kept": [p.value for p in kept]},
    )
    if request.method == "POST" and form.is_valid():
        rota_policies_set(actor=request.user, department=department, on=form.policies())
        messages.success(request, "The policies are saved: they apply to the next rota generated")
        return redirect("rotas:policies", department.pk)
    return render(
        request,
        "rotas/policies.jinja",
        {
            "title": f"Rota policies, {department.name}",
            "department": department,
            "can_edit": can_edit,
            "form": form,
            "page_errors": error_summary_items(form),
            "policies": [(p, p in kept) for p in Policy],
        },
    )
