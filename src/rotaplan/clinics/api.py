"""Clinics over the API, with the pages' permissions: a department's templates (made by
hand or from a job plan, changed, retired), sessions, generation, changes and their
approval, the rebooking list, the notice window, and a doctor's own sessions. Anything
outside the user's departments is not found (404); a user who may read but not change is
refused (403); a stale version or a change decided already 409; field errors 422, naming
the field."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, validation_error_out
from rotaplan.audit.services import read_record
from rotaplan.jobplans.selectors import visible_job_plan
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.people.models import Competency, Doctor

from . import selectors
from .models import (
    ChangeAction,
    ClinicPolicy,
    ClinicSession,
    ClinicTemplate,
    RebookingEntry,
    SessionChange,
    SessionStatus,
    SlotType,
)
from .schedule import Slot, nhs_number_text
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

router = Router(tags=["clinics"])

NOT_FOUND = "Not found."
NOT_YOUR_CLINICS = "You do not manage this department's clinics"
SESSIONS_WEEKS = 4  # what the department's sessions page shows, from today
MINE_WEEKS = 8  # what the "Your clinics" page shows, from today
MOST_DAYS_LISTED = 400
BAD_RANGE = "Give an end on or after the start, a year at most"


def _period(start: date | None, end: date | None, weeks: int) -> tuple[date, date] | None:
    """From ``start`` (today) to ``end`` (``weeks`` on), or None for an end before the
    start or more than a year after it. The dates are optional, as on the pages, so a
    department or doctor that is not there is a 404 whatever the query holds."""
    first = start or timezone.localdate()
    last = end or first + timedelta(weeks=weeks)
    if last < first or (last - first).days > MOST_DAYS_LISTED:
        return None
    return first, last


class SlotIO(Schema):
    slot_type: SlotType
    minutes: int = Field(description="Length of each slot; more than 0")
    count: int = Field(description="How many slots of this run; more than 0")


class TemplateOut(Schema):
    id: int
    department_id: int
    clinician_id: int
    clinician: str
    name: str
    weekday: int = Field(description="0 is Monday")
    start: time
    end: time
    every_weeks: int
    valid_from: date
    valid_to: date | None
    location: str
    active: bool
    slots: list[SlotIO]
    skills: list[str] = Field(description="Competency codes a backfilling clinician must hold")
    version: int

    @staticmethod
    def resolve_clinician(template: ClinicTemplate) -> str:
        return str(template.clinician)

    @staticmethod
    def resolve_slots(template: ClinicTemplate) -> list[dict[str, object]]:
        return [
            {"slot_type": s.slot_type, "minutes": s.minutes, "count": s.count}
            for s in template.slots.all()
        ]

    @staticmethod
    def resolve_skills(template: ClinicTemplate) -> list[str]:
        return [s.code for s in template.skills.all()]


class TemplateIn(Schema):
    clinician_id: int
    name: str = Field(max_length=100)
    weekday: int = Field(ge=0, le=6)
    start: time
    end: time
    every_weeks: int = Field(1, ge=1, le=52)
    valid_from: date
    valid_to: date | None = None
    location: str = Field("", max_length=100)
    slots: list[SlotIO]
    skills: list[str] | None = Field(
        None,
        max_length=50,
        description="Competency codes a backfilling clinician must hold; left out, none "
        "when adding and as they are when changing",
    )


class TemplateChangeIn(TemplateIn):
    """The whole template as it should be (its skills as they are unless given)."""

    version: int = Field(description="The template's version as you read it")


class VersionIn(Schema):
    version: int = Field(description="The record's version as you read it")


class FromJobPlanOut(Schema):
    created: list[TemplateOut] = Field(
        description="One template for each clinic of the plan that had none, with the "
        "default slot mix to edit"
    )
    skipped: list[str] = Field(description="Clinics no template was made for, and why")


class PolicyOut(Schema):
    department_id: int
    notice_weeks: int = Field(
        description="A change to a session less than this many weeks ahead is short "
        "notice and needs a service manager's approval"
    )
    version: int


class PolicyIn(Schema):
    notice_weeks: int = Field(description="0 to 52 weeks")
    version: int = Field(
        description="The notice window's version as you read it (1 for a department that "
        "has set none)"
    )


class RebookedOut(Schema):
    id: int
    status: str = Field(description="rebooked: the patient has left the list")


class MineQuery(Schema):
    start: date | None = Field(None, description="Today if not given")
    end: date | None = Field(None, description="8 weeks after the start if not given")


class SessionOut(Schema):
    id: int
    template_id: int
    name: str
    date: date
    start: datetime
    end: datetime
    clinician_id: int
    clinician: str
    location: str
    status: str = Field(description="planned, away, awaiting, cancelled, reduced or backfilled")
    slots_planned: int
    slots_kept: int
    booked: int
    version: int

    @staticmethod
    def resolve_name(session: ClinicSession) -> str:
        return session.template.name

    @staticmethod
    def resolve_clinician(session: ClinicSession) -> str:
        return str(session.clinician)


class SessionQuery(Schema):
    start: date | None = Field(None, description="Today if not given")
    end: date | None = Field(None, description="4 weeks after the start if not given")
    status: SessionStatus | None = None


class GenerateIn(Schema):
    start: date
    end: date


class GeneratedOut(Schema):
    created: int
    already: int
    away: int
    bank_holidays: list[date]
    message: str


class ChangeIn(Schema):
    action: ChangeAction
    slots_kept: int | None = Field(None, description="For reduce: slots to keep")
    backfill_clinician_id: int | None = Field(None, description="For backfill")
    reason: str = Field("", max_length=300)
    version: int | None = Field(None, description="The session's version as you read it")


class ChangeOut(Schema):
    id: int
    session_id: int
    action: str
    slots_kept: int
    backfill_clinician_id: int | None
    reason: str
    short_notice: bool
    status: str = Field(description="awaiting, applied or refused")
    proposed_by: str | None
    proposed_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str

    @staticmethod
    def resolve_proposed_by(change: SessionChange) -> str | None:
        return change.proposed_by.display_name if change.proposed_by else None

    @staticmethod
    def resolve_decided_by(change: SessionChange) -> str | None:
        return change.decided_by.display_name if change.decided_by else None


class DecisionIn(Schema):
    decision: Literal["approve", "refuse"]
    reason: str = Field("", max_length=300, description="Needed to refuse")
    version: int | None = Field(None, description="The session's version as you read it")


class RebookingOut(Schema):
    id: int
    patient_name: str
    nhs_number: str = Field(description="As written: 943 476 5919")
    appointment_start: datetime
    slot_type: str
    clinic: str
    reason: str
    added_at: datetime

    @staticmethod
    def resolve_patient_name(entry: RebookingEntry) -> str:
        return entry.appointment.patient_name

    @staticmethod
    def resolve_nhs_number(entry: RebookingEntry) -> str:
        return nhs_number_text(entry.appointment.nhs_number)

    @staticmethod
    def resolve_appointment_start(entry: RebookingEntry) -> datetime:
        return entry.appointment.start

    @staticmethod
    def resolve_slot_type(entry: RebookingEntry) -> str:
        return entry.appointment.slot_type

    @staticmethod
    def resolve_clinic(entry: RebookingEntry) -> str:
        return entry.appointment.session.template.name


@router.get(
    "/clinics/departments/{int:department_id}/templates",
    response={200: list[TemplateOut], 404: ErrorOut},
    summary="A department's clinic templates",
)
def list_templates(request: AuthenticatedHttpRequest, department_id: int) -> Status[object]:
    department = selectors.visible_department(request.user, department_id)
    if department is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    return Status(200, selectors.department_templates(department))


@router.post(
    "/clinics/departments/{int:department_id}/templates",
    response={201: TemplateOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Add a clinic template",
    description="By the department's rota coordinator or a trust-wide role. Slots must have "
    "a length and a count and fit in the clinic's time (422 on `slots`, naming the row).",
)
def create_template(
    request: AuthenticatedHttpRequest, department_id: int, payload: TemplateIn
) -> Status[object]:
    department = selectors.visible_department(request.user, department_id)
    if department is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    clinician = selectors.department_clinicians(department).filter(pk=payload.clinician_id).first()
    if clinician is None:
        invalid = ValidationError({"clinician_id": f"Choose a clinician of {department.name}"})
        return Status(422, validation_error_out("The template was not added", invalid))
    skills, unknown = selectors.skills_named(payload.skills or [])
    if unknown:
        return Status(422, validation_error_out("The template was not added", _unknown(unknown)))
    try:
        template = template_create(
            actor=request.user, department=department, fields=_fields(payload, clinician, skills)
        )
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except ValidationError as invalid:
        return Status(
            422,
            validation_error_out(
                "The template was not added", invalid, {"clinician": "clinician_id"}
            ),
        )
    return Status(201, selectors.template_of(template.pk))


@router.get(
    "/clinics/templates/{int:template_id}",
    response={200: TemplateOut, 404: ErrorOut},
    summary="One clinic template",
)
def get_template(request: AuthenticatedHttpRequest, template_id: int) -> Status[object]:
    template = selectors.visible_template(request.user, template_id)
    if template is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    return Status(200, template)


@router.get(
    "/clinics/departments/{int:department_id}/sessions",
    response={200: list[SessionOut], 404: ErrorOut, 422: ErrorOut},
    summary="A department's clinic sessions from start to end",
)
def list_sessions(
    request: AuthenticatedHttpRequest, department_id: int, query: Query[SessionQuery]
) -> Status[object]:
    department = selectors.visible_department(request.user, department_id)
    if department is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    period = _period(query.start, query.end, SESSIONS_WEEKS)
    if period is None:
        invalid = ValidationError({"end": BAD_RANGE})
        return Status(422, validation_error_out("The sessions were not listed", invalid))
    status = query.status.value if query.status else None
    return Status(200, selectors.department_sessions(department, *period, status=status))


@router.get(
    "/clinics/sessions/{int:session_id}",
    response={200: SessionOut, 404: ErrorOut},
    summary="One clinic session",
)
def get_session(request: AuthenticatedHttpRequest, session_id: int) -> Status[object]:
    session = selectors.visible_session(request.user, session_id)
    if session is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    return Status(200, session)


@router.post(
    "/clinics/departments/{int:department_id}/sessions/generate",
    response={200: GeneratedOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Generate a department's sessions from its templates",
    description="Bank holidays skipped; sessions already there kept; sessions of a "
    "clinician already away marked `away`.",
)
def generate_sessions(
    request: AuthenticatedHttpRequest, department_id: int, payload: GenerateIn
) -> Status[object]:
    department = selectors.visible_department(request.user, department_id)
    if department is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        made = sessions_generate(
            actor=request.user, department=department, start=payload.start, end=payload.end
        )
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except ValidationError as invalid:
        return Status(422, validation_error_out("No session was generated", invalid))
    return Status(
        200,
        GeneratedOut(
            created=made.created,
            already=made.already,
            away=made.away,
            bank_holidays=made.bank_holidays,
            message=made.words,
        ),
    )


@router.post(
    "/clinics/sessions/{int:session_id}/changes",
    response={201: ChangeOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Cancel, reduce or backfill a session",
    description="Inside the notice window the change is `awaiting` a service manager; "
    "otherwise `applied`. A stale `version`, or a change already waiting, answers 409.",
)
def propose_change(
    request: AuthenticatedHttpRequest, session_id: int, payload: ChangeIn
) -> Status[object]:
    session = selectors.visible_session(request.user, session_id)
    if session is None or not selectors.sees_clinics(request.user, session.template.department_id):
        return Status(404, ErrorOut(detail=NOT_FOUND))
    backfill = None
    if payload.backfill_clinician_id is not None:
        backfill = (
            selectors.department_clinicians(session.template.department)
            .filter(pk=payload.backfill_clinician_id)
            .first()
        )
        if backfill is None:
            invalid = ValidationError(
                {"backfill_clinician_id": "Choose a clinician of the clinic's department"}
            )
            return Status(422, validation_error_out("The session was not changed", invalid))
    try:
        change = session_change_propose(
            actor=request.user,
            session=session,
            action=payload.action.value,
            slots_kept=payload.slots_kept,
            backfill_clinician=backfill,
            reason=payload.reason,
            version=payload.version,
        )
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except Stale as stale:
        return Status(409, ErrorOut(detail=stale.message))
    except ValidationError as invalid:
        return Status(
            422,
            validation_error_out(
                "The session was not changed",
                invalid,
                {"backfill_clinician": "backfill_clinician_id"},
            ),
        )
    return Status(201, change)


@router.post(
    "/clinics/changes/{int:change_id}/decision",
    response={200: ChangeOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Approve or refuse a short-notice change",
    description="By a service manager of the department or a trust-wide role. A change "
    "decided already answers 409 saying by whom.",
)
def decide_change(
    request: AuthenticatedHttpRequest, change_id: int, payload: DecisionIn
) -> Status[object]:
    change = selectors.visible_change(request.user, change_id)
    if change is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        decided = session_change_decide(
            actor=request.user,
            change=change,
            approve=payload.decision == "approve",
            reason=payload.reason,
            version=payload.version,
        )
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except Stale as stale:
        return Status(409, ErrorOut(detail=stale.message))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The change was not decided", invalid))
    return Status(200, decided)


@router.get(
    "/clinics/departments/{int:department_id}/rebooking",
    response={200: list[RebookingOut], 404: ErrorOut},
    summary="Patients to rebook, oldest first",
    description="Patients' details: each read is recorded in the audit log.",
)
def list_rebooking(request: AuthenticatedHttpRequest, department_id: int) -> Status[object]:
    department = selectors.visible_department(request.user, department_id)
    if department is None or not selectors.sees_patients(request.user, department.pk):
        return Status(404, ErrorOut(detail=NOT_FOUND))
    entries = selectors.rebooking_entries(department)
    read_record(
        actor=request.user,
        subject=department,
        what=f"the rebooking list of {department.name} over the API: {len(entries)} patients",
    )
    return Status(200, entries)


def _unknown(codes: list[str]) -> ValidationError:
    return ValidationError({"skills": f"No competency has the code {', '.join(codes)}"})


def _fields(payload: TemplateIn, clinician: Doctor, skills: list[Competency]) -> TemplateFields:
    return TemplateFields(
        clinician=clinician,
        name=payload.name,
        weekday=payload.weekday,
        start=payload.start,
        end=payload.end,
        every_weeks=payload.every_weeks,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        location=payload.location,
        slots=[Slot(s.slot_type.value, s.minutes, s.count) for s in payload.slots],
        skills=skills,
    )


@router.put(
    "/clinics/templates/{int:template_id}",
    response={200: TemplateOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Change a clinic template",
    description="The whole template, as it is added, with the `version` you read (409 if it "
    "changed since). Sessions generated already keep their dates and slots; sessions "
    "generated from now on follow the change. Its skills are kept unless `skills` is "
    "given. By the department's rota coordinator or a trust-wide role; others who read "
    "it are refused (403).",
)
def change_template(
    request: AuthenticatedHttpRequest, template_id: int, payload: TemplateChangeIn
) -> Status[object]:
    template = selectors.visible_template(request.user, template_id)
    if template is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    department = template.department
    if not selectors.manages_clinics(request.user, department.pk):
        return Status(403, ErrorOut(detail=NOT_YOUR_CLINICS))
    clinician = selectors.department_clinicians(department).filter(pk=payload.clinician_id).first()
    if clinician is None:
        invalid = ValidationError({"clinician_id": f"Choose a clinician of {department.name}"})
        return Status(422, validation_error_out("The template was not changed", invalid))
    if payload.skills is None:
        skills = list(template.skills.all())
    else:
        skills, unknown = selectors.skills_named(payload.skills)
        if unknown:
            return Status(
                422, validation_error_out("The template was not changed", _unknown(unknown))
            )
    try:
        changed = template_change(
            actor=request.user,
            template=template,
            fields=_fields(payload, clinician, skills),
            version=payload.version,
        )
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except Stale as stale:
        return Status(409, ErrorOut(detail=stale.message))
    except ValidationError as invalid:
        return Status(
            422,
            validation_error_out(
                "The template was not changed", invalid, {"clinician": "clinician_id"}
            ),
        )
    return Status(200, selectors.template_of(changed.pk))


@router.post(
    "/clinics/templates/{int:template_id}/retire",
    response={200: TemplateOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Retire a clinic template",
    description="No more sessions are generated from it; those generated already stay, "
    "with their patients. 409 if it changed since `version`.",
)
def retire_template(
    request: AuthenticatedHttpRequest, template_id: int, payload: VersionIn
) -> Status[object]:
    template = selectors.visible_template(request.user, template_id)
    if template is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        retired = template_retire(actor=request.user, template=template, version=payload.version)
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except Stale as stale:
        return Status(409, ErrorOut(detail=stale.message))
    return Status(200, selectors.template_of(retired.pk))


@router.post(
    "/job-plans/{int:job_plan_id}/clinic-templates",
    response={200: FromJobPlanOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Make clinic templates from a job plan's clinics",
    description="A template for each clinic activity (direct clinical care) of the plan "
    "that has none, for the plan's year, with the default slot mix. A clinic that runs a "
    "number of weeks a year has no fixed pattern: it is skipped, saying so. By the "
    "department's rota coordinator or a trust-wide role; others who read the plan are "
    "refused (403). A plan whose year is outside the planning horizon is 422.",
)
def templates_from_plan(request: AuthenticatedHttpRequest, job_plan_id: int) -> Status[object]:
    plan = visible_job_plan(request.user, job_plan_id)
    if plan is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        made = templates_from_job_plan(actor=request.user, job_plan=plan)
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except ValidationError as invalid:
        return Status(422, validation_error_out("No template was made", invalid))
    return Status(
        200,
        {
            "created": [selectors.template_of(t.pk) for t in made.created],
            "skipped": made.skipped,
        },
    )


@router.post(
    "/clinics/rebooking/{int:entry_id}/rebooked",
    response={200: RebookedOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Mark a patient on the rebooking list as booked again",
    description="They leave the list. By the department's booking or rota coordinator or a "
    "trust-wide role; a service manager, who reads the list, is refused (403). 409 if the "
    "patient was marked already.",
)
def mark_rebooked(request: AuthenticatedHttpRequest, entry_id: int) -> Status[object]:
    entry = selectors.visible_rebooking_entry(request.user, entry_id)
    if entry is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        marked = rebooking_mark_rebooked(actor=request.user, entry=entry)
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except Stale as stale:
        return Status(409, ErrorOut(detail=stale.message))
    return Status(200, RebookedOut(id=marked.pk, status=marked.status))


def policy_out(policy: ClinicPolicy) -> PolicyOut:
    return PolicyOut(
        department_id=policy.department_id,
        notice_weeks=policy.notice_weeks,
        version=policy.version,
    )


@router.get(
    "/clinics/departments/{int:department_id}/notice",
    response={200: PolicyOut, 404: ErrorOut},
    summary="The department's notice window for clinic changes",
    description="6 weeks (version 1) until the department sets its own.",
)
def get_notice(request: AuthenticatedHttpRequest, department_id: int) -> Status[object]:
    department = selectors.visible_department(request.user, department_id)
    if department is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    return Status(200, policy_out(selectors.policy_of(department)))


@router.put(
    "/clinics/departments/{int:department_id}/notice",
    response={200: PolicyOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Set the department's notice window",
    description="By a service manager of the department or a trust-wide role; others who "
    "read it are refused (403). 409 if it changed since `version`.",
)
def set_notice(
    request: AuthenticatedHttpRequest, department_id: int, payload: PolicyIn
) -> Status[object]:
    department = selectors.visible_department(request.user, department_id)
    if department is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        policy = policy_change(
            actor=request.user,
            department=department,
            notice_weeks=payload.notice_weeks,
            version=payload.version,
        )
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except Stale as stale:
        return Status(409, ErrorOut(detail=stale.message))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The notice window was not saved", invalid))
    return Status(200, policy_out(policy))


@router.get(
    "/clinics/mine",
    response={200: list[SessionOut], 404: ErrorOut, 422: ErrorOut},
    summary="Your own clinic sessions",
    description="For a signed-in doctor: the sessions they run, and those of their templates "
    "(ones they are away from), from `start` (today) to `end` (8 weeks on), a year at "
    "most. No patient's details. 404 for a user who is not a doctor.",
)
def my_sessions(request: AuthenticatedHttpRequest, query: Query[MineQuery]) -> Status[object]:
    doctor = request.user.doctor
    if doctor is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    period = _period(query.start, query.end, MINE_WEEKS)
    if period is None:
        invalid = ValidationError({"end": BAD_RANGE})
        return Status(422, validation_error_out("Your sessions were not listed", invalid))
    return Status(200, selectors.own_sessions(doctor, *period))
