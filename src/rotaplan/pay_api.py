"""Pay over the API: a statement worked out from a rota sent in the exchange format, and a
doctor in training's work schedule for a stored rota (the same document as the download).

Money is a string of pounds with pence ("6812.38") and an integer of pence, never a float.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from rotaplan.api_errors import ErrorOut, FieldErrorOut
from rotaplan.engine.formats.exchange import UnreadableRota, read_exchange
from rotaplan.engine.formats.problems import Problem
from rotaplan.engine.pay import (
    BadNodalPoint,
    PayError,
    UnknownDoctor,
    UnknownPayYear,
    known_pay_years,
    nodal_point_for_grade,
    pay_for,
    pay_year_for,
)
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.rotas.work_schedules import (
    NotInTraining,
    pay_dict,
    work_schedule,
    work_schedule_subject,
)

router = Router(tags=["pay"])

PAY_YEAR = re.compile(r"\d{4}/\d{2}")


# --- the statement ------------------------------------------------------------------


class PayLineOut(Schema):
    key: str = Field(description="basic, additional_hours, night, weekend, on_call or ltft")
    name: str = Field(description="The line as a payslip names it, e.g. Night enhancement")
    title: str = Field(description="The same as name (the CLI's word)")
    amount: str = Field(description="Pounds a year with pence, e.g. 6812.38", examples=["6812.38"])
    pence: int = Field(description="The amount in pence, e.g. 681238")
    formula: str = Field(description="The calculation with the figures filled in")
    explanation: str
    verified: bool = Field(description="False if any figure the line uses is not verified")
    unverified_because: list[str]
    notes: list[str]
    sources: list[str]


class PayDoctorOut(Schema):
    id: str
    name: str
    wte: str = Field(description="Whole-time equivalent, e.g. 0.6")


class PeriodOut(Schema):
    start: str = Field(description="YYYY-MM-DD")
    end: str = Field(description="YYYY-MM-DD, inclusive")


class PayStatementOut(Schema):
    doctor: PayDoctorOut
    pay_year: str = Field(examples=["2026/27"])
    nodal_point: int
    period: PeriodOut
    figures: dict[str, str] = Field(
        description="The rota's figures the lines use: weeks, average weekly hours, night "
        "hours a week, weekends, on-call periods, the basic hourly rate"
    )
    lines: list[PayLineOut]
    total: str = Field(description="Pounds a year: the sum of the rounded lines")
    total_pence: int
    verified: bool = Field(description="False if any line is not verified: check before use")
    notes: list[str]
    rounding_rule: str


class PayIn(Schema):
    rota: dict[str, Any] = Field(
        description="A rota in the exchange format (docs/exchange-format.md): period, "
        "doctors, shifts"
    )
    doctor: str = Field(description="The id of a doctor in the rota", examples=["D1"])
    nodal_point: int | None = Field(
        None, ge=1, le=5, description="1 to 5; without it, from the doctor's grade in the rota"
    )
    pay_year: str | None = Field(
        None,
        pattern=PAY_YEAR.pattern,
        description="e.g. 2026/27; without it, the pay year the rota starts in",
    )
    comparator: str | None = Field(
        None, description="The full-time doctor an LTFT doctor's commitment is measured against"
    )


def _rota_field(problem: Problem) -> str:
    """An exchange-format path ("shifts[3].end") as the API names fields: rota.shifts.3.end."""
    path = re.sub(r"\[(\d+)\]", r".\1", problem.path or "")
    return f"rota.{path}" if path else "rota"


def _invalid(field: str | None, message: str) -> Status[ErrorOut]:
    return Status(
        422,
        ErrorOut(
            detail="The pay could not be worked out",
            errors=[FieldErrorOut(field=field, message=message)],
        ),
    )


@router.post(
    "/pay",
    response={200: PayStatementOut, 422: ErrorOut},
    summary="Work out a doctor's annual pay from a rota (2016 TCS)",
    description="Each line with its formula, what it means and whether every figure it uses "
    "is verified. No database is read: the rota comes in the request. See docs/pay.md.",
)
def pay(request: AuthenticatedHttpRequest, payload: PayIn) -> Status[Any]:
    if payload.pay_year is not None and payload.pay_year not in known_pay_years():
        known = ", ".join(known_pay_years())
        return _invalid(
            "pay_year", f"There is no pay table for {payload.pay_year}; known: {known}."
        )
    try:
        rota = read_exchange(json.dumps(payload.rota))
    except UnreadableRota as unreadable:
        return Status(
            422,
            ErrorOut(
                detail="The rota could not be read",
                errors=[
                    FieldErrorOut(field=_rota_field(p), value=p.value or None, message=p.message)
                    for p in unreadable.problems
                ],
            ),
        )
    year = payload.pay_year or pay_year_for(rota.period.start)
    terms = {d.id: d for d in rota.doctors}.get(payload.doctor)
    if terms is None:
        return _invalid(
            "doctor", str(UnknownDoctor(payload.doctor, tuple(t.id for t in rota.doctors)))
        )
    nodal_point = payload.nodal_point
    try:
        if nodal_point is None:
            if not terms.grade:
                return _invalid(
                    "nodal_point",
                    f"Give nodal_point (1-5): doctor {terms.id!r} has no grade in the rota.",
                )
            nodal_point = nodal_point_for_grade(terms.grade, year)
        statement = pay_for(rota, terms.id, nodal_point, year, comparator=payload.comparator)
    except UnknownPayYear as error:
        return _invalid("pay_year", f"{error}.")
    except BadNodalPoint as error:
        return _invalid("nodal_point", f"{error}.")
    except UnknownDoctor as error:
        return _invalid("comparator", f"{error}.")
    except PayError as error:
        return _invalid(None, f"{error}.")
    return Status(200, pay_dict(statement))


# --- the work schedule --------------------------------------------------------------


class ScheduleDoctorOut(Schema):
    id: int
    name: str
    gmc_number: str
    grade: str
    contract: str
    wte: str
    opted_out: bool


class PostOut(Schema):
    department: str
    start: str
    end: str | None


class ScheduleRotaOut(Schema):
    id: int
    name: str
    department: str
    status: str
    period: PeriodOut


class HoursOut(Schema):
    average_weekly_hours: float = Field(description="Work hours a week over the rota period")
    max_hours_in_168h: float


class ShiftCountOut(Schema):
    code: str
    name: str
    kind: str = Field(description="work or on_call")
    count: int
    hours: float


class PatternOut(Schema):
    shifts: list[ShiftCountOut]
    night_shifts: int
    long_shifts: int
    weekends_worked: int
    weekends_in_period: int
    on_call_periods: int


class BreachOut(Schema):
    rule: str
    start: str
    end: str
    value: float
    limit: float
    message: str


class WorkScheduleOut(Schema):
    doctor: ScheduleDoctorOut
    post: PostOut
    rota: ScheduleRotaOut
    hours: HoursOut
    pattern: PatternOut
    pay: PayStatementOut | None = Field(description="Null if pay could not be worked out")
    pay_problem: str | None = Field(description="Why there is no pay statement")
    compliant: bool
    breaches: list[BreachOut] = Field(
        description="Rules of the 2016 terms or the WTR the doctor's rostered work breaks"
    )
    notes: list[str]
    generated_on: str = Field(description="YYYY-MM-DD")


@router.get(
    "/rotas/{int:rota_id}/doctors/{int:doctor_id}/work-schedule",
    response={200: WorkScheduleOut, 404: ErrorOut},
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
    return Status(200, schedule.as_dict())
