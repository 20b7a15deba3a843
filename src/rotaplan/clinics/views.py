"""Clinics pages: a department's templates and sessions, one session with what to do
when its clinician is away, the changes waiting for a service manager, the notice window,
the rebooking list (patients' details: every read audited), and a doctor's own clinics.
Anything outside the user's departments is a plain 404."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rotaplan.audit.services import read_record
from rotaplan.cover.downloads import csv_bytes
from rotaplan.engine.clock import format_day
from rotaplan.jobplans.selectors import visible_job_plan
from rotaplan.organisation.models import Department
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found

from . import presenters, selectors
from .forms import (
    ChangeForm,
    DateRangeForm,
    DecisionForm,
    PolicyForm,
    SessionFilterForm,
    TemplateForm,
)
from .models import ClinicSession, SessionStatus
from .services import (
    Stale,
    TemplateFields,
    policy_change,
    rebooking_mark_rebooked,
    session_change_decide,
    session_change_propose,
    sessions_generate,
    template_change,
    template_create,
    template_retire,
    templates_from_job_plan,
)

SESSIONS_SHOWN_WEEKS = 4
REBOOKING_HEADINGS = [
    "Patient",
    "NHS number",
    "Original appointment",
    "Slot type",
    "Clinic",
    "Why",
    "Added to the list",
]


def _department(request: AuthenticatedHttpRequest, department_id: int) -> Department:
    return found(selectors.visible_department(request.user, department_id))


def _context(request: AuthenticatedHttpRequest, department: Department) -> dict[str, Any]:
    user = request.user
    return {
        "department": department,
        "manages": selectors.manages_clinics(user, department.pk),
        "approves": selectors.approves_changes(user, department.pk),
        "sees_patients": selectors.sees_patients(user, department.pk),
    }


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    departments = list(selectors.clinic_departments(request.user))
    if not departments:
        raise Http404
    return render(
        request,
        "clinics/index.jinja",
        {
            "title": "Clinics",
            "departments": departments,
            "approves_any": selectors.approves_any(request.user),
        },
    )


# --- templates ----------------------------------------------------------------------


@login_required
@require_GET
def templates(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = _department(request, department_id)
    return render(
        request,
        "clinics/templates.jinja",
        {
            "title": f"Clinic templates: {department.name}",
            "templates": selectors.department_templates(department),
            "untemplated": selectors.plans_with_clinics_untemplated(department),
            "when": presenters.template_when,
            **_context(request, department),
        },
    )


def _template_fields(form: TemplateForm) -> TemplateFields:
    data = form.cleaned_data
    return TemplateFields(
        clinician=data["clinician"],
        name=data["name"],
        weekday=data["weekday"],
        start=data["start"],
        end=data["end"],
        every_weeks=data["every_weeks"],
        valid_from=data["valid_from"],
        valid_to=data["valid_to"],
        location=data["location"],
        slots=form.slots(),
        skills=list(data["skills"]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_new(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = _department(request, department_id)
    if not selectors.manages_clinics(request.user, department.pk):
        raise PermissionDenied("You do not manage this department's clinics")
    form = TemplateForm(
        request.POST if request.method == "POST" else None,
        clinicians=selectors.department_clinicians(department),
        initial={"every_weeks": 1, "valid_from": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            template = template_create(
                actor=request.user, department=department, fields=_template_fields(form)
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"{template.name} is added")
            return redirect("clinics:template", template.pk)
    return render(
        request,
        "clinics/template_form.jinja",
        {
            "title": "Add a clinic template",
            "form": form,
            "page_errors": error_summary_items(form),
            **_context(request, department),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    template = found(selectors.visible_template(request.user, pk))
    department = template.department
    manages = selectors.manages_clinics(request.user, department.pk)
    if request.method == "POST" and not manages:
        raise PermissionDenied("You do not manage this department's clinics")
    form = TemplateForm(
        request.POST if request.method == "POST" else None,
        clinicians=selectors.department_clinicians(department),
        initial=TemplateForm.initial_from(template),
    )
    if request.method == "POST" and form.is_valid():
        try:
            template_change(
                actor=request.user,
                template=template,
                fields=_template_fields(form),
                version=form.cleaned_data["version"],
            )
        except Stale as stale:
            messages.error(request, stale.message)
            return redirect("clinics:template", template.pk)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "The clinic template is saved")
            return redirect("clinics:template", template.pk)
    return render(
        request,
        "clinics/template.jinja",
        {
            "title": template.name,
            "template": template,
            "when": presenters.template_when(template),
            "slots": list(template.slots.all()),
            "skills": ", ".join(s.name for s in template.skills.all()) or "None",
            "form": form,
            "page_errors": error_summary_items(form),
            **_context(request, department),
        },
    )


@login_required
@require_POST
def template_retirement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    template = found(selectors.visible_template(request.user, pk))
    version = request.POST.get("version", "")
    try:
        template_retire(
            actor=request.user,
            template=template,
            version=int(version) if version.isdigit() else None,
        )
    except Stale as stale:
        messages.error(request, stale.message)
    else:
        messages.success(request, f"{template.name} is retired: no more sessions are generated")
    return redirect("clinics:template", template.pk)


@login_required
@require_POST
def templates_from_plan(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = found(visible_job_plan(request.user, plan_id))
    try:
        made = templates_from_job_plan(actor=request.user, job_plan=plan)
    except ValidationError as invalid:
        for message in invalid.messages:
            messages.error(request, message)
        return redirect("jobplans:detail", plan.pk)
    names = ", ".join(t.name for t in made.created)
    if made.created:
        messages.success(
            request,
            f"{len(made.created)} clinic {'template' if len(made.created) == 1 else 'templates'}"
            f" made: {names}. Check each one's slots, then generate its sessions.",
        )
    for line in made.skipped:
        messages.info(request, line)
    if not made.created and not made.skipped:
        messages.info(request, "Every clinic of this job plan already has its template")
    return redirect("clinics:templates", plan.doctor.department_id)


# --- sessions -----------------------------------------------------------------------


def _range(form: DateRangeForm) -> tuple[date, date]:
    today = timezone.localdate()
    if form.is_bound and form.is_valid():
        return form.cleaned_data["start"], form.cleaned_data["end"]
    return today, today + timedelta(weeks=SESSIONS_SHOWN_WEEKS)


@login_required
@require_GET
def sessions(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = _department(request, department_id)
    form = SessionFilterForm(
        request.GET or None, clinicians=selectors.department_clinicians(department)
    )
    start, end = _range(form)
    clinician = form.cleaned_data.get("clinician") if form.is_bound and form.is_valid() else None
    status = form.cleaned_data.get("status") if form.is_bound and form.is_valid() else None
    found_sessions = selectors.department_sessions(
        department, start, end, clinician_id=clinician.pk if clinician else None, status=status
    )
    to_act = [s for s in found_sessions if s.status in selectors.TO_ACT_ON]
    others = [s for s in found_sessions if s.status not in selectors.TO_ACT_ON]
    if not form.is_bound:
        form = SessionFilterForm(
            initial={"start": start, "end": end},
            clinicians=selectors.department_clinicians(department),
        )
    return render(
        request,
        "clinics/sessions.jinja",
        {
            "title": f"Clinic sessions: {department.name}",
            "form": form,
            "page_errors": error_summary_items(form) if form.is_bound else [],
            "period": f"{format_day(start)} to {format_day(end)}",
            "to_act": to_act,
            "others": others,
            "when": presenters.session_when,
            "colour": presenters.STATUS_COLOUR,
            **_context(request, department),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def generate(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = _department(request, department_id)
    if not selectors.manages_clinics(request.user, department.pk):
        raise PermissionDenied("You do not manage this department's clinics")
    form = DateRangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            made = sessions_generate(
                actor=request.user,
                department=department,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, made.words.capitalize())
            return redirect("clinics:sessions", department.pk)
    return render(
        request,
        "clinics/generate.jinja",
        {
            "title": "Generate clinic sessions",
            "form": form,
            "page_errors": error_summary_items(form),
            **_context(request, department),
        },
    )


def _session_page(
    request: AuthenticatedHttpRequest, session: ClinicSession, form: ChangeForm | None
) -> HttpResponse:
    department = session.template.department
    context = _context(request, department)
    may_change = selectors.changes_sessions(request.user, department.pk)
    can_change = (
        may_change
        and session.date >= timezone.localdate()
        and session.status != SessionStatus.AWAITING_APPROVAL
        and session.status != SessionStatus.CANCELLED
    )
    eligible = selectors.eligible_backfill(session) if can_change else []
    if form is None:
        form = ChangeForm(initial={"version": session.version}, eligible=eligible)
    appointments = []
    if context["sees_patients"]:
        appointments = selectors.session_appointments(session)
        if appointments:
            read_record(
                actor=request.user,
                subject=session,
                what=f"the patients of {session.template.name} on {format_day(session.date)}",
            )
    changes = selectors.session_changes(session)
    return render(
        request,
        "clinics/session.jinja",
        {
            "title": f"{session.template.name}, {format_day(session.date)}",
            "session": session,
            "when": presenters.session_when(session),
            "status": presenters.session_status(session),
            "colour": presenters.STATUS_COLOUR[SessionStatus(session.status)],
            "appointments": appointments,
            "nhs_number": presenters.nhs_number,
            "moment_of": presenters.appointment_when,
            "changes": changes,
            "change_words": presenters.change_words,
            "decided_words": presenters.decided_words,
            "can_change": can_change,
            "eligible": eligible,
            "form": form,
            "page_errors": error_summary_items(form) if form.is_bound else [],
            "notice_weeks": selectors.notice_weeks(department.pk),
            "short_notice": selectors.is_short_notice(
                session.date, selectors.notice_weeks(department.pk)
            ),
            "own": request.user.doctor_id in (session.clinician_id, session.template.clinician_id),
            **context,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = found(selectors.visible_session(request.user, pk))
    if request.method == "GET":
        return _session_page(request, session, None)
    if not selectors.changes_sessions(request.user, session.template.department_id):
        raise PermissionDenied("You do not manage this department's clinics")
    form = ChangeForm(request.POST, eligible=selectors.eligible_backfill(session))
    if form.is_valid():
        data = form.cleaned_data
        try:
            change = session_change_propose(
                actor=request.user,
                session=session,
                action=data["action"],
                slots_kept=data["slots_kept"],
                backfill_clinician=data["backfill_clinician"],
                reason=data["reason"],
                version=data["version"],
            )
        except Stale as stale:
            messages.error(request, stale.message)
            return redirect("clinics:session", session.pk)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            if change.status == "awaiting":
                messages.success(
                    request,
                    "This is short notice: the change waits for a service manager's approval, "
                    "and they are told",
                )
            else:
                messages.success(request, f"Done: {presenters.change_words(change).lower()}")
            return redirect("clinics:session", session.pk)
    return _session_page(request, session, form)


# --- approvals ----------------------------------------------------------------------


@login_required
@require_GET
def awaiting(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not selectors.approves_any(request.user):
        raise Http404
    return render(
        request,
        "clinics/awaiting.jinja",
        {
            "title": "Clinic changes to approve",
            "changes": selectors.changes_awaiting(request.user),
            "when": presenters.session_when,
            "change_words": presenters.change_words,
            "patients": presenters.patients,
            "form": DecisionForm(),
        },
    )


@login_required
@require_POST
def change_decision(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    change = found(selectors.visible_change(request.user, pk))
    if not selectors.approves_changes(request.user, change.session.template.department_id):
        raise PermissionDenied("Only a service manager of this department approves changes")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("clinics:awaiting")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        session_change_decide(
            actor=request.user,
            change=change,
            approve=approve,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
        )
    except Stale as stale:
        messages.error(request, stale.message)
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    else:
        verdict = "approved" if approve else "refused"
        messages.success(
            request,
            f"The change to {change.session.template.name} on "
            f"{format_day(change.session.date)} is {verdict}",
        )
    return redirect("clinics:awaiting")


# --- policy -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def policy(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = _department(request, department_id)
    current = selectors.policy_of(department)
    may_edit = selectors.approves_changes(request.user, department.pk)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied("Only a service manager of this department sets the notice window")
    form = PolicyForm(
        request.POST if request.method == "POST" else None,
        initial={"notice_weeks": current.notice_weeks, "version": current.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            policy_change(
                actor=request.user,
                department=department,
                notice_weeks=form.cleaned_data["notice_weeks"],
                version=form.cleaned_data["version"],
            )
        except Stale as stale:
            messages.error(request, stale.message)
            return redirect("clinics:policy", department.pk)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "The notice window is saved")
            return redirect("clinics:policy", department.pk)
    return render(
        request,
        "clinics/policy.jinja",
        {
            "title": f"Clinic notice window: {department.name}",
            "policy": current,
            "may_edit": may_edit,
            "form": form,
            "page_errors": error_summary_items(form),
            **_context(request, department),
        },
    )


# --- rebooking ----------------------------------------------------------------------


def _rebooking(request: AuthenticatedHttpRequest, department_id: int) -> tuple[Department, list]:
    department = _department(request, department_id)
    if not selectors.sees_patients(request.user, department.pk):
        raise Http404
    entries = selectors.rebooking_entries(department)
    read_record(
        actor=request.user,
        subject=department,
        what=f"the rebooking list of {department.name}: {len(entries)} patients",
    )
    return department, entries


@login_required
@require_GET
def rebooking(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department, entries = _rebooking(request, department_id)
    return render(
        request,
        "clinics/rebooking.jinja",
        {
            "title": f"Patients to rebook: {department.name}",
            "rows": [(e, presenters.rebooking_row(e)) for e in entries],
            "books": selectors.books(request.user, department.pk),
            **_context(request, department),
        },
    )


@login_required
@require_GET
def rebooking_csv(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department, entries = _rebooking(request, department_id)
    keys = ["patient", "nhs_number", "appointment", "slot_type", "clinic", "why", "added"]
    rows = [[presenters.rebooking_row(e)[k] for k in keys] for e in entries]
    response = HttpResponse(
        csv_bytes(REBOOKING_HEADINGS, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="rebooking-{department.code}.csv"'
    return response


@login_required
@require_POST
def rebooked(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = found(selectors.visible_rebooking_entry(request.user, pk))
    try:
        rebooking_mark_rebooked(actor=request.user, entry=entry)
    except Stale as stale:
        messages.error(request, stale.message)
    else:
        messages.success(request, f"{entry.appointment.patient_name} is marked as rebooked")
    return redirect(reverse("clinics:rebooking", args=[entry.department_id]))


# --- a doctor's own -----------------------------------------------------------------


@login_required
@require_GET
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    doctor = request.user.doctor
    if doctor is None:
        raise Http404
    today = timezone.localdate()
    own = selectors.own_sessions(doctor, today, today + timedelta(weeks=8))
    return render(
        request,
        "clinics/mine.jinja",
        {
            "title": "Your clinics",
            "templates": selectors.own_templates(doctor),
            "template_when": presenters.template_when,
            "sessions": own,
            "when": presenters.session_when,
            "colour": presenters.STATUS_COLOUR,
            "doctor": doctor,
        },
    )
