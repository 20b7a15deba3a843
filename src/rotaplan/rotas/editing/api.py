"""``POST /api/rotas/{id}/assignments`` and ``DELETE /api/rotas/{id}/assignments/{id}``: a
doctor put on or taken off a shift of a draft rota, checked against the rules as on the
page."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, FieldErrorOut, validation_error_out
from rotaplan.engine.clock import local_datetime
from rotaplan.engine.formats.json_reading import quoted
from rotaplan.people.access import AuthenticatedHttpRequest

from ..models import Assignment
from ..refusals import RotaChanged, RotaNotDraft
from ..schemas import AssignmentOut, BreachesOut, BreachOut
from ..selectors import editable_rota
from .breaches import EditCreatesBreaches, breach_record
from .selectors import assignable_doctor, rota_assignment, shift_type_with_code
from .services import UNKNOWN_DOCTOR, ShiftAlreadyRemoved, assignment_create, assignment_remove

router = Router(tags=["rotas"])

NOT_FOUND = "No rota you may see has this id"
NOT_YOURS = "You may see this rota but not change it"


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


# Model fields named as the request names them.
REQUEST_FIELDS = {"doctor": "doctor_id", "shift_type": "shift_code"}


def london(moment: datetime | None) -> datetime | None:
    """A time without an offset is UK wall-clock time, as a rota is written."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return local_datetime(moment.date(), moment.time())


def breaking_out(breaking: EditCreatesBreaches, change: str = "shift") -> BreachesOut:
    count = len(breaking.breaches)
    return BreachesOut(
        detail=f"This {change} would break the rules ({count} "
        f"{'breach' if count == 1 else 'breaches'}); it was not saved. Send it again "
        "with a reason to save it anyway.",
        breaches=[BreachOut(**breach_record(b)) for b in breaking.breaches],
    )


@router.post(
    "/{int:rota_id}/assignments",
    response={201: AssignmentOut, 403: ErrorOut, 404: ErrorOut, 409: BreachesOut, 422: ErrorOut},
    # As before the rotas endpoints moved into their areas, so clients keep their names.
    operation_id="rotaplan_rotas_api_create_assignment",
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
    try:
        rota = editable_rota(request.user, rota_id)
    except PermissionDenied:
        return Status(403, ErrorOut(detail=NOT_YOURS))
    if rota is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    doctor = assignable_doctor(request.user, payload.doctor_id)
    shift_type = shift_type_with_code(rota.department_id, payload.shift_code)
    missing = []
    if doctor is None:
        missing.append(FieldErrorOut(field="doctor_id", message=UNKNOWN_DOCTOR))
    if shift_type is None:
        missing.append(
            FieldErrorOut(
                field="shift_code",
                message=f"The department has no shift {quoted(payload.shift_code)}",
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
        return Status(403, ErrorOut(detail=NOT_YOURS))
    except (RotaNotDraft, RotaChanged) as refused:
        return Status(409, BreachesOut(detail=refused.message))
    except EditCreatesBreaches as breaking:
        return Status(409, breaking_out(breaking))
    except ValidationError as invalid:
        return Status(
            422, validation_error_out("The assignment was not created", invalid, REQUEST_FIELDS)
        )
    return Status(201, assignment)


class RemovalIn(Schema):
    version: int | None = Field(
        None,
        description="The rota's version as you read it; if it has moved on, nothing is "
        "removed (409). Leave it out to remove the shift from the rota as it is.",
    )
    reason: str = Field(
        "",
        description="Why the shift is removed although that breaks the rules. Needed only "
        "when it does (the answer is then 409 with the breaches); recorded with them.",
        max_length=2000,
    )


NO_SHIFT = "No shift on this rota has this id: it may have been removed already"


@router.api_operation(
    ["DELETE"],
    "/{int:rota_id}/assignments/{int:assignment_id}",
    response={204: None, 403: ErrorOut, 404: ErrorOut, 409: BreachesOut},
    summary="Take a doctor off a shift",
    description="Only a draft rota loses a shift. A removal that would create a breach of "
    "the rules (the middle night of three taken out leaves too little rest after the "
    "first) answers 409 with `breaches` unless a `reason` is given. A shift already removed, "
    "by someone else at the same moment too, answers 404.",
)
def remove_assignment(
    request: AuthenticatedHttpRequest, rota_id: int, assignment_id: int, query: Query[RemovalIn]
) -> Status[None] | Status[ErrorOut] | Status[BreachesOut]:
    try:
        rota = editable_rota(request.user, rota_id)
    except PermissionDenied:
        return Status(403, ErrorOut(detail=NOT_YOURS))
    if rota is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    assignment = rota_assignment(rota, assignment_id)
    if assignment is None:
        return Status(404, ErrorOut(detail=NO_SHIFT))
    try:
        assignment_remove(
            actor=request.user, assignment=assignment, reason=query.reason, version=query.version
        )
    except PermissionDenied:
        return Status(403, ErrorOut(detail=NOT_YOURS))
    except ShiftAlreadyRemoved as gone:
        return Status(404, ErrorOut(detail=gone.message))
    except (RotaNotDraft, RotaChanged) as refused:
        return Status(409, BreachesOut(detail=refused.message))
    except EditCreatesBreaches as breaking:
        return Status(409, breaking_out(breaking, "removal"))
    return Status(204, None)
