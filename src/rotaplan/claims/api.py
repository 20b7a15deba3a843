"""Claims over the API, with the pages' permissions: a doctor makes and reads their own;
a department's coordinator (and medical staffing) reads and decides the department's; a
claim anyone else asks for is not found (404)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, validation_error_out
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.people.models import Doctor

from . import selectors
from .models import Claim, ClaimStatus, ExpenseCategory
from .services import AlreadyDecided, claim_decide, expense_claim, extra_duty_claim

router = Router(tags=["claims"])

NOT_FOUND = "Not found."
NOT_A_DOCTOR = "Only a doctor makes claims, for themself"


class ClaimOut(Schema):
    id: int
    kind: str = Field(description="extra_duty or expense")
    doctor_id: int
    department_id: int
    assignment_id: int | None
    shift_date: date | None
    hours: Decimal | None
    expense_date: date | None
    category: str
    amount_pence: int | None
    description: str
    status: str = Field(description="waiting, approved or rejected")
    created: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str
    version: int

    @staticmethod
    def resolve_shift_date(claim: Claim) -> date | None:
        return claim.assignment.date if claim.assignment else None

    @staticmethod
    def resolve_decided_by(claim: Claim) -> str | None:
        user = claim.decided_by
        return user.display_name if user else None


class ExtraDutyIn(Schema):
    assignment_id: int = Field(description="A shift of yours on a published rota, ended")
    hours: Decimal = Field(gt=0, le=24, decimal_places=2)
    note: str = Field("", max_length=500)


class ExpenseIn(Schema):
    date: date
    category: ExpenseCategory
    amount_pence: int = Field(gt=0, le=1_000_000, description="In pence: £12.50 is 1250")
    description: str = Field(min_length=1, max_length=500)


class DecisionIn(Schema):
    decision: Literal["approve", "reject"]
    reason: str = Field("", max_length=500, description="Needed to reject")
    version: int | None = Field(None, description="The claim's version as you read it")


def _doctor(request: AuthenticatedHttpRequest) -> Doctor | None:
    return request.user.doctor if request.user.doctor_id else None


@router.post(
    "/claims/extra-duty",
    response={201: ClaimOut, 404: ErrorOut, 422: ErrorOut},
    summary="Claim extra duty for a shift you worked",
    description="For a shift of yours on a published rota that has ended, claimed once "
    "(422 on `assignment_id` otherwise). 404 to a user who is not a doctor.",
)
def claim_extra_duty(request: AuthenticatedHttpRequest, payload: ExtraDutyIn) -> Status[object]:
    doctor = _doctor(request)
    if doctor is None:
        return Status(404, ErrorOut(detail=NOT_A_DOCTOR))
    assignment = selectors.doctor_assignment(payload.assignment_id)
    if assignment is None:
        invalid = ValidationError(
            {"assignment": "Choose a shift of yours on a published rota that has ended"}
        )
        return Status(
            422,
            validation_error_out(
                "The claim was not made", invalid, {"assignment": "assignment_id"}
            ),
        )
    try:
        claim = extra_duty_claim(
            actor=request.user,
            doctor=doctor,
            assignment=assignment,
            hours=payload.hours,
            note=payload.note,
        )
    except ValidationError as invalid:
        return Status(
            422,
            validation_error_out(
                "The claim was not made", invalid, {"assignment": "assignment_id"}
            ),
        )
    return Status(201, claim)


@router.post(
    "/claims/expenses",
    response={201: ClaimOut, 404: ErrorOut, 422: ErrorOut},
    summary="Claim an expense",
    description="404 to a user who is not a doctor.",
)
def claim_expense(request: AuthenticatedHttpRequest, payload: ExpenseIn) -> Status[object]:
    doctor = _doctor(request)
    if doctor is None:
        return Status(404, ErrorOut(detail=NOT_A_DOCTOR))
    try:
        claim = expense_claim(
            actor=request.user,
            doctor=doctor,
            expense_date=payload.date,
            category=payload.category.value,
            amount_pence=payload.amount_pence,
            description=payload.description,
        )
    except ValidationError as invalid:
        return Status(
            422, validation_error_out("The claim was not made", invalid, {"expense_date": "date"})
        )
    return Status(201, claim)


class ClaimQuery(Schema):
    status: ClaimStatus | None = None


@router.get(
    "/claims",
    response={200: list[ClaimOut]},
    summary="Claims you may see",
    description="A doctor's own; a coordinator's departments' too; medical staffing every "
    "claim. Filter by `status` (waiting, approved, rejected).",
)
def list_claims(request: AuthenticatedHttpRequest, query: Query[ClaimQuery]) -> Status[object]:
    return Status(
        200, selectors.visible_claims(request.user, query.status.value if query.status else None)
    )


@router.get(
    "/claims/{int:claim_id}",
    response={200: ClaimOut, 404: ErrorOut},
    summary="One claim",
)
def get_claim(request: AuthenticatedHttpRequest, claim_id: int) -> Status[object]:
    claim = selectors.visible_claim(request.user, claim_id)
    if claim is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    return Status(200, claim)


@router.post(
    "/claims/{int:claim_id}/decision",
    response={200: ClaimOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Approve or reject a claim",
    description="By the department's coordinator or medical staffing; the doctor is told. "
    "A claim decided already answers 409 saying by whom; the doctor deciding their own "
    "claim 403.",
)
def decide_claim(
    request: AuthenticatedHttpRequest, claim_id: int, payload: DecisionIn
) -> Status[object]:
    claim = selectors.visible_claim(request.user, claim_id)
    if claim is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        decided = claim_decide(
            actor=request.user,
            claim=claim,
            approve=payload.decision == "approve",
            reason=payload.reason,
            version=payload.version,
        )
    except PermissionDenied as refused:
        return Status(403, ErrorOut(detail=str(refused)))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The claim was not decided", invalid))
    except AlreadyDecided as late:
        return Status(409, ErrorOut(detail=late.message))
    return Status(200, decided)
