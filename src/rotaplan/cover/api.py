"""The gap register, cover candidates and offers over the API, with the pages'
permissions: a department's coordinators read and act on its gaps, its service managers
read them, medical staffing and administrators every department's; a doctor sees none but
answers the offers made to them. A gap or offer outside the user's scope is a 404, as one
that does not exist."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, FieldErrorOut, validation_error_out
from rotaplan.people.access import AuthenticatedHttpRequest

from .candidates import Candidate
from .forms import out_of_range
from .gap_page import candidates_for
from .models import CoverOffer, Gap, GapStatus
from .presenters import person
from .selectors import (
    GapFilter,
    coordinated_gap,
    department_doctors,
    gap_offers,
    gap_register,
    may_see_gaps,
    own_offer,
    visible_gap,
)
from .services import CannotTake, GapChanged, gap_offer, offer_answer

router = Router(tags=["cover"])

NO_GAP = "No gap you may see has this id"
NO_OFFER = "No offer to you has this id"
NOT_YOURS = "You may see this gap but not act on it: ask its department's rota coordinator"
NO_DOCTOR = "Choose doctors of the gap's department"


class OfferOut(Schema):
    id: int
    gap_id: int
    doctor_id: int
    doctor: str = Field(description='The doctor\'s name, "Dr Ada Patel"')
    status: str = Field(description="waiting, accepted, declined, taken or withdrawn")
    offered_at: datetime
    answered_at: datetime | None
    note: str

    @staticmethod
    def resolve_doctor(offer: CoverOffer) -> str:
        return str(offer.doctor)


class GapOut(Schema):
    id: int
    department_id: int
    department: str
    rota_id: int | None
    shift_type: str = Field(description="The shift type's code")
    shift_name: str
    date: date
    start: datetime
    end: datetime
    cause: str = Field(description="leave, sickness, absence, vacancy, shortfall or swap")
    reason: str
    status: str = Field(description="open, offered, filled_internally, bank, agency or cancelled")
    absent_doctor_id: int | None
    filled_by_id: int | None = Field(description="The doctor who filled it internally")
    cost_pence: int | None
    note: str
    dealt_with_by: str = Field(description="Who dealt with it last; empty for nobody yet")
    dealt_with_at: datetime | None
    version: int = Field(description="Raised by every change to the gap")

    @staticmethod
    def resolve_department(gap: Gap) -> str:
        return gap.department.name

    @staticmethod
    def resolve_shift_type(gap: Gap) -> str:
        return gap.shift_type.code

    @staticmethod
    def resolve_shift_name(gap: Gap) -> str:
        return gap.shift_type.name

    @staticmethod
    def resolve_dealt_with_by(gap: Gap) -> str:
        return person(gap.dealt_with_by)


class GapDetailOut(GapOut):
    offers: list[OfferOut] = Field(description="Every offer and its answer, newest first")

    @staticmethod
    def resolve_offers(gap: Gap) -> list[CoverOffer]:
        return gap_offers(gap)


class GapListOut(Schema):
    count: int = Field(description="Gaps matching the filters, on every page")
    gaps: list[GapOut]


class CandidateOut(Schema):
    doctor_id: int
    doctor: str
    grade: str
    wte: float
    extra_shifts: int = Field(description="Gaps they have filled on this rota so far")
    extra_shifts_per_wte: float
    rest_before_hours: float | None
    rest_after_hours: float | None
    why: str


class OffersIn(Schema):
    doctor_ids: list[int] = Field(min_length=1, max_length=50)
    note: str = Field("", max_length=300)


class GapQuery(Schema):
    department: int | None = Field(None, description="A department's id")
    status: GapStatus | None = None
    start: date | None = Field(None, alias="from", description="The first day, YYYY-MM-DD")
    end: date | None = Field(None, alias="to", description="The last day, YYYY-MM-DD")
    limit: int = Field(100, ge=1, le=500, description="At most this many gaps")
    offset: int = Field(0, ge=0, description="Skip this many gaps first")


class AnswerIn(Schema):
    accept: bool = Field(description="true: I will work it; false: I cannot")


def _gap_filter(
    department: int | None, status: GapStatus | None, start: date | None, end: date | None
) -> GapFilter | ErrorOut:
    errors = [
        FieldErrorOut(field=name, value=day.isoformat(), message=problem)
        for name, day in (("from", start), ("to", end))
        if day is not None and (problem := out_of_range(day))
    ]
    if start and end and end < start:
        errors.append(FieldErrorOut(field="to", message="Must be on or after from."))
    if errors:
        return ErrorOut(detail="The filters are not valid", errors=errors)
    return GapFilter(department_id=department, status=status, start=start, end=end)


@router.get(
    "/gaps",
    response={200: GapListOut, 404: ErrorOut, 422: ErrorOut},
    summary="The gap register",
    description="Gaps in the departments the user may see, soonest first, filtered by "
    "department, status and the days from and to (inclusive).",
)
def list_gaps(request: AuthenticatedHttpRequest, query: Query[GapQuery]) -> Status[object]:
    if not may_see_gaps(request.user):
        return Status(404, ErrorOut(detail="There is no gap register for you"))
    wanted = _gap_filter(query.department, query.status, query.start, query.end)
    if isinstance(wanted, ErrorOut):
        return Status(422, wanted)
    gaps = gap_register(request.user, wanted)
    shown = list(gaps[query.offset : query.offset + query.limit])
    return Status(200, {"count": gaps.count(), "gaps": shown})


@router.get(
    "/gaps/{int:gap_id}",
    response={200: GapDetailOut, 404: ErrorOut},
    summary="A gap and its offers",
)
def get_gap(request: AuthenticatedHttpRequest, gap_id: int) -> Status[object]:
    gap = visible_gap(request.user, gap_id)
    if gap is None:
        return Status(404, ErrorOut(detail=NO_GAP))
    return Status(200, gap)


def _candidate_out(candidate: Candidate) -> dict[str, object]:
    doctor = candidate.doctor
    return {
        "doctor_id": doctor.pk,
        "doctor": str(doctor),
        "grade": doctor.grade,
        "wte": float(doctor.wte),
        "extra_shifts": candidate.extra_shifts,
        "extra_shifts_per_wte": candidate.extra_shifts_per_wte,
        "rest_before_hours": candidate.rest_before_hours,
        "rest_after_hours": candidate.rest_after_hours,
        "why": candidate.why,
    }


def _coordinated(request: AuthenticatedHttpRequest, gap_id: int) -> Gap | Status[object]:
    gap = coordinated_gap(request.user, gap_id)
    if gap is not None:
        return gap
    if visible_gap(request.user, gap_id) is not None:
        return Status(403, ErrorOut(detail=NOT_YOURS))
    return Status(404, ErrorOut(detail=NO_GAP))


@router.get(
    "/gaps/{int:gap_id}/candidates",
    response={200: list[CandidateOut], 403: ErrorOut, 404: ErrorOut},
    summary="Who could cover a gap",
    description="Doctors of the gap's department who may take the shift and stay within "
    "every contract and local rule, fewest extra shifts per WTE first, then most rest; "
    "those already asked and waiting are left out. Empty once the gap is dealt with.",
)
def get_candidates(request: AuthenticatedHttpRequest, gap_id: int) -> Status[object]:
    gap = _coordinated(request, gap_id)
    if isinstance(gap, Status):
        return gap
    return Status(200, [_candidate_out(c) for c in candidates_for(gap)])


@router.post(
    "/gaps/{int:gap_id}/offers",
    response={201: list[OfferOut], 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Offer a gap's shift to doctors",
    description="Each doctor is told; the first to accept gets the shift. A doctor who "
    "could not take it within the rules is refused with the rule, and nobody is offered it.",
)
def post_offers(
    request: AuthenticatedHttpRequest, gap_id: int, payload: OffersIn
) -> Status[object]:
    gap = _coordinated(request, gap_id)
    if isinstance(gap, Status):
        return gap
    doctors = department_doctors(gap, payload.doctor_ids)
    unknown = sorted(set(payload.doctor_ids) - {d.pk for d in doctors})
    if unknown:
        return Status(
            422,
            ErrorOut(
                detail="Nobody was offered the shift",
                errors=[
                    FieldErrorOut(field="doctor_ids", value=str(pk), message=NO_DOCTOR)
                    for pk in unknown
                ],
            ),
        )
    try:
        offers = gap_offer(actor=request.user, gap=gap, doctors=doctors, note=payload.note)
    except GapChanged as changed:
        return Status(409, ErrorOut(detail=changed.message))
    except ValidationError as invalid:
        return Status(
            422,
            validation_error_out(
                "Nobody was offered the shift", invalid, {"doctors": "doctor_ids"}
            ),
        )
    return Status(201, offers)


@router.post(
    "/offers/{int:offer_id}/answer",
    response={200: OfferOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Answer an offer of an extra shift",
    description="By the doctor offered it, or by a coordinator of the gap's department "
    "recording their answer. The first to accept gets the shift and it goes on the "
    "published rota; anyone later is told it is taken (409). A doctor who could no longer "
    "take it within the rules is refused with the rule (422).",
)
def post_answer(
    request: AuthenticatedHttpRequest, offer_id: int, payload: AnswerIn
) -> Status[object]:
    offer = own_offer(request.user, offer_id)
    if offer is None:
        return Status(404, ErrorOut(detail=NO_OFFER))
    try:
        answered = offer_answer(actor=request.user, offer=offer, accept=payload.accept)
    except GapChanged as changed:
        return Status(409, ErrorOut(detail=changed.message))
    except CannotTake as refused:
        return Status(
            422,
            ErrorOut(
                detail=refused.message,
                errors=[FieldErrorOut(field="accept", message=r) for r in refused.reasons],
            ),
        )
    return Status(200, answered)
