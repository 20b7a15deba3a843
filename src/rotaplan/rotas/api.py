"""Rotas over the API: read a rota with its assignments, and add an assignment to a draft."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, FieldErrorOut, validation_error_out
from rotaplan.engine.clock import local_datetime, to_london
from rotaplan.people import access
from rotaplan.people.access import AnyUser, AuthenticatedHttpRequest
from rotaplan.people.models import Doctor

from .editing import breach_record
from .models import Assignment, Rota, RotaStatus, ShiftType
from .selectors import visible_rota
from .services import EditCreatesBreaches, RotaChanged, assignment_create
from .shift_import import RotaNotDraft

router = Router(tags=["rotas"])


class AssignmentOut(Schema):
    id: int
    doctor_id: int
    shift_code: str
    date: date
    start: datetime = Field(description="ISO 8601 with the UK offset, e.g. +01:00 in summer")
    end: datetime

    @staticmethod
    def resolve_shift_code(assignment: Assignment) -> str:
        return assignment.shift_type.code

    @staticmethod
    def resolve_start(assignment: Assignment) -> datetime:
        return to_london(assignment.start)

    @staticmethod
    def resolve_end(assignment: Assignment) -> datetime:
        return to_london(assignment.end)


class RotaOut(Schema):
    id: int
    name: str
    department_id: int
    period_start: date
    period_end: date
    status: RotaStatus
    version: int
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_assignments(rota: Rota) -> list[Assignment]:
        return list(rota.assignments.select_related("shift_type").order_by("start", "doctor_id"))


class AssignmentIn(Schema):
    doctor_id: int
    shift_code: str = Field(description="A shift type code of the rota's department, e.g. N")
    date: date
    start: datetime | None = Field(
        None,
        description="Local (UK) time such as 2026-08-03T08:00; with end, overrides the "
        "shift type's times. An explicit offset is respected.",
    )
    end: datetime | None = Field(None, description="Local (UK) time; see start")
    reason: str = Field(
        "",
        description="Why the shift is added although it breaks the rules. Needed only when "
        "it does (the answer is then 409 with the breaches); recorded with them.",
        max_length=2000,
    )
    version: int | None = Field(
        None,
        description="The rota's version as you read it; if it has moved on, nothing is saved "
        "(409). Leave it out to add the shift to the rota as it is.",
    )


class BreachOut(Schema):
    rule: str = Field(description="The rule's id, e.g. rest-after-nights")
    doctor: str = Field(description="The doctor's id")
    start: datetime = Field(description="Where the breach starts, with the UK offset")
    end: datetime
    value: float = Field(description="In the rule's own unit: hours, shifts, weekends")
    limit: float
    message: str = Field(description="The breach in a coordinator's words")


class BreachesOut(ErrorOut):
    """409 for an edit that would break the rules: nothing was saved. Send the request
    again with a ``reason`` to save it anyway; the override is recorded."""

    breaches: list[BreachOut] = []


# Model fields named as the request names them.
REQUEST_FIELDS = {"doctor": "doctor_id", "shift_type": "shift_code"}


def rota_in_scope(user: AnyUser, rota_id: int) -> Rota | None:
    """The rota if the user may see it; otherwise ``None``, whether or not it exists."""
    return visible_rota(user, rota_id)


def london(moment: datetime | None) -> datetime | None:
    """A time without an offset is UK wall-clock time, as a rota is written."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return local_datetime(moment.date(), moment.time())


@router.get(
    "/{int:rota_id}",
    response={200: RotaOut, 404: ErrorOut},
    summary="A rota with all its assignments",
)
def get_rota(request: AuthenticatedHttpRequest, rota_id: int) -> Status[Rota] | Status[ErrorOut]:
    rota = rota_in_scope(request.user, rota_id)
    if rota is None:
        return Status(404, ErrorOut(detail="No rota you may see has this id"))
    return Status(200, rota)


@router.post(
    "/{int:rota_id}/assignments",
    response={201: AssignmentOut, 403: ErrorOut, 404: ErrorOut, 409: BreachesOut, 422: ErrorOut},
    summary="Put a doctor on a shift",
    description="Only a draft rota takes a new shift: a published one answers 409, as does "
    "one whose version has moved on from the `version` sent. A shift "
    "that would create a breach of the rules is not saved without a `reason`: the answer is "
    "409 with `breaches` (rule, doctor, start, end, value, limit, message). Sent again with "
    "a `reason`, it is saved (201) and the reason recorded with the breaches.",
)
def create_assignment(
    request: AuthenticatedHttpRequest, rota_id: int, payload: AssignmentIn
) -> Status[Assignment] | Status[ErrorOut] | Status[BreachesOut]:
    rota = rota_in_scope(request.user, rota_id)
    if rota is None:
        return Status(404, ErrorOut(detail="No rota you may see has this id"))
    if not access.can_edit_department_rotas(request.user, rota.department_id):
        return Status(403, ErrorOut(detail="You may see this rota but not change it"))
    doctor = Doctor.objects.filter(pk=payload.doctor_id).first()
    shift_type = ShiftType.objects.filter(
        department_id=rota.department_id, code=payload.shift_code
    ).first()
    missing = []
    if doctor is None:
        missing.append(FieldErrorOut(field="doctor_id", message="There is no doctor with this id"))
    if shift_type is None:
        missing.append(
            FieldErrorOut(
                field="shift_code", message=f"The department has no shift {payload.shift_code}"
            )
        )
    if doctor is None or shift_type is None:
        return Status(422, ErrorOut(detail="The assignment was not created", errors=missing))
    try:
        assignment = assignment_create(
            actor=request.user,
            rota=rota,
            doctor=doctor,
            shift_type=shift_type,
            date=payload.date,
            start=london(payload.start),
            end=london(payload.end),
            reason=payload.reason,
            version=payload.version,
        )
    except PermissionDenied:
        return Status(403, ErrorOut(detail="You may see this rota but not change it"))
    except (RotaNotDraft, RotaChanged) as refused:
        return Status(409, BreachesOut(detail=refused.message))
    except EditCreatesBreaches as breaking:
        count = len(breaking.breaches)
        return Status(
            409,
            BreachesOut(
                detail=f"This shift would break the rules ({count} "
                f"{'breach' if count == 1 else 'breaches'}); it was not saved. Send it again "
                "with a reason to save it anyway.",
                breaches=[BreachOut(**breach_record(b)) for b in breaking.breaches],
            ),
        )
    except ValidationError as invalid:
        return Status(
            422, validation_error_out("The assignment was not created", invalid, REQUEST_FIELDS)
        )
    return Status(201, assignment)
