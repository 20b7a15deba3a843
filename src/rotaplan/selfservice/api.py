"""Shift swaps and a doctor's own rota over the API, with the pages' permissions: a doctor
asks for, answers and withdraws their own swaps; the department's coordinators (and
medical staffing) decide them; anyone else is told nothing (404). A swap that breaks a
rule for either doctor is refused with 422 and the breach in words; a swap someone else
answered or decided first, or whose shift changed, with 409."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, FieldErrorOut, validation_error_out
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.rotas.horizon import earliest_day, latest_day

from .models import ShiftSwap, SwapStatus
from .presenters import shift_words
from .selectors import (
    colleague_for_swap,
    colleague_shift,
    decidable_swap,
    own_doctor,
    published_shifts,
    swap_list,
    swappable_shift,
    visible_swap,
)
from .services import SwapBreaksRules, SwapConflict, swap_answer, swap_decide, swap_request

router = Router(tags=["shift swaps"])

NOT_FOUND = "No swap you may see has this id"
NOT_A_DOCTOR = "Only a doctor has a rota of their own"
NO_SHIFT = "No shift of yours on a published rota has this id"


class SwapIn(Schema):
    assignment_id: int = Field(description="Your shift to swap")
    colleague_id: int = Field(description="The colleague asked")
    colleague_assignment_id: int | None = Field(
        None, description="Their shift you would work instead; null to give yours away"
    )
    note: str = Field("", max_length=300)


class AnswerIn(Schema):
    accept: bool


class DecisionIn(Schema):
    approve: bool
    reason: str = Field("", max_length=300, description="Needed to refuse")


class SwapOut(Schema):
    id: int
    status: SwapStatus
    rota_id: int
    requester_id: int
    assignment_id: int | None
    shift_code: str
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    colleague_id: int
    colleague_assignment_id: int | None
    colleague_shift_code: str | None
    colleague_date: dt.date | None
    note: str
    reason: str
    requested_at: dt.datetime
    answered_at: dt.datetime | None
    decided_at: dt.datetime | None
    version: int

    @staticmethod
    def resolve_shift_code(swap: ShiftSwap) -> str:
        return swap.shift_type.code

    @staticmethod
    def resolve_colleague_shift_code(swap: ShiftSwap) -> str | None:
        return swap.colleague_shift_type.code if swap.colleague_shift_type else None


class ShiftOut(Schema):
    assignment_id: int
    rota_id: int
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    code: str
    name: str
    words: str = Field(description='The shift in words, e.g. "N Night 20:00 to 08:30"')
    department: str


def _refused(detail: str, problems: list[str]) -> ErrorOut:
    return ErrorOut(detail=detail, errors=[FieldErrorOut(message=p) for p in problems])


@router.post(
    "/swaps",
    response={201: SwapOut, 404: ErrorOut, 422: ErrorOut},
    summary="Ask a colleague to swap one of your shifts",
    description="Both doctors are checked against the contract rules as the swap would "
    "leave them; a swap breaking a rule is refused with 422, each breach in words.",
)
def create_swap(request: AuthenticatedHttpRequest, payload: SwapIn) -> Status[object]:
    if own_doctor(request.user) is None:
        return Status(404, ErrorOut(detail=NOT_A_DOCTOR))
    shift = swappable_shift(request.user, payload.assignment_id, timezone.localdate())
    if shift is None:
        return Status(
            422,
            ErrorOut(
                detail="The swap was not asked for",
                errors=[FieldErrorOut(field="assignment_id", message=NO_SHIFT)],
            ),
        )
    colleague = colleague_for_swap(shift, payload.colleague_id)
    if colleague is None:
        return Status(
            422,
            ErrorOut(
                detail="The swap was not asked for",
                errors=[
                    FieldErrorOut(
                        field="colleague_id",
                        message="Choose a colleague of your grade group on the same rota",
                    )
                ],
            ),
        )
    theirs = None
    if payload.colleague_assignment_id is not None:
        theirs = colleague_shift(shift, colleague, payload.colleague_assignment_id)
        if theirs is None:
            return Status(
                422,
                ErrorOut(
                    detail="The swap was not asked for",
                    errors=[
                        FieldErrorOut(
                            field="colleague_assignment_id",
                            message=f"Choose a shift of {colleague} on the same rota",
                        )
                    ],
                ),
            )
    try:
        swap = swap_request(
            actor=request.user,
            assignment=shift,
            colleague=colleague,
            colleague_assignment=theirs,
            note=payload.note,
        )
    except ValidationError as invalid:
        return Status(
            422,
            validation_error_out(
                "The swap was not asked for",
                invalid,
                {
                    "assignment": "assignment_id",
                    "colleague": "colleague_id",
                    "colleague_assignment": "colleague_assignment_id",
                },
            ),
        )
    except SwapBreaksRules as breaking:
        return Status(422, _refused("The swap breaks the rules", breaking.problems))
    return Status(201, swap)


@router.get(
    "/swaps",
    response={200: list[SwapOut]},
    summary="Your swaps, and those of the departments you coordinate",
)
def list_swaps(
    request: AuthenticatedHttpRequest, status: SwapStatus | None = None
) -> Status[object]:
    return Status(200, swap_list(request.user, status=status))


@router.get(
    "/swaps/{int:swap_id}",
    response={200: SwapOut, 404: ErrorOut},
    summary="A swap",
)
def get_swap(request: AuthenticatedHttpRequest, swap_id: int) -> Status[object]:
    swap = visible_swap(request.user, swap_id)
    if swap is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    return Status(200, swap)


@router.post(
    "/swaps/{int:swap_id}/answer",
    response={200: SwapOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="The colleague accepts or declines a swap",
)
def answer_swap(
    request: AuthenticatedHttpRequest, swap_id: int, payload: AnswerIn
) -> Status[object]:
    swap = visible_swap(request.user, swap_id)
    if swap is None or swap.colleague_id != request.user.doctor_id:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        swap = swap_answer(actor=request.user, swap=swap, accept=payload.accept)
    except PermissionDenied:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    except SwapConflict as conflict:
        return Status(409, ErrorOut(detail=conflict.message))
    except SwapBreaksRules as breaking:
        return Status(422, _refused("The swap breaks the rules", breaking.problems))
    return Status(200, swap)


@router.post(
    "/swaps/{int:swap_id}/decision",
    response={200: SwapOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="The rota coordinator approves or refuses a swap",
    description="Approving changes the published rota as one new version and tells both "
    "doctors; refusing needs a reason.",
)
def decide_swap(
    request: AuthenticatedHttpRequest, swap_id: int, payload: DecisionIn
) -> Status[object]:
    swap = decidable_swap(request.user, swap_id)
    if swap is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        swap = swap_decide(
            actor=request.user, swap=swap, approve=payload.approve, reason=payload.reason
        )
    except PermissionDenied:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The decision was not saved", invalid))
    except SwapConflict as conflict:
        return Status(409, ErrorOut(detail=conflict.message))
    except SwapBreaksRules as breaking:
        return Status(422, _refused("The swap breaks the rules", breaking.problems))
    return Status(200, swap)


@router.get(
    "/me/rota",
    response={200: list[ShiftOut], 404: ErrorOut, 422: ErrorOut},
    summary="Your shifts on published rotas",
)
def my_rota(
    request: AuthenticatedHttpRequest,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Status[object]:
    doctor = own_doctor(request.user)
    if doctor is None:
        return Status(404, ErrorOut(detail=NOT_A_DOCTOR))
    today = timezone.localdate()
    first = start or today
    earliest, latest = earliest_day(today), latest_day(today)
    problems = [
        FieldErrorOut(
            field=name,
            message=f"Must be between {earliest.isoformat()} and {latest.isoformat()}.",
        )
        for name, day in (("start", start), ("end", end))
        if day is not None and not earliest <= day <= latest
    ]
    if end is not None and end < first:
        problems.append(FieldErrorOut(field="end", message="Must be on or after the start."))
    if problems:
        count = len(problems)
        return Status(
            422,
            ErrorOut(
                detail=f"The request has {count} problem{'' if count == 1 else 's'}.",
                errors=problems,
            ),
        )
    return Status(
        200,
        [
            ShiftOut(
                assignment_id=a.pk,
                rota_id=a.rota_id,
                date=a.date,
                start=a.start,
                end=a.end,
                code=a.shift_type.code,
                name=a.shift_type.name,
                words=shift_words(a),
                department=a.rota.department.name,
            )
            for a in published_shifts(doctor, first, end)
        ],
    )
