"""Leave over the API: asking for leave with its checks and impact, the coordinator's
decision, sickness and other absence and the return to work.

Who may, as on the pages: a doctor asks for, reads and withdraws their own leave; the
coordinators of the doctor's department (and medical staffing) read, decide and record;
service managers read their departments' leave. Anything else is "not found" (404).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, validation_error_out
from rotaplan.audit.services import list_read_record, read_record
from rotaplan.people.access import AuthenticatedHttpRequest

from .impact import Impact, leave_impact
from .models import LeaveRecord, LeaveStatus
from .presenters import leave_list_read, leave_read
from .selectors import (
    coordinated_doctor,
    decidable_leave,
    leave_days,
    leave_list_for,
    leave_warnings,
    requesting_doctor,
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

router = Router(tags=["leave"])

NOT_FOUND = "No leave you may see has this id"
NO_DOCTOR = "No doctor you may ask leave for has this id"
NO_COORDINATED_DOCTOR = "No doctor of a department you coordinate has this id"

# The selectors' REQUESTABLE_TYPES and ABSENCE_TYPES, as the schema lists them.
RequestableType = Literal[
    "annual", "study", "professional", "parental", "compassionate", "special", "unpaid"
]
AbsenceType = Literal["sick", "compassionate", "special", "unpaid"]


class LeaveOut(Schema):
    id: int
    doctor_id: int
    doctor: str
    department_id: int
    leave_type: str
    leave_type_name: str
    start: date
    end: date = Field(description="The last day away")
    working_days: int = Field(description="Weekdays that are not bank holidays")
    status: str
    note: str
    requested_at: datetime | None
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str
    expected_return: date | None = Field(description="Sickness and other absence only")
    actual_return: date | None
    return_note: str
    version: int

    @staticmethod
    def resolve_doctor(record: LeaveRecord) -> str:
        return str(record.doctor)

    @staticmethod
    def resolve_department_id(record: LeaveRecord) -> int:
        return record.doctor.department_id

    @staticmethod
    def resolve_leave_type_name(record: LeaveRecord) -> str:
        return record.get_leave_type_display()

    @staticmethod
    def resolve_working_days(record: LeaveRecord) -> int:
        return leave_days(record.start, record.end)

    @staticmethod
    def resolve_decided_by(record: LeaveRecord) -> str | None:
        user = record.decided_by
        return user.display_name if user else None


class ChecksOut(Schema):
    """What the coordinator weighs; none of it refuses the request."""

    notice: str | None = Field(description="Shorter notice than the department's period")
    staffing: list[str] = Field(description="Days minimum staffing would be broken")
    clashes: list[str] = Field(description="Nights and on-call on published rotas")
    warnings: list[str] = Field(description="All of the above, each in one line")


class CandidateOut(Schema):
    doctor_id: int
    doctor: str
    why: str


class ShortShiftOut(Schema):
    shift_type_code: str
    shift_type_name: str
    date: date
    on: int = Field(description="Doctors left on it")
    minimum: int
    candidates: list[CandidateOut] | None = Field(
        description="Who could cover it within every rule; null when not shown to the user"
    )


class ImpactOut(Schema):
    shifts_below_minimum: list[ShortShiftOut]
    staffing: list[str]
    clashes: list[str]
    other: list[str] = Field(description="Lines other areas add, such as clinics affected")


class LeaveAnswerOut(Schema):
    leave: LeaveOut
    checks: ChecksOut
    impact: ImpactOut | None = Field(
        description="What approving it would do; cover candidates are shown to coordinators"
    )


class LeaveRequestIn(Schema):
    doctor_id: int
    leave_type: RequestableType
    start: date
    end: date = Field(description="The last day away")
    note: str = Field("", max_length=200)


class DecisionIn(Schema):
    decision: Literal["approve", "decline"]
    reason: str = Field("", max_length=300, description="Needed to decline; the doctor is told")
    version: int | None = Field(None, description="The version read; a stale one is refused")


class AbsenceIn(Schema):
    doctor_id: int
    leave_type: AbsenceType
    start: date = Field(description="The first day away")
    expected_return: date = Field(description="The first day expected back at work")
    note: str = Field("", max_length=200)


class ReturnIn(Schema):
    actual_return: date = Field(description="The first day back at work")
    note: str = Field("", max_length=300, description="The return to work, in words")


class ReturnOut(Schema):
    leave: LeaveOut
    message: str


class LeaveFilters(Schema):
    status: LeaveStatus | None = None
    department: int | None = None


def checks_of(record: LeaveRecord) -> dict[str, object]:
    found = leave_warnings(
        record.doctor, record.start, record.end, timezone.localdate(record.requested_at)
    )
    return {
        "notice": found.notice,
        "staffing": found.staffing,
        "clashes": found.clashes,
        "warnings": found.lines,
    }


def impact_of(impact: Impact, *, with_candidates: bool) -> dict[str, object]:
    return {
        "shifts_below_minimum": [
            {
                "shift_type_code": item.short.code,
                "shift_type_name": item.short.name,
                "date": item.short.date,
                "on": item.short.on,
                "minimum": item.short.minimum,
                "candidates": [
                    {"doctor_id": c.doctor.pk, "doctor": str(c.doctor), "why": c.why}
                    for c in item.candidates
                ]
                if with_candidates
                else None,
            }
            for item in impact.shorts
        ],
        "staffing": impact.staffing,
        "clashes": impact.clashes,
        "other": impact.other,
    }


def answer_of(request: AuthenticatedHttpRequest, record: LeaveRecord) -> dict[str, object]:
    coordinator = decidable_leave(request.user, record.pk) is not None
    waiting = record.status == LeaveStatus.REQUESTED
    impact = leave_impact(doctor=record.doctor, start=record.start, end=record.end)
    return {
        "leave": record,
        "checks": checks_of(record),
        "impact": impact_of(impact, with_candidates=coordinator) if waiting else None,
    }


@router.post(
    "/leave-requests",
    response={201: LeaveAnswerOut, 404: ErrorOut, 422: ErrorOut},
    summary="Ask for leave",
    description="Refused (422, by field) when it ends before it starts, a year is out of "
    "range, it overlaps the doctor's leave, or annual leave exceeds the balance. Short "
    "notice, minimum staffing and clashes with nights and on-call are warnings in "
    "`checks`.",
)
def create_leave_request(
    request: AuthenticatedHttpRequest, payload: LeaveRequestIn
) -> Status[object]:
    doctor = requesting_doctor(request.user, payload.doctor_id)
    if doctor is None:
        return Status(404, ErrorOut(detail=NO_DOCTOR))
    try:
        record = leave_request(
            actor=request.user,
            doctor=doctor,
            leave_type=payload.leave_type,
            start=payload.start,
            end=payload.end,
            note=payload.note,
        )
    except PermissionDenied:
        return Status(404, ErrorOut(detail=NO_DOCTOR))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The leave was not asked for", invalid))
    return Status(201, answer_of(request, record))


@router.get(
    "/leave-requests",
    response={200: list[LeaveOut]},
    summary="Leave you may see",
    description="A doctor's own leave; for coordinators and service managers, their "
    "departments' leave, waiting for a decision first.",
)
def list_leave_requests(
    request: AuthenticatedHttpRequest, filters: Query[LeaveFilters]
) -> Status[object]:
    status = filters.status.value if filters.status else None
    records = leave_list_for(request.user, status=status, department_id=filters.department)
    list_read_record(
        actor=request.user,
        what=leave_list_read(records, "API"),
        doctor_ids=sorted({r.doctor_id for r in records}),
    )
    return Status(200, records)


@router.get(
    "/leave-requests/{int:leave_id}",
    response={200: LeaveAnswerOut, 404: ErrorOut},
    summary="One leave record with its checks",
)
def get_leave_request(request: AuthenticatedHttpRequest, leave_id: int) -> Status[object]:
    record = visible_leave(request.user, leave_id)
    if record is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    read_record(actor=request.user, subject=record.doctor, what=leave_read(record, "API"))
    return Status(200, answer_of(request, record))


@router.get(
    "/leave-requests/{int:leave_id}/impact",
    response={200: ImpactOut, 404: ErrorOut},
    summary="What approving the leave would do",
    description="Shifts left below their minimum with who could cover each, minimum "
    "staffing broken, clashes, and other areas' lines. For the department's coordinators.",
)
def get_leave_impact(request: AuthenticatedHttpRequest, leave_id: int) -> Status[object]:
    record = decidable_leave(request.user, leave_id)
    if record is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    read_record(actor=request.user, subject=record.doctor, what=leave_read(record, "API"))
    impact = leave_impact(doctor=record.doctor, start=record.start, end=record.end)
    return Status(200, impact_of(impact, with_candidates=True))


@router.post(
    "/leave-requests/{int:leave_id}/decision",
    response={200: LeaveOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Approve or decline leave",
    description="Approving takes the doctor's shifts on those days off every published "
    "rota and opens the gaps. A request already decided answers 409 saying who decided "
    "and how.",
)
def decide_leave_request(
    request: AuthenticatedHttpRequest, leave_id: int, payload: DecisionIn
) -> Status[object]:
    record = decidable_leave(request.user, leave_id)
    if record is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        decided = leave_decide(
            actor=request.user,
            record=record,
            approve=payload.decision == "approve",
            reason=payload.reason,
            version=payload.version,
        )
    except ValidationError as invalid:
        return Status(422, validation_error_out("Nothing was decided", invalid))
    except LeaveAlreadyDecided as refused:
        return Status(409, ErrorOut(detail=refused.message))
    return Status(200, decided)


@router.post(
    "/leave-requests/{int:leave_id}/withdraw",
    response={200: LeaveOut, 404: ErrorOut, 409: ErrorOut},
    summary="Withdraw a request before it is decided",
)
def withdraw_leave_request(request: AuthenticatedHttpRequest, leave_id: int) -> Status[object]:
    record = visible_leave(request.user, leave_id)
    if record is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        withdrawn = leave_withdraw(actor=request.user, record=record)
    except PermissionDenied:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    except LeaveAlreadyDecided as refused:
        return Status(409, ErrorOut(detail=refused.message))
    return Status(200, withdrawn)


@router.post(
    "/absences",
    response={201: LeaveOut, 404: ErrorOut, 422: ErrorOut},
    summary="Record sickness or another absence",
    description="Approved at once: the doctor's shifts on the days away come off every "
    "published rota and the gaps open.",
)
def create_absence(request: AuthenticatedHttpRequest, payload: AbsenceIn) -> Status[object]:
    doctor = coordinated_doctor(request.user, payload.doctor_id)
    if doctor is None:
        return Status(404, ErrorOut(detail=NO_COORDINATED_DOCTOR))
    try:
        record = absence_record(
            actor=request.user,
            doctor=doctor,
            leave_type=payload.leave_type,
            start=payload.start,
            expected_return=payload.expected_return,
            note=payload.note,
        )
    except ValidationError as invalid:
        return Status(422, validation_error_out("The absence was not recorded", invalid))
    return Status(201, record)


@router.post(
    "/absences/{int:leave_id}/return",
    response={200: ReturnOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Record the return to work",
    description="Earlier than expected, the absence's last day is brought in; shifts "
    "already taken off are not put back.",
)
def record_return(
    request: AuthenticatedHttpRequest, leave_id: int, payload: ReturnIn
) -> Status[object]:
    record = decidable_leave(request.user, leave_id)
    if record is None or record.expected_return is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        back, said = absence_return(
            actor=request.user,
            record=record,
            actual_return=payload.actual_return,
            note=payload.note,
        )
    except ValidationError as invalid:
        return Status(422, validation_error_out("The return was not recorded", invalid))
    except LeaveAlreadyDecided as refused:
        return Status(409, ErrorOut(detail=refused.message))
    return Status(200, {"leave": back, "message": said})
