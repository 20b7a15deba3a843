"""A doctor in training's work schedule for a rota: the page, its PDF and its data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from rotaplan.audit.services import read_record
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.pages import found

from .pdf import work_schedule_pdf
from .presenters import (
    PREMIUM_NOT_SHOWN,
    about_rows,
    file_name,
    hours_rows,
    pattern_table,
    pay_heading,
    pay_rows,
    schedule_read,
    summary_rows,
)
from .schedule import NotInTraining, WorkSchedule, work_schedule
from .schemas import WorkScheduleOut
from .selectors import work_schedule_subject


def _schedule(
    request: AuthenticatedHttpRequest, rota_id: int, doctor_id: int, shown: str
) -> WorkSchedule:
    """The schedule the user asked for; 404 if it is not theirs to see. ``NotInTraining``
    passes through for the caller to explain. A schedule shown is a read of the doctor's
    pay, so the audit log records who read it, and how (``shown``)."""
    rota, doctor = found(work_schedule_subject(request.user, rota_id, doctor_id))
    schedule = work_schedule(rota, doctor, today=timezone.localdate())
    read_record(actor=request.user, subject=doctor, what=schedule_read(rota, shown))
    return schedule


@login_required
def work_schedule_page(
    request: AuthenticatedHttpRequest, rota_id: int, doctor_id: int
) -> HttpResponse:
    try:
        schedule = _schedule(request, rota_id, doctor_id, "page")
    except NotInTraining as refused:
        return render(
            request,
            "rotas/work_schedule.jinja",
            {"title": "No work schedule", "refused": refused.message},
            status=404,
        )
    statement = schedule.statement
    return render(
        request,
        "rotas/work_schedule.jinja",
        {
            "title": f"Work schedule: {schedule.doctor}",
            "schedule": schedule,
            "about_rows": summary_rows(about_rows(schedule)),
            "hours_rows": summary_rows(hours_rows(schedule)),
            "pattern_rows": pattern_table(schedule),
            "statement": statement,
            "pay_heading": pay_heading(statement) if statement else "",
            "pay_rows": pay_rows(statement) if statement else [],
            "premium_not_shown": PREMIUM_NOT_SHOWN,
        },
    )


def _schedule_for_download(
    request: AuthenticatedHttpRequest, rota_id: int, doctor_id: int, shown: str
) -> WorkSchedule:
    """A download has no page to explain a refusal on, so it answers a plain 404."""
    try:
        return _schedule(request, rota_id, doctor_id, shown)
    except NotInTraining:
        raise Http404 from None


@login_required
def work_schedule_download_pdf(
    request: AuthenticatedHttpRequest, rota_id: int, doctor_id: int
) -> HttpResponse:
    schedule = _schedule_for_download(request, rota_id, doctor_id, "PDF")
    response = HttpResponse(work_schedule_pdf(schedule), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name(schedule, "pdf")}"'
    return response


@login_required
def work_schedule_download_json(
    request: AuthenticatedHttpRequest, rota_id: int, doctor_id: int
) -> HttpResponse:
    schedule = _schedule_for_download(request, rota_id, doctor_id, "JSON download")
    # Through the API's schema, so the download and GET /api/... are the same document.
    data = WorkScheduleOut.model_validate(schedule.as_dict()).model_dump(mode="json")
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{file_name(schedule, "json")}"'
    return response
