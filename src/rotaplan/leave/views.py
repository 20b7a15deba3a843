"""Leave pages: a doctor's own leave and their requests, a leave record with the impact
before a decision, the coordinator's list of requests, and sickness and other absence
recorded by the coordinator. A record outside the user's scope is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rotaplan.audit.services import list_read_record, read_record
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found

from .forms import AbsenceForm, DecisionForm, LeaveRequestForm, ReturnForm, StatusFilterForm
from .impact import leave_impact
from .models import LeaveRecord, LeaveStatus
from .presenters import balance_rows, leave_list_read, leave_read, leave_rows, record_rows
from .selectors import (
    can_record_absence,
    coordinated_doctors,
    decidable_leave,
    department_choices,
    leave_balance,
    leave_for_coordinator,
    leave_warnings,
    own_doctor,
    own_leave,
    visible_leave,
)
from .services import (
    LeaveAlreadyDecided,
    absence_record,
    absence_return,
    leave_decide,
    leave_request,
    leave_withdraw,
)

NOT_A_DOCTOR = "Your leave is for doctors: sign in as the doctor to ask for leave."


@login_required
@require_http_methods(["GET", "POST"])
def your_leave(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.doctor_id:
        raise PermissionDenied(NOT_A_DOCTOR)
    doctor = found(own_doctor(request.user))
    form = LeaveRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            record = leave_request(actor=request.user, doctor=doctor, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Your request is sent: your coordinator decides it")
            return redirect("leave:detail", record.pk)
    return render(
        request,
        "leave/your_leave.jinja",
        {
            "title": "Your leave",
            "form": form,
            "page_errors": error_summary_items(form),
            "balance": balance_rows(leave_balance(doctor, timezone.localdate())),
            "rows": leave_rows(own_leave(doctor)),
        },
    )


def detail_page(
    request: AuthenticatedHttpRequest,
    record: LeaveRecord,
    *,
    decision: DecisionForm | None = None,
    back_form: ReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_decide = decidable_leave(request.user, record.pk) is not None
    waiting = record.status == LeaveStatus.REQUESTED
    context: dict[str, Any] = {
        "title": f"{record.get_leave_type_display()}, {record.doctor}",
        "record": record,
        "rows": record_rows(record),
        "own": request.user.doctor_id == record.doctor_id,
        "can_decide": can_decide and waiting,
        "can_return": can_decide
        and record.expected_return is not None
        and record.status == LeaveStatus.APPROVED
        and record.actual_return is None,
        "waiting": waiting,
        "warnings": [],
        "impact": None,
    }
    if waiting:
        context["warnings"] = leave_warnings(
            record.doctor, record.start, record.end, timezone.localdate(record.requested_at)
        ).lines
    if can_decide and waiting:
        context["impact"] = leave_impact(doctor=record.doctor, start=record.start, end=record.end)
    decision = decision or DecisionForm(initial={"version": record.version})
    back_form = back_form or ReturnForm()
    context["decision"] = decision
    context["back_form"] = back_form
    context["page_errors"] = error_summary_items(decision) + error_summary_items(back_form)
    return render(request, "leave/leave_detail.jinja", context, status=status)


@login_required
@require_GET
def leave_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = found(visible_leave(request.user, pk))
    read_record(actor=request.user, subject=record.doctor, what=leave_read(record))
    return detail_page(request, record)


@login_required
@require_POST
def leave_decision(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = found(decidable_leave(request.user, pk))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return detail_page(request, record, decision=form)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        decided = leave_decide(
            actor=request.user,
            record=record,
            approve=approve,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
        )
    except ValidationError as invalid:
        add_service_errors(form, invalid)
        return detail_page(request, record, decision=form)
    except LeaveAlreadyDecided as refused:
        messages.error(request, refused.message)
        return redirect("leave:detail", record.pk)
    verb = "approved" if approve else "declined"
    messages.success(request, f"The leave of {decided.doctor} is {verb}: they are told")
    return redirect("leave:detail", decided.pk)


@login_required
@require_POST
def leave_withdrawal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = found(visible_leave(request.user, pk))
    try:
        leave_withdraw(actor=request.user, record=record)
    except PermissionDenied:
        raise Http404 from None
    except LeaveAlreadyDecided as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "The request is withdrawn")
    return redirect("leave:detail", record.pk)


@login_required
@require_POST
def absence_back(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = found(decidable_leave(request.user, pk))
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            _, said = absence_return(
                actor=request.user,
                record=record,
                actual_return=form.cleaned_data["actual_return"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        except LeaveAlreadyDecided as refused:
            messages.error(request, refused.message)
            return redirect("leave:detail", record.pk)
        else:
            messages.success(request, f"The return to work is recorded. {said}")
            return redirect("leave:detail", record.pk)
    return detail_page(request, record, back_form=form)


@login_required
@require_GET
def leave_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    departments = department_choices(request.user)
    if not departments:
        raise PermissionDenied("The leave of a department is for its coordinators")
    form = StatusFilterForm(request.GET or None, departments=departments)
    status = department = None
    if form.is_valid():
        status = form.cleaned_data["status"] or None
        department = form.cleaned_data["department"]
    records = leave_for_coordinator(request.user, status=status, department_id=department)
    list_read_record(
        actor=request.user,
        what=leave_list_read(records),
        doctor_ids=sorted({r.doctor_id for r in records}),
    )
    return render(
        request,
        "leave/leave_list.jinja",
        {
            "title": "Leave requests",
            "form": form,
            "rows": leave_rows(records),
            "can_record_absence": can_record_absence(request.user),
            "departments": departments,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def absence_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_record_absence(request.user):
        raise PermissionDenied("Sickness and absence are recorded by the doctor's coordinator")
    form = AbsenceForm(
        request.POST if request.method == "POST" else None,
        doctors=coordinated_doctors(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = absence_record(actor=request.user, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(
                request,
                f"The absence of {record.doctor} is recorded: their shifts are off the rota "
                "and the gaps are open",
            )
            return redirect("leave:detail", record.pk)
    return render(
        request,
        "leave/absence_form.jinja",
        {
            "title": "Record sickness or another absence",
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )
