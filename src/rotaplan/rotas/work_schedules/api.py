"""``GET /api/rotas/{id}/doctors/{doctor_id}/work-schedule``: a doctor in training's work
schedule for a stored rota, the same document as the page's JSON download."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from ninja import Router, Status

from rotaplan.api.errors import ErrorOut
from rotaplan.audit.services import read_record
from rotaplan.people.access import AuthenticatedHttpRequest

from .presenters import schedule_read
from .schedule import NotInTraining, work_schedule
from .schemas import WorkScheduleOut
from .selectors import work_schedule_subject

router = Router(tags=["pay"])


@router.get(
    "/rotas/{int:rota_id}/doctors/{int:doctor_id}/work-schedule",
    response={200: WorkScheduleOut, 404: ErrorOut},
    operation_id="rotaplan_pay_api_get_work_schedule",  # as published before the move
    summary="A doctor in training's work schedule for a rota: hours, pattern and pay",
    description="The same document as the page's JSON download. The doctor themself (for a "
    "published rota), the department's coordinators and the trust-wide roles may read it.",
)
def get_work_schedule(
    request: AuthenticatedHttpRequest, rota_id: int, doctor_id: int
) -> Status[Any]:
    subject = work_schedule_subject(request.user, rota_id, doctor_id)
    if subject is None:
        raise Http404
    try:
        schedule = work_schedule(*subject, today=timezone.localdate())
    except NotInTraining as refused:
        return Status(404, ErrorOut(detail=refused.message))
    rota, doctor = subject
    read_record(actor=request.user, subject=doctor, what=schedule_read(rota, "API"))
    return Status(200, schedule.as_dict())
