"""A department's local rules: what it asks of its rotas beyond the contract. Its
coordinator changes them, its service managers see them, anyone else is told nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found

from ..selectors import coordinated_department, department_for_page, department_shift_types
from .forms import FixedLineForm, LimitsForm, NeverAloneForm, PairForm
from .presenters import fixed_line_rows
from .selectors import (
    department_limits,
    doctor_pair,
    doctor_pairs,
    fixed_line,
    fixed_lines,
    never_alone_rule,
    never_alone_rules,
)
from .services import (
    doctor_pair_add,
    doctor_pair_remove,
    fixed_line_add,
    fixed_line_remove,
    local_limits_set,
    never_alone_add,
    never_alone_remove,
)


@login_required
@require_http_methods(["GET", "POST"])
def local_rules(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    seen, can_edit = department_for_page(request.user, department_id, request.method or "GET")
    department = found(seen)
    limits = department_limits(department.pk)
    form = LimitsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "max_nights_in_a_row": limits.max_nights_in_a_row,
            "max_weekends_in_a_row": limits.max_weekends_in_a_row,
            "whole_weekends": limits.whole_weekends,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            local_limits_set(actor=request.user, department=department, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "The local rules are saved: they apply to the next rota")
            return redirect("rotas:local-rules", department.pk)
    return render(
        request,
        "rotas/local_rules.jinja",
        {
            "title": f"Local rules, {department.name}",
            "department": department,
            "can_edit": can_edit,
            "form": form,
            "limits": limits,
            "page_errors": error_summary_items(form),
            "never_alone": never_alone_rules(department.pk),
            "pairs": doctor_pairs(department.pk),
            "lines": fixed_line_rows(fixed_lines(department.pk)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def never_alone_new(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    form = NeverAloneForm(
        request.POST if request.method == "POST" else None, department_id=department.pk
    )
    if request.method == "POST" and form.is_valid():
        try:
            never_alone_add(
                actor=request.user,
                department=department,
                grades=form.cleaned_data["grades"],
                shift_types=list(form.cleaned_data["shift_types"]),
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "The rule is saved")
            return redirect("rotas:local-rules", department.pk)
    return render(
        request,
        "rotas/local_rule_form.jinja",
        {
            "title": f"Who must not work alone, {department.name}",
            "heading": "Who must not work alone",
            "department": department,
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pair_new(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    form = PairForm(request.POST if request.method == "POST" else None, department_id=department.pk)
    if request.method == "POST" and form.is_valid():
        try:
            doctor_pair_add(actor=request.user, department=department, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "The pair is saved")
            return redirect("rotas:local-rules", department.pk)
    return render(
        request,
        "rotas/local_rule_form.jinja",
        {
            "title": f"Two doctors together or apart, {department.name}",
            "heading": "Two doctors who work together, or apart",
            "department": department,
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_POST
def never_alone_delete(
    request: AuthenticatedHttpRequest, department_id: int, pk: int
) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    never_alone_remove(actor=request.user, rule=found(never_alone_rule(department.pk, pk)))
    messages.success(request, "The rule is removed")
    return redirect("rotas:local-rules", department.pk)


@login_required
@require_POST
def pair_delete(request: AuthenticatedHttpRequest, department_id: int, pk: int) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    doctor_pair_remove(actor=request.user, pair=found(doctor_pair(department.pk, pk)))
    messages.success(request, "The pair is removed")
    return redirect("rotas:local-rules", department.pk)


@login_required
@require_http_methods(["GET", "POST"])
def fixed_line_new(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    form = FixedLineForm(
        request.POST if request.method == "POST" else None, department_id=department.pk
    )
    if request.method == "POST" and form.is_valid():
        try:
            fixed_line_add(actor=request.user, department=department, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "The fixed rota line is saved: it applies to the next rota")
            return redirect("rotas:local-rules", department.pk)
    return render(
        request,
        "rotas/fixed_line_form.jinja",
        {
            "title": f"A fixed rota line, {department.name}",
            "department": department,
            "form": form,
            "shift_types": department_shift_types(department.pk),
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_POST
def fixed_line_delete(
    request: AuthenticatedHttpRequest, department_id: int, pk: int
) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    fixed_line_remove(actor=request.user, line=found(fixed_line(department.pk, pk)))
    messages.success(request, "The fixed rota line is removed")
    return redirect("rotas:local-rules", department.pk)
