"""Rota generation over the API: start a run, read its progress and result, cancel it.

The run happens in the background worker, as from the pages; a client polls
``GET /api/generation-runs/{id}`` until ``finished`` is true.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, validation_error_out
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest

from ..models import GenerationRun, RunStatus, StaffGroup
from .selectors import visible_run
from .services import (
    MAX_UNFINISHED_PER_DEPARTMENT,
    MAX_UNFINISHED_PER_USER,
    SameRunWaiting,
    TooManyRuns,
    cancel_generation,
    mark_if_abandoned,
    start_generation,
)

router = Router(tags=["rota generation"])

NOT_FOUND = "No generation run you may see has this id"
NOT_YOURS = "You may see this department's rotas but not generate them"


class RunIn(Schema):
    period_start: date
    period_end: date
    time_limit: int = Field(60, description="Seconds the search may take, 5 to 600")
    staff_group: StaffGroup = Field(
        StaffGroup.TRAINING,
        description="Who works on the rota: training (doctors in training), senior "
        "(consultants and SAS doctors) or everyone",
    )


class RunOut(Schema):
    id: int
    department_id: int
    period_start: date
    period_end: date
    staff_group: str
    time_limit: int
    status: RunStatus
    finished: bool = Field(description="True once succeeded, failed or cancelled")
    cancel_requested: bool
    seconds: float = Field(description="Seconds searched so far")
    objective: float | None = Field(description="The best rota's score so far; lower is better")
    bound: float | None = Field(description="The best score the solver has proved possible")
    solutions: int
    failure_reason: str
    rota_id: int | None = Field(description="The draft rota made, once succeeded")
    result: dict[str, Any] = Field(
        description="Once finished: gaps (each with reasons, and whose cover when part of "
        "a shift's mix), capacity (why no rota can fill some gaps), requests (honoured or "
        "not, and why), fairness rows per doctor with their tier and figures per full-time "
        "share of the days available, and the spread within each tier"
    )
    created: datetime

    @staticmethod
    def resolve_finished(run: GenerationRun) -> bool:
        return run.finished_yet


def visible(request: AuthenticatedHttpRequest, run_id: int) -> GenerationRun | None:
    run = visible_run(request.user, run_id)
    return None if run is None else mark_if_abandoned(run)


@router.post(
    "/departments/{int:department_id}/generation-runs",
    response={200: RunOut, 201: RunOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Start generating a draft rota",
    description="Queues a run for the background worker and answers at once (201); poll "
    "the run for progress. Only the department's rota coordinators and medical staffing "
    "may. The same request (department, period, staff group) while a run of it is waiting "
    "or running answers that run (200) rather than queue another. A department has at most "
    f"{MAX_UNFINISHED_PER_DEPARTMENT} runs waiting or running at once, a user "
    f"{MAX_UNFINISHED_PER_USER}; beyond them the answer is 429. The period falls within "
    "last year to two years ahead, at most 26 weeks long.",
)
def start_run(
    request: AuthenticatedHttpRequest, department_id: int, payload: RunIn
) -> Status[GenerationRun] | Status[ErrorOut]:
    department = access.visible_departments(request.user).filter(pk=department_id).first()
    if department is None:
        return Status(404, ErrorOut(detail="No department you may see has this id"))
    try:
        run = start_generation(
            actor=request.user,
            department=department,
            period_start=payload.period_start,
            period_end=payload.period_end,
            time_limit=payload.time_limit,
            staff_group=payload.staff_group,
        )
    except PermissionDenied:
        return Status(403, ErrorOut(detail=NOT_YOURS))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The run was not started", invalid))
    except SameRunWaiting as same:
        return Status(200, same.run)
    except TooManyRuns as refused:
        return Status(429, ErrorOut(detail=refused.message))
    return Status(201, run)


@router.get(
    "/generation-runs/{int:run_id}",
    response={200: RunOut, 404: ErrorOut},
    summary="A generation run's progress and result",
)
def get_run(
    request: AuthenticatedHttpRequest, run_id: int
) -> Status[GenerationRun] | Status[ErrorOut]:
    run = visible(request, run_id)
    if run is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    return Status(200, run)


@router.post(
    "/generation-runs/{int:run_id}/cancel",
    response={200: RunOut, 403: ErrorOut, 404: ErrorOut},
    summary="Cancel a generation run",
    description="The worker stops within about two seconds and saves no rota. A finished "
    "run is left as it is.",
)
def cancel_run(
    request: AuthenticatedHttpRequest, run_id: int
) -> Status[GenerationRun] | Status[ErrorOut]:
    run = visible(request, run_id)
    if run is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        return Status(200, cancel_generation(actor=request.user, run=run))
    except PermissionDenied:
        return Status(403, ErrorOut(detail="You may see this run but not cancel it"))
