"""Job plans over the API, with the pages' permissions: a doctor reads and comments on
their own (and changes it while a draft); the department's clinical director and service
manager read, change and move it to discussed and agreed; the clinical director signs it
off; rota coordinators read; the trust-wide roles read every plan and medical staffing
changes them. A plan outside the user's scope is not found (404); a change made from a
stale version is refused (409) saying who changed the plan and when; bad input is 422
naming the field. A department's job plan policy (the SPA it asks) is read by those who
read its job plans and set by those who change them."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, validation_error_out
from rotaplan.audit.services import list_read_record, read_record
from rotaplan.engine.jobplan.pas import Breakdown, pas_text
from rotaplan.people.access import AuthenticatedHttpRequest

from . import selectors
from .models import Activity, JobPlan, JobPlanEvent, JobPlanPolicy, JobPlanStatus
from .presenters import job_plan_list_read, job_plan_read
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

router = Router(tags=["jobplans"])

NOT_FOUND = "No job plan you may see has this id"
NO_ACTIVITY = "This job plan has no activity with this id"
NO_DOCTOR = "No consultant or SAS doctor you may start a job plan for has this id"
READ_ONLY = "You may read this job plan but not change it"
NO_DEPARTMENT = "No department whose job plans you may see has this id"

CategoryIn = Literal["dcc", "spa", "anr", "external"]
KindIn = Literal[
    "clinic", "theatre", "ward_round", "patient_admin", "teaching", "spa", "management", "other"
]
SessionIn = Literal["", "morning", "afternoon", "evening"]
WeeksIn = Literal["every", "one_in", "per_year"]
MoveIn = Literal["discuss", "agree", "sign", "reopen"]


class ActivityOut(Schema):
    id: int
    category: str
    kind: str
    description: str
    weekday: int = Field(description="0 is Monday, 6 is Sunday")
    session: str
    start: time
    end: time
    weeks: str
    weeks_value: int | None
    location: str
    theatre_list: str
    pas_a_week: str = Field(description="PAs a week, annualised, 2 decimal places at most")


class OnCallOut(Schema):
    one_in: int
    category: str
    predictable_hours: Decimal
    unpredictable_hours: Decimal
    predictable_pas: str
    unpredictable_pas: str
    supplement_percent: str | None
    supplement_verified: bool


class WarningOut(Schema):
    code: str = Field(description="not_ten, over_twelve, spa_under_policy, overlap, no_pas")
    message: str
    activity_ids: list[int]


class EventOut(Schema):
    at: datetime
    by: str | None
    kind: str = Field(description="status, change or comment")
    status: str
    text: str


class JobPlanOut(Schema):
    id: int
    doctor_id: int
    doctor: str
    department_id: int
    year_start: date
    weeks_a_year: int
    status: str
    signed_by: str | None
    signed_at: datetime | None
    total_pas: str
    warnings: int
    version: int


class BreakdownOut(Schema):
    activities: list[ActivityOut]
    on_call: OnCallOut | None
    by_category: dict[str, str]
    total_pas: str
    warnings: list[WarningOut]
    premium_time: str


class JobPlanDetailOut(Schema):
    job_plan: JobPlanOut
    breakdown: BreakdownOut
    history: list[EventOut]


class JobPlanIn(Schema):
    doctor_id: int
    year_start: date = Field(description="The first day of the job plan year")
    weeks_a_year: int = Field(42, ge=1, le=52)


class ActivityIn(Schema):
    version: int = Field(description="The job plan's version as you read it")
    category: CategoryIn
    kind: KindIn
    description: str = Field(min_length=1, max_length=120)
    weekday: int = Field(ge=0, le=6, description="0 is Monday, 6 is Sunday")
    session: SessionIn = Field("", description="Times of the session when none are given")
    start: time | None = None
    end: time | None = None
    weeks: WeeksIn = "every"
    weeks_value: int | None = Field(None, ge=1, le=52)
    location: str = Field("", max_length=100)
    theatre_list: str = Field("", max_length=100)


class VersionIn(Schema):
    version: int = Field(description="The job plan's version as you read it")


class StatusIn(Schema):
    move: MoveIn
    version: int | None = Field(None, description="The version read; a stale one is refused")
    note: str = Field("", max_length=2000)


class CommentIn(Schema):
    text: str = Field(min_length=1, max_length=2000)


class CommentOut(Schema):
    job_plan_id: int
    event: EventOut


class OnCallIn(Schema):
    version: int = Field(description="The job plan's version as you read it")
    one_in: int = Field(description="On call one week in N, N from 1 to 52")
    category: Literal["A", "B"] = Field(
        description="A: must return immediately; B: can respond by phone or later"
    )
    predictable_hours: Decimal = Field(
        allow_inf_nan=False, description="Hours a week on average, 0 to 48, 2 decimal places"
    )
    unpredictable_hours: Decimal = Field(
        allow_inf_nan=False, description="Hours a week on average, 0 to 48, 2 decimal places"
    )


class OnCallClearQuery(Schema):
    version: int = Field(description="The job plan's version as you read it")


class PolicyOut(Schema):
    department_id: int
    minimum_spa: Decimal = Field(
        description="PAs of SPA a full-time job plan should hold; pro rata for less than full time"
    )
    version: int


class PolicyIn(Schema):
    minimum_spa: Decimal = Field(
        allow_inf_nan=False, description="0 to 10 PAs, 2 decimal places at most"
    )
    version: int = Field(
        description="The policy's version as you read it (1 for a department that has set none)"
    )


class JobPlanFilters(Schema):
    department: int | None = None
    status: JobPlanStatus | None = None


def plan_out(plan: JobPlan, figures: Breakdown) -> dict[str, object]:
    return {
        "id": plan.pk,
        "doctor_id": plan.doctor_id,
        "doctor": str(plan.doctor),
        "department_id": plan.doctor.department_id,
        "year_start": plan.year_start,
        "weeks_a_year": plan.weeks_a_year,
        "status": plan.status,
        "signed_by": plan.signed_by.display_name if plan.signed_by else None,
        "signed_at": plan.signed_at,
        "total_pas": pas_text(figures.total),
        "warnings": len(figures.warnings),
        "version": plan.version,
    }


def _ids(ids: tuple[str, ...]) -> list[int]:
    return [int(i) for i in ids if i.isdigit()]


def detail_out(plan: JobPlan) -> dict[str, object]:
    figures = selectors.breakdown(plan)
    weekly = {item.activity.id: item.weekly_pas for item in figures.activities}
    on_call = selectors.on_call_of(plan)
    on_call_out = None
    if on_call is not None and figures.on_call is not None:
        percent = figures.on_call.supplement_percent
        on_call_out = {
            "one_in": on_call.one_in,
            "category": on_call.category,
            "predictable_hours": on_call.predictable_hours,
            "unpredictable_hours": on_call.unpredictable_hours,
            "predictable_pas": pas_text(figures.on_call.predictable),
            "unpredictable_pas": pas_text(figures.on_call.unpredictable),
            "supplement_percent": pas_text(percent) if percent is not None else None,
            "supplement_verified": figures.on_call.supplement_verified,
        }
    return {
        "job_plan": plan_out(plan, figures),
        "breakdown": {
            "activities": [
                activity_out(a, pas_text(weekly.get(str(a.pk), Fraction(0))))
                for a in plan.activities.all()
            ],
            "on_call": on_call_out,
            "by_category": {str(c): pas_text(v) for c, v in figures.by_category.items()},
            "total_pas": pas_text(figures.total),
            "warnings": [
                {"code": w.code, "message": w.message, "activity_ids": _ids(w.activity_ids)}
                for w in figures.warnings
            ],
            "premium_time": figures.premium_time,
        },
        "history": [event_out(e) for e in selectors.history(plan)],
    }


def activity_out(activity: Activity, pas: str) -> dict[str, object]:
    return {
        "id": activity.pk,
        "category": activity.category,
        "kind": activity.kind,
        "description": activity.description,
        "weekday": activity.weekday,
        "session": activity.session,
        "start": activity.start,
        "end": activity.end,
        "weeks": activity.weeks,
        "weeks_value": activity.weeks_value,
        "location": activity.location,
        "theatre_list": activity.theatre_list,
        "pas_a_week": pas,
    }


def event_out(event: JobPlanEvent) -> dict[str, object]:
    return {
        "at": event.at,
        "by": event.by.display_name if event.by is not None else None,
        "kind": event.kind,
        "status": event.status,
        "text": event.text,
    }


def _answer(request: AuthenticatedHttpRequest, plan: JobPlan, code: int = 200) -> Status[object]:
    fresh = selectors.visible_job_plan(request.user, plan.pk) or plan
    return Status(code, detail_out(fresh))


@router.get(
    "/job-plans",
    response={200: list[JobPlanOut]},
    summary="Job plans you may see",
    description="A doctor's own; for clinical directors, service managers and rota "
    "coordinators, their departments'; every plan for the trust-wide roles.",
)
def list_job_plans(
    request: AuthenticatedHttpRequest, filters: Query[JobPlanFilters]
) -> Status[object]:
    status = filters.status.value if filters.status else None
    plans = selectors.job_plans_listed(
        request.user, department_id=filters.department, status=status
    )
    list_read_record(
        actor=request.user,
        what=job_plan_list_read(plans, "API"),
        doctor_ids=sorted({p.doctor_id for p in plans}),
    )
    figures = selectors.breakdowns(plans)
    return Status(200, [plan_out(p, figures[p.pk]) for p in plans])


@router.get(
    "/job-plans/{int:job_plan_id}",
    response={200: JobPlanDetailOut, 404: ErrorOut},
    summary="One job plan with its PA breakdown, warnings and history",
)
def get_job_plan(request: AuthenticatedHttpRequest, job_plan_id: int) -> Status[object]:
    plan = selectors.visible_job_plan(request.user, job_plan_id)
    if plan is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    read_record(actor=request.user, subject=plan.doctor, what=job_plan_read(plan, "API"))
    return Status(200, detail_out(plan))


@router.post(
    "/job-plans",
    response={201: JobPlanDetailOut, 404: ErrorOut, 422: ErrorOut},
    summary="Start a job plan",
    description="A draft with no activities, for a consultant or SAS doctor, one a year.",
)
def create_job_plan(request: AuthenticatedHttpRequest, payload: JobPlanIn) -> Status[object]:
    doctor = selectors.plannable_doctor(request.user, payload.doctor_id)
    if doctor is None:
        return Status(404, ErrorOut(detail=NO_DOCTOR))
    try:
        plan = job_plan_create(
            actor=request.user,
            doctor=doctor,
            year_start=payload.year_start,
            weeks_a_year=payload.weeks_a_year,
        )
    except PermissionDenied:
        return Status(404, ErrorOut(detail=NO_DOCTOR))
    except ValidationError as invalid:
        return Status(
            422,
            validation_error_out("The job plan was not started", invalid, {"doctor": "doctor_id"}),
        )
    return _answer(request, plan, 201)


def _activity_fields(payload: ActivityIn) -> dict[str, object]:
    return payload.dict(exclude={"version"})


@router.post(
    "/job-plans/{int:job_plan_id}/activities",
    response={201: JobPlanDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Add an activity",
    description="Given a `session`, its times are used unless `start` and `end` are given. "
    "Refused (422, by field) for times that end before they start, no `weeks_value`, an "
    "overlap with another activity (both named) or a signed-off plan; 409 when the plan "
    "changed since `version`.",
)
def add_activity(
    request: AuthenticatedHttpRequest, job_plan_id: int, payload: ActivityIn
) -> Status[object]:
    plan = selectors.visible_job_plan(request.user, job_plan_id)
    if plan is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        activity_add(
            actor=request.user,
            job_plan=plan,
            version=payload.version,
            **_activity_fields(payload),  # type: ignore[arg-type]
        )
    except PermissionDenied:
        return Status(403, ErrorOut(detail=READ_ONLY))
    except StaleJobPlan as stale:
        return Status(409, ErrorOut(detail=stale.message))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The activity was not added", invalid))
    return _answer(request, plan, 201)


@router.put(
    "/job-plans/{int:job_plan_id}/activities/{int:activity_id}",
    response={200: JobPlanDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Change an activity",
)
def change_activity(
    request: AuthenticatedHttpRequest, job_plan_id: int, activity_id: int, payload: ActivityIn
) -> Status[object]:
    plan = selectors.visible_job_plan(request.user, job_plan_id)
    if plan is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    activity = selectors.plan_activity(plan, activity_id)
    if activity is None:
        return Status(404, ErrorOut(detail=NO_ACTIVITY))
    try:
        activity_change(
            actor=request.user,
            activity=activity,
            version=payload.version,
            **_activity_fields(payload),  # type: ignore[arg-type]
        )
    except PermissionDenied:
        return Status(403, ErrorOut(detail=READ_ONLY))
    except StaleJobPlan as stale:
        return Status(409, ErrorOut(detail=stale.message))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The activity was not changed", invalid))
    return _answer(request, plan)


@router.post(
    "/job-plans/{int:job_plan_id}/activities/{int:activity_id}/remove",
    response={200: JobPlanDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Take an activity off the job plan",
)
def remove_activity(
    request: AuthenticatedHttpRequest, job_plan_id: int, activity_id: int, payload: VersionIn
) -> Status[object]:
    plan = selectors.visible_job_plan(request.user, job_plan_id)
    if plan is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    activity = selectors.plan_activity(plan, activity_id)
    if activity is None:
        return Status(404, ErrorOut(detail=NO_ACTIVITY))
    try:
        activity_remove(actor=request.user, activity=activity, version=payload.version)
    except PermissionDenied:
        return Status(403, ErrorOut(detail=READ_ONLY))
    except StaleJobPlan as stale:
        return Status(409, ErrorOut(detail=stale.message))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The activity was not removed", invalid))
    return _answer(request, plan)


@router.post(
    "/job-plans/{int:job_plan_id}/status",
    response={200: JobPlanDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Move a job plan on (or back) in its sign-off",
    description="`discuss` (draft to discussed) and `agree` (discussed to agreed) by the "
    "department's clinical director or service manager; `sign` (agreed to signed off) by "
    "its clinical director only; `reopen` takes it back to a draft. A plan of 0 PAs is "
    "not agreed or signed (422).",
)
def move_job_plan(
    request: AuthenticatedHttpRequest, job_plan_id: int, payload: StatusIn
) -> Status[object]:
    plan = selectors.visible_job_plan(request.user, job_plan_id)
    if plan is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        STATUS_MOVES[payload.move](
            actor=request.user, job_plan=plan, version=payload.version, note=payload.note
        )
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except StaleJobPlan as stale:
        return Status(409, ErrorOut(detail=stale.message))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The job plan's status was not changed", invalid))
    return _answer(request, plan)


@router.post(
    "/job-plans/{int:job_plan_id}/comments",
    response={201: CommentOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Comment on a job plan",
)
def add_comment(
    request: AuthenticatedHttpRequest, job_plan_id: int, payload: CommentIn
) -> Status[object]:
    plan = selectors.visible_job_plan(request.user, job_plan_id)
    if plan is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        event = comment_add(actor=request.user, job_plan=plan, text=payload.text)
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The comment was not added", invalid))
    return Status(201, {"job_plan_id": plan.pk, "event": event_out(event)})


@router.put(
    "/job-plans/{int:job_plan_id}/on-call",
    response={200: JobPlanDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Set the job plan's on-call",
    description="One in `one_in` weeks, category A or B, with its predictable and "
    "unpredictable hours a week on average. By those who may change the plan's "
    "activities; refused (422) for a signed-off plan; 409 when the plan changed since "
    "`version`.",
)
def set_on_call(
    request: AuthenticatedHttpRequest, job_plan_id: int, payload: OnCallIn
) -> Status[object]:
    plan = selectors.visible_job_plan(request.user, job_plan_id)
    if plan is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        on_call_set(
            actor=request.user,
            job_plan=plan,
            version=payload.version,
            one_in=payload.one_in,
            category=payload.category,
            predictable_hours=payload.predictable_hours,
            unpredictable_hours=payload.unpredictable_hours,
        )
    except PermissionDenied:
        return Status(403, ErrorOut(detail=READ_ONLY))
    except StaleJobPlan as stale:
        return Status(409, ErrorOut(detail=stale.message))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The on-call was not saved", invalid))
    return _answer(request, plan)


@router.delete(
    "/job-plans/{int:job_plan_id}/on-call",
    response={200: JobPlanDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Take the on-call off the job plan",
    description="`version` is the plan's version as you read it (409 if it changed). A plan "
    "with no on-call is answered as it is.",
)
def clear_on_call(
    request: AuthenticatedHttpRequest, job_plan_id: int, query: Query[OnCallClearQuery]
) -> Status[object]:
    plan = selectors.visible_job_plan(request.user, job_plan_id)
    if plan is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        on_call_clear(actor=request.user, job_plan=plan, version=query.version)
    except PermissionDenied:
        return Status(403, ErrorOut(detail=READ_ONLY))
    except StaleJobPlan as stale:
        return Status(409, ErrorOut(detail=stale.message))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The on-call was not taken off", invalid))
    return _answer(request, plan)


def policy_out(policy: JobPlanPolicy) -> PolicyOut:
    return PolicyOut(
        department_id=policy.department_id,
        minimum_spa=policy.minimum_spa,
        version=policy.version,
    )


@router.get(
    "/departments/{int:department_id}/job-plan-policy",
    response={200: PolicyOut, 404: ErrorOut},
    summary="The SPA the department asks of a full-time job plan",
    description="The default (1.5 PAs, version 1) until the department sets its own.",
)
def get_job_plan_policy(request: AuthenticatedHttpRequest, department_id: int) -> Status[object]:
    department = selectors.visible_department(request.user, department_id)
    if department is None:
        return Status(404, ErrorOut(detail=NO_DEPARTMENT))
    return Status(200, policy_out(selectors.policy_of(department)))


@router.put(
    "/departments/{int:department_id}/job-plan-policy",
    response={200: PolicyOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Set the SPA the department asks of a full-time job plan",
    description="By the department's clinical director or service manager, or medical "
    "staffing; others who read it are refused (403). 409 when it changed since `version`.",
)
def set_job_plan_policy(
    request: AuthenticatedHttpRequest, department_id: int, payload: PolicyIn
) -> Status[object]:
    department = selectors.visible_department(request.user, department_id)
    if department is None:
        return Status(404, ErrorOut(detail=NO_DEPARTMENT))
    try:
        policy = job_plan_policy_change(
            actor=request.user,
            department=department,
            minimum_spa=payload.minimum_spa,
            version=payload.version,
        )
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except StaleJobPlan as stale:
        return Status(409, ErrorOut(detail=stale.message))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The job plan policy was not saved", invalid))
    return Status(200, policy_out(policy))
