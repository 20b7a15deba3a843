"""A doctor in training's work schedule for a rota: the page, its PDF and its data."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from rotaplan.api.pay import WorkScheduleOut
from rotaplan.engine.pay import PayStatement
from rotaplan.engine.pay.text import UNVERIFIED_WARNING, line_texts, pounds
from rotaplan.people.access import AuthenticatedHttpRequest

from .work_schedule import (
    NotInTraining,
    WorkSchedule,
    about_rows,
    hours_rows,
    pattern_rows,
    pay_heading,
    work_schedule,
    work_schedule_subject,
)
from .work_schedule_pdf import work_schedule_pdf


def _schedule(request: AuthenticatedHttpRequest, rota_id: int, doctor_id: int) -> WorkSchedule:
    """The schedule the user asked for; 404 if it is not theirs to see. ``NotInTraining``
    passes through for the caller to explain."""
    subject = work_schedule_subject(request.user, rota_id, doctor_id)
    if subject is None:
        raise Http404
    rota, doctor = subject
    return work_schedule(rota, doctor, today=timezone.localdate())


def _file_name(schedule: WorkSchedule, extension: str) -> str:
    d, r = schedule.doctor, schedule.rota
    return f"work-schedule-{d.last_name.lower()}-{d.gmc_number}-rota-{r.pk}.{extension}"


def _rows(pairs: list[tuple[str, str]]) -> list[dict[str, dict[str, str]]]:
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in pairs]


def _pay_rows(statement: PayStatement) -> list[list[dict[str, Any]]]:
    """Each line's title, formula, meaning, notes and unverified reasons, and its amount."""
    rows: list[list[dict[str, Any]]] = []
    for line in statement.lines:
        texts = format_html_join(
            "",
            '<p class="nhsuk-body-s{}">{}</p>',
            (
                (" nhsuk-u-font-weight-bold" if text.startswith("UNVERIFIED") else "", text)
                for text in line_texts(line)
            ),
        )
        rows.append(
            [
                {"html": format_html("<strong>{}</strong>{}", line.title, texts)},
                {"text": pounds(line.amount), "format": "numeric"},
            ]
        )
    total = format_html("<strong>{}</strong>", pounds(statement.total))
    rows.append([{"html": "<strong>Total a year</strong>"}, {"html": total, "format": "numeric"}])
    return rows


@login_required
def work_schedule_page(
    request: AuthenticatedHttpRequest, rota_id: int, doctor_id: int
) -> HttpResponse:
    try:
        schedule = _schedule(request, rota_id, doctor_id)
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
            "about_rows": _rows(about_rows(schedule)),
            "hours_rows": _rows(hours_rows(schedule)),
            "pattern_rows": [
                [
                    {"text": c[0]},
                    {"text": c[1]},
                    {"text": c[2], "format": "numeric"},
                    {"text": c[3], "format": "numeric"},
                ]
                for c in pattern_rows(schedule)
            ],
            "statement": statement,
            "pay_heading": pay_heading(statement) if statement else "",
            "pay_rows": _pay_rows(statement) if statement else [],
            "unverified_warning": UNVERIFIED_WARNING.replace(" (marked UNVERIFIED above)", ""),
        },
    )


def _schedule_for_download(
    request: AuthenticatedHttpRequest, rota_id: int, doctor_id: int
) -> WorkSchedule:
    """A download has no page to explain a refusal on, so it answers a plain 404."""
    try:
        return _schedule(request, rota_id, doctor_id)
    except NotInTraining:
        raise Http404 from None


@login_required
def work_schedule_download_pdf(
    request: AuthenticatedHttpRequest, rota_id: int, doctor_id: int
) -> HttpResponse:
    schedule = _schedule_for_download(request, rota_id, doctor_id)
    response = HttpResponse(work_schedule_pdf(schedule), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(schedule, "pdf")}"'
    return response


@login_required
def work_schedule_download_json(
    request: AuthenticatedHttpRequest, rota_id: int, doctor_id: int
) -> HttpResponse:
    schedule = _schedule_for_download(request, rota_id, doctor_id)
    # Through the API's schema, so the download and GET /api/... are the same document.
    data = WorkScheduleOut.model_validate(schedule.as_dict()).model_dump(mode="json")
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{_file_name(schedule, "json")}"'
    return response
