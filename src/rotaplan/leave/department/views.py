"""A department's leave rules and its doctors' entitlements. Its coordinators (and
medical staffing) change them, its service managers read them, anyone else is told
nothing: the pages answer 404 as for a department that does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rotaplan.audit.services import list_read_record, read_record
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found

from ..presenters import balance_rows
from ..selectors import leave_balance
from .forms import (
    EntitlementForm,
    MinimumStaffingForm,
    PolicyForm,
    entitlement_initial,
    policy_initial,
)
from .presenters import entitlement_rows, leave_year_words, policy_rows, rule_words
from .selectors import (
    coordinated_leave_department,
    department_doctor,
    department_leave_year,
    department_policy,
    entitlement_balances,
    entitlement_of,
    leave_department_for_page,
    minimum_staffing_rule,
    minimum_staffing_rules,
)
from .services import (
    ChangedMeanwhile,
    entitlement_set,
    leave_policy_set,
    minimum_staffing_add,
    minimum_staffing_remove,
)


@login_required
@require_http_methods(["GET", "POST"])
def department_rules(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    seen, can_edit = leave_department_for_page(request.user, department_id, request.method or "")
    department = found(seen)
    policy = department_policy(department.pk)
    form = PolicyForm(
        request.POST if request.method == "POST" else None, initial=policy_initial(policy)
    )
    stale: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            leave_policy_set(actor=request.user, department=department, **form.cleaned_data)
        except ChangedMeanwhile as changed:
            policy = department_policy(department.pk)
            form = PolicyForm(initial=policy_initial(policy))
            stale = [{"text": changed.message}]
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "The leave policy is saved")
            return redirect("leave:department-rules", department.pk)
    rules = minimum_staffing_rules(department.pk)
    return render(
        request,
        "leave/department_rules.jinja",
        {
            "title": f"Leave rules, {department.name}",
            "department": department,
            "can_edit": can_edit,
            "form": form,
            "policy": policy_rows(policy),
            "version": form["version"].value() or policy.version,
            "rules": [(rule, rule_words(rule)) for rule in rules],
            "page_errors": stale or error_summary_items(form),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def minimum_staffing_new(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = found(coordinated_leave_department(request.user, department_id))
    form = MinimumStaffingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            rule = minimum_staffing_add(
                actor=request.user, department=department, **form.cleaned_data
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"The rule is saved: {rule_words(rule)}")
            return redirect("leave:department-rules", department.pk)
    return render(
        request,
        "leave/minimum_staffing_form.jinja",
        {
            "title": f"Add a minimum staffing rule, {department.name}",
            "department": department,
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_POST
def minimum_staffing_delete(
    request: AuthenticatedHttpRequest, department_id: int, pk: int
) -> HttpResponse:
    department = found(coordinated_leave_department(request.user, department_id))
    rule = minimum_staffing_rule(department.pk, pk)
    if rule is None:
        messages.info(request, "That rule was already removed")
    else:
        minimum_staffing_remove(actor=request.user, rule=rule)
        messages.success(request, f"The rule is removed: {rule_words(rule)}")
    return redirect("leave:department-rules", department.pk)


@login_required
@require_GET
def department_entitlements(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    seen, can_edit = leave_department_for_page(request.user, department_id, "GET")
    department = found(seen)
    today = timezone.localdate()
    year_start, year_end = department_leave_year(department.pk, today)
    balances = entitlement_balances(department.pk, today)
    list_read_record(
        actor=request.user,
        what=f"the leave entitlements of {department.name}",
        doctor_ids=[row.doctor.pk for row in balances],
    )
    return render(
        request,
        "leave/department_entitlements.jinja",
        {
            "title": f"Leave entitlements, {department.name}",
            "department": department,
            "can_edit": can_edit,
            "leave_year": leave_year_words(year_start, year_end),
            "rows": entitlement_rows(balances),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entitlement_edit(
    request: AuthenticatedHttpRequest, department_id: int, doctor_id: int
) -> HttpResponse:
    department = found(coordinated_leave_department(request.user, department_id))
    doctor = found(department_doctor(department.pk, doctor_id))
    today = timezone.localdate()
    year_start, year_end = department_leave_year(department.pk, today)
    record = entitlement_of(doctor, year_start)
    if request.method == "GET":
        read_record(actor=request.user, subject=doctor, what="their leave entitlement")
    form = EntitlementForm(
        request.POST if request.method == "POST" else None, initial=entitlement_initial(record)
    )
    stale: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            entitlement_set(
                actor=request.user, doctor=doctor, year_start=year_start, **form.cleaned_data
            )
        except ChangedMeanwhile as changed:
            record = entitlement_of(doctor, year_start)
            form = EntitlementForm(initial=entitlement_initial(record))
            stale = [{"text": changed.message}]
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"The leave entitlement of {doctor} is saved")
            return redirect("leave:department-entitlements", department.pk)
    return render(
        request,
        "leave/entitlement_form.jinja",
        {
            "title": f"Leave entitlement, {doctor}",
            "department": department,
            "doctor": doctor,
            "leave_year": leave_year_words(year_start, year_end),
            "balance": balance_rows(leave_balance(doctor, today)),
            "form": form,
            "version": form["version"].value() or record.version,
            "page_errors": stale or error_summary_items(form),
        },
    )
