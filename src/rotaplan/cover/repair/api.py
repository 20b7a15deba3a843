"""The rota generator's repair over the API, with the gap page's permissions: a
department's coordinators (and medical staffing and administrators, trust-wide) ask for
and apply repairs of its gaps; whoever may read a gap reads its repairs. A gap or repair
outside the user's scope is a 404, as one that does not exist."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Router, Schema, Status

from rotaplan.api.errors import ErrorOut
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest

from ..models import RepairRun
from ..selectors import coordinated_gap, visible_gap
from ..services import GapChanged
from .presenters import change_lines, left_lines
from .proposal import shifts
from .selectors import repair_fills, visible_repair
from .services import CannotRepair, RepairRefused, repair_apply, repair_request

router = Router(tags=["cover"])

NO_GAP = "No gap you may see has this id"
NO_REPAIR = "No repair you may see has this id"
NOT_YOURS = "You may see this gap but not act on it: ask its department's rota coordinator"


class ShiftChangeOut(Schema):
    doctor_id: int
    doctor: str = Field(description='The doctor\'s name, "Dr Ada Patel"')
    code: str = Field(description="The shift type's code")
    name: str = Field(description="The shift type's name")
    date: date


class GapLeftOut(Schema):
    code: str
    name: str
    date: date
    rostered: int
    needed: int
    reasons: list[str]


class RepairOut(Schema):
    id: int
    gap_id: int
    department_id: int
    rota_id: int
    first_day: date = Field(description="The absence's first day on the rota")
    last_day: date = Field(description="The absence's last day on the rota")
    status: str = Field(description="queued, running, finished or failed")
    rota_version: int = Field(description="The rota's version the repair was found on")
    remove: list[ShiftChangeOut] = Field(description="Shifts it takes off")
    add: list[ShiftChangeOut] = Field(description="Shifts it puts on")
    changes: list[str] = Field(
        description='Each change in words: "Take Dr Ada Patel off Night on Mon 3 Aug 2026"'
    )
    fills_gap_ids: list[int] = Field(description="The gaps it fills (or filled, once applied)")
    gaps_left: list[GapLeftOut] = Field(
        description="Shifts near the absence still below their minimum"
    )
    gaps_left_words: list[str]
    failure_reason: str = Field(description="Why no repair was found; empty otherwise")
    seconds: float
    created: datetime
    finished: datetime | None
    applied: bool
    applied_at: datetime | None
    rota_change_version: int | None = Field(
        description="The rota's version the repair made, once applied"
    )


def _out(run: RepairRun) -> dict[str, Any]:
    finished = run.status == "finished"
    return {
        "id": run.pk,
        "gap_id": run.gap_id,
        "department_id": run.department_id,
        "rota_id": run.rota_id,
        "first_day": run.first_day,
        "last_day": run.last_day,
        "status": run.status,
        "rota_version": run.rota_version,
        "remove": shifts(run.proposal, "remove"),
        "add": shifts(run.proposal, "add"),
        "changes": change_lines(run),
        "fills_gap_ids": [g.pk for g in repair_fills(run)] if finished else [],
        "gaps_left": run.gaps_left,
        "gaps_left_words": left_lines(run),
        "failure_reason": run.failure_reason,
        "seconds": run.seconds,
        "created": run.created,
        "finished": run.finished,
        "applied": run.applied_at is not None,
        "applied_at": run.applied_at,
        "rota_change_version": run.change.version if run.change else None,
    }


@router.post(
    "/gaps/{int:gap_id}/repairs",
    response={202: RepairOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Find a repair for a gap with the rota generator",
    description="Queues the search for the fewest changes near the absence that cover the "
    "gap within the rules; follow it at GET /api/repairs/{id}. A gap with a repair still "
    "being found answers with that one. Only gaps left by leave, sickness or other absence "
    "that are still open or offered (409 once dealt with; 422 for another cause).",
)
def post_repair(request: AuthenticatedHttpRequest, gap_id: int) -> Status[object]:
    gap = coordinated_gap(request.user, gap_id)
    if gap is None:
        if visible_gap(request.user, gap_id) is not None:
            return Status(403, ErrorOut(detail=NOT_YOURS))
        return Status(404, ErrorOut(detail=NO_GAP))
    try:
        run = repair_request(actor=request.user, gap=gap)
    except GapChanged as changed:
        return Status(409, ErrorOut(detail=changed.message))
    except CannotRepair as cannot:
        return Status(422, ErrorOut(detail=cannot.message))
    return Status(202, _out(run))


@router.get(
    "/repairs/{int:repair_id}",
    response={200: RepairOut, 404: ErrorOut},
    summary="A repair: its progress, then its proposal",
)
def get_repair(request: AuthenticatedHttpRequest, repair_id: int) -> Status[object]:
    run = visible_repair(request.user, repair_id)
    if run is None:
        return Status(404, ErrorOut(detail=NO_REPAIR))
    return Status(200, _out(run))


@router.post(
    "/repairs/{int:repair_id}/apply",
    response={200: RepairOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Apply a repair to the published rota",
    description="The changes go on the rota as one new version and the gaps it covers are "
    "filled. Refused (409) when the rota changed since the repair was found, the repair was "
    "applied already, it found nothing to apply, or it would now break a rule.",
)
def post_apply(request: AuthenticatedHttpRequest, repair_id: int) -> Status[object]:
    run = visible_repair(request.user, repair_id)
    if run is None:
        return Status(404, ErrorOut(detail=NO_REPAIR))
    if not access.coordinates(request.user, run.department_id):
        return Status(403, ErrorOut(detail=NOT_YOURS))
    try:
        applied = repair_apply(actor=request.user, run=run)
    except RepairRefused as refused:
        return Status(409, ErrorOut(detail=refused.message))
    return Status(200, _out(applied))
