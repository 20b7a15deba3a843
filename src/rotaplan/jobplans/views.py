"""Job plan pages: a doctor's own job plans; a department's job plans for its clinical
director, service manager and rota coordinators (and the trust-wide roles); one job plan
with its PAs by activity and category, warnings, history and the steps of its sign-off;
the forms that change its activities and on-call; the department's policy. A plan
outside the user's scope is a 404, which says nothing of whether it exists."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rotaplan.audit.services import list_read_record, read_record
from rotaplan.clinics.selectors import clinics_without_template
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found

from . import selectors
from .forms import (
    ActivityForm,
    CommentForm,
    NewJobPlanForm,
    OnCallForm,
    PolicyForm,
    RemoveForm,
    StatusFilterForm,
    StatusForm,
)
from .models import Activity, JobPlan, JobPlanStatus
from .presenters import (
    activity_rows,
    category_rows,
    decimal_pas,
    event_rows,
    job_plan_list_read,
    job_plan_read,
    on_call_rows,
    plan_rows,
    status_tag,
    summary_rows,
    warning_lines,
)
from .services import (
    STATUS_MOVES,
    StaleJobPlan,
    activity_add,
    activity_change,
    activity_remove,
    comment_add,
    job_plan_create,
    job_plan_policy_change,
    on_call_clear,
    on_call_set,
)

DONE = {
    "discuss": "The job plan is marked as discussed",
    "agree": "The job plan is agreed: the clinical director is asked to sign it off",
    "sign": "The job plan is signed off",
    "reopen": "The job plan is reopened as a draft",
}


def _plan(request: AuthenticatedHttpRequest, pk: int) -> JobPlan:
    return found(selectors.visible_job_plan(request.user, pk))


def _editable_plan(request: AuthenticatedHttpRequest, pk: int) -> JobPlan:
    """A plan the user may read; one they may not change is refused (403), one signed off
    is shown again with the reason."""
    plan = _plan(request, pk)
    if not selectors.may_edit(request.user, plan) and plan.status != JobPlanStatus.SIGNED:
        raise PermissionDenied("You may read this job plan but not change it")
    return plan


@login_required
@require_GET
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Your job plan: the doctor's own, the latest year first."""
    if request.user.doctor is None:
        raise Http404
    plans = selectors.own_job_plans(request.user.doctor)
    return render(
        request,
        "jobplans/mine.jinja",
        {
            "title": "Your job plan",
            "rows": plan_rows(plans, selectors.breakdowns(plans)),
        },
    )


@login_required
@require_GET
def departments(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The departments whose job plans the user reads."""
    found_departments = selectors.job_plan_departments(request.user)
    if not found_departments:
        raise Http404
    return render(
        request,
        "jobplans/departments.jinja",
        {"title": "Job plans", "departments": found_departments},
    )


@login_required
@require_GET
def department(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    place = found(selectors.visible_department(request.user, department_id))
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data["status"] or None if form.is_valid() else None
    plans = selectors.department_job_plans(place, status=status)
    list_read_record(
        actor=request.user,
        what=job_plan_list_read(plans),
        doctor_ids=sorted({p.doctor_id for p in plans}),
    )
    return render(
        request,
        "jobplans/department.jinja",
        {
            "title": f"Job plans, {place.name}",
            "department": place,
            "form": form,
            "rows": plan_rows(plans, selectors.breakdowns(plans)),
            "can_create": selectors.sets_policy(request.user, place.pk),
            "minimum_spa": decimal_pas(selectors.policy_of(place).minimum_spa),
        },
    )


def detail_page(
    request: AuthenticatedHttpRequest,
    plan: JobPlan,
    *,
    status_form: StatusForm | None = None,
    comment_form: CommentForm | None = None,
    code: int = 200,
) -> HttpResponse:
    user = request.user
    figures = selectors.breakdown(plan)
    activities = list(plan.activities.all())
    on_call = selectors.on_call_of(plan)
    moves = selectors.moves_open(user, plan)
    status_form = status_form or StatusForm(initial={"version": plan.version})
    comment_form = comment_form or CommentForm()
    context: dict[str, Any] = {
        "title": f"Job plan, {plan.doctor}",
        "plan": plan,
        "own": user.doctor_id == plan.doctor_id,
        "status_tag": status_tag(plan.status),
        "summary": summary_rows(plan, figures),
        "activities": activity_rows(activities, figures),
        "categories": category_rows(figures),
        "on_call": on_call,
        "on_call_rows": on_call_rows(on_call, figures),
        "warnings": warning_lines(figures),
        "premium_time": figures.premium_time,
        "events": event_rows(selectors.history(plan)),
        "can_edit": selectors.may_edit(user, plan),
        "clinics_without_template": clinics_without_template(user, plan),
        "can_comment": selectors.may_comment(user, plan),
        "moves": moves,
        "status_form": status_form,
        "comment_form": comment_form,
        "remove_form": RemoveForm(initial={"version": plan.version}),
        "page_errors": error_summary_items(status_form) + error_summary_items(comment_form),
    }
    return render(request, "jobplans/detail.jinja", context, status=code)


@login_required
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    read_record(actor=request.user, subject=plan.doctor, what=job_plan_read(plan))
    return detail_page(request, plan)


@login_required
@require_POST
def status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return detail_page(request, plan, status_form=form)
    move = form.cleaned_data["move"]
    try:
        STATUS_MOVES[move](
            actor=request.user,
            job_plan=plan,
            version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as invalid:
        add_service_errors(form, invalid)
        return detail_page(request, plan, status_form=form)
    except StaleJobPlan as stale:
        messages.error(request, stale.message)
        return redirect("jobplans:detail", plan.pk)
    messages.success(request, DONE[move])
    return redirect("jobplans:detail", plan.pk)


@login_required
@require_POST
def comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_add(actor=request.user, job_plan=plan, text=form.cleaned_data["text"])
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Your comment is added to the job plan's history")
            return redirect("jobplans:detail", plan.pk)
    return detail_page(request, plan, comment_form=form)


def _activity_form_page(
    request: AuthenticatedHttpRequest,
    plan: JobPlan,
    form: ActivityForm,
    activity: Activity | None = None,
) -> HttpResponse:
    return render(
        request,
        "jobplans/activity_form.jinja",
        {
            "title": "Change an activity" if activity else "Add an activity",
            "plan": plan,
            "activity": activity,
            "form": form,
            "remove_form": RemoveForm(initial={"version": plan.version}),
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    form = ActivityForm(
        request.POST if request.method == "POST" else None, initial={"version": plan.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity_add(actor=request.user, job_plan=plan, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        except StaleJobPlan as stale:
            form.add_error(None, stale.message)
        else:
            messages.success(request, "The activity is added")
            return redirect("jobplans:detail", plan.pk)
    return _activity_form_page(request, plan, form)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthenticatedHttpRequest, pk: int, activity_id: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    activity = found(selectors.plan_activity(plan, activity_id))
    initial = {**selectors.activity_values(activity), "version": plan.version}
    form = ActivityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity_change(actor=request.user, activity=activity, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        except StaleJobPlan as stale:
            form.add_error(None, stale.message)
        else:
            messages.success(request, "The activity is changed")
            return redirect("jobplans:detail", plan.pk)
    return _activity_form_page(request, plan, form, activity)


@login_required
@require_POST
def activity_delete(request: AuthenticatedHttpRequest, pk: int, activity_id: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    activity = found(selectors.plan_activity(plan, activity_id))
    form = RemoveForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        activity_remove(actor=request.user, activity=activity, version=form.cleaned_data["version"])
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    except StaleJobPlan as stale:
        messages.error(request, stale.message)
    else:
        messages.success(request, f"{activity.description} is taken off the job plan")
    return redirect("jobplans:detail", plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def on_call(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    held = selectors.on_call_of(plan)
    initial: dict[str, Any] = {"version": plan.version}
    if held is not None:
        initial |= {
            "one_in": held.one_in,
            "category": held.category,
            "predictable_hours": held.predictable_hours,
            "unpredictable_hours": held.unpredictable_hours,
        }
    form = OnCallForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            on_call_set(actor=request.user, job_plan=plan, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        except StaleJobPlan as stale:
            form.add_error(None, stale.message)
        else:
            messages.success(request, "The on-call is saved")
            return redirect("jobplans:detail", plan.pk)
    return render(
        request,
        "jobplans/on_call_form.jinja",
        {
            "title": "On-call",
            "plan": plan,
            "held": held,
            "form": form,
            "remove_form": RemoveForm(initial={"version": plan.version}),
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_POST
def on_call_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        on_call_clear(actor=request.user, job_plan=plan, version=form.cleaned_data["version"])
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    except StaleJobPlan as stale:
        messages.error(request, stale.message)
    else:
        messages.success(request, "The on-call is taken off the job plan")
    return redirect("jobplans:detail", plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    doctors = selectors.plannable_doctors(request.user)
    if not doctors.exists():
        raise PermissionDenied("Job plans are started by the department's clinical director")
    form = NewJobPlanForm(request.POST if request.method == "POST" else None, doctors=doctors)
    if request.method == "POST" and form.is_valid():
        try:
            plan = job_plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"The job plan of {plan.doctor} is started as a draft")
            return redirect("jobplans:detail", plan.pk)
    return render(
        request,
        "jobplans/new.jinja",
        {"title": "Start a job plan", "form": form, "page_errors": error_summary_items(form)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def policy(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    place = found(selectors.visible_department(request.user, department_id))
    held = selectors.policy_of(place)
    can_change = selectors.sets_policy(request.user, place.pk)
    form = PolicyForm(
        request.POST if request.method == "POST" else None,
        initial={"minimum_spa": held.minimum_spa, "version": held.version},
    )
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied("You do not manage this department's job plans")
        if form.is_valid():
            try:
                job_plan_policy_change(actor=request.user, department=place, **form.cleaned_data)
            except ValidationError as invalid:
                add_service_errors(form, invalid)
            except StaleJobPlan as stale:
                form.add_error(None, stale.message)
            else:
                messages.success(request, "The job plan policy is saved")
                return redirect("jobplans:department", place.pk)
    return render(
        request,
        "jobplans/policy.jinja",
        {
            "title": f"Job plan policy, {place.name}",
            "department": place,
            "policy": held,
            "minimum_spa": decimal_pas(held.minimum_spa),
            "can_change": can_change,
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )
