"""Planned against delivered over the API, with the pages' permissions: a department's
report to its service managers, clinical director and rota coordinators and to the
trust-wide roles; a clinician's to themself and to those; anyone else is told nothing
(404). Reads are audited as the pages' are. PAs a week are given as decimals to two
places; a line Rotaplan holds no record of has ``delivered`` null."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, validation_error_out
from rotaplan.audit.services import list_read_record, read_record
from rotaplan.people.access import AuthenticatedHttpRequest

from . import selectors
from .forms import PeriodForm

router = Router(tags=["jobplans"])

NOT_FOUND = "Not found."


class PeriodIn(Schema):
    weeks: int | None = Field(None, description="8, 13, 26 or 52: the last weeks that ended")
    start: date | None = Field(None, description="With end: whole weeks from start's Monday")
    end: date | None = None


class LineOut(Schema):
    activity: str
    category: str = Field(description="dcc, spa, anr or external")
    recorded: str = Field(description="sessions, spa, on_call or not_recorded")
    planned: Decimal = Field(description="PAs a week in the job plan")
    delivered: Decimal | None = Field(description="PAs a week over the weeks at work")
    weeks_counted: int
    weeks_away: int
    spa_weeks_lost: int
    alert: str | None


class CategoryOut(Schema):
    category: str
    planned: Decimal
    planned_recorded: Decimal
    delivered: Decimal


class ClinicianOut(Schema):
    doctor_id: int
    name: str
    has_job_plan: bool
    lines: list[LineOut]
    categories: list[CategoryOut]
    alerts: list[str]


class DeliveryOut(Schema):
    start: date
    end: date
    weeks: int
    department_id: int | None
    clinicians: list[ClinicianOut]
    categories: list[CategoryOut]


def _pas(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _categories(categories: object) -> list[CategoryOut]:
    return [
        CategoryOut(
            category=c.category.value,
            planned=_pas(c.planned),
            planned_recorded=_pas(c.planned_recorded),
            delivered=_pas(c.delivered),
        )
        for c in categories  # type: ignore[attr-defined]
    ]


def _out(report: selectors.DeliveryReport) -> DeliveryOut:
    clinicians = []
    for c in report.clinicians:
        done = c.delivery
        clinicians.append(
            ClinicianOut(
                doctor_id=c.doctor.pk,
                name=str(c.doctor),
                has_job_plan=done is not None,
                lines=[
                    LineOut(
                        activity=d.line.description,
                        category=d.line.category.value,
                        recorded=d.line.recorded.value,
                        planned=_pas(d.line.planned_weekly),
                        delivered=_pas(d.delivered_weekly)
                        if d.delivered_weekly is not None
                        else None,
                        weeks_counted=d.working_weeks,
                        weeks_away=d.leave_weeks,
                        spa_weeks_lost=d.lost_weeks,
                        alert=d.alert,
                    )
                    for d in (done.lines if done else ())
                ],
                categories=_categories(done.categories if done else ()),
                alerts=list(done.alerts) if done else [],
            )
        )
    return DeliveryOut(
        start=report.period.start,
        end=report.period.end,
        weeks=report.period.weeks,
        department_id=report.department.pk if report.department else None,
        clinicians=clinicians,
        categories=_categories(report.categories),
    )


def _period(query: PeriodIn) -> selectors.ReportPeriod:
    """The period as the pages' form reads it; raises ``ValidationError`` naming the field."""
    data: dict[str, str] = {}
    if query.start is not None or query.end is not None:
        data["period"] = "dates"
        for name in ("start", "end"):
            value = getattr(query, name)
            if value is not None:
                data[f"{name}[day]"] = str(value.day)
                data[f"{name}[month]"] = str(value.month)
                data[f"{name}[year]"] = str(value.year)
    elif query.weeks is not None:
        data["period"] = str(query.weeks)
    form = PeriodForm(data or None, today=timezone.localdate())
    if data and not form.is_valid():
        errors = {
            ("weeks" if name == "period" else name): [str(e) for e in messages]
            for name, messages in form.errors.items()
        }
        raise ValidationError(errors)
    return form.report_period()


FIELDS = {"weeks": "weeks", "start": "start", "end": "end"}


@router.get(
    "/departments/{department_id}/job-plan-delivery",
    response={200: DeliveryOut, 404: ErrorOut, 422: ErrorOut},
    summary="A department's job plans planned against delivered",
    description="Each consultant's and SAS doctor's PAs a week planned and delivered over "
    "the last `weeks` (default 8) or from `start` to `end` (whole weeks that have ended; "
    "422 otherwise). 404 to a user who may not see the department's report.",
)
def department_delivery(
    request: AuthenticatedHttpRequest, department_id: int, query: Query[PeriodIn]
) -> Status[object]:
    department = selectors.visible_department(request.user, department_id)
    if department is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        period = _period(query)
    except ValidationError as invalid:
        return Status(422, validation_error_out("No report for that period", invalid, FIELDS))
    report = selectors.department_delivery(department, period)
    list_read_record(
        actor=request.user,
        what=f"job plans planned against delivered for {department.name}, {period.title}, "
        "over the API",
        doctor_ids=[c.doctor.pk for c in report.clinicians],
    )
    return Status(200, _out(report))


@router.get(
    "/doctors/{doctor_id}/job-plan-delivery",
    response={200: DeliveryOut, 404: ErrorOut, 422: ErrorOut},
    summary="One clinician's job plan planned against delivered",
    description="As the department's report, for one consultant or SAS doctor: their own, "
    "or one of a department whose report you see (404 otherwise).",
)
def doctor_delivery(
    request: AuthenticatedHttpRequest, doctor_id: int, query: Query[PeriodIn]
) -> Status[object]:
    doctor = selectors.visible_clinician(request.user, doctor_id)
    if doctor is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        period = _period(query)
    except ValidationError as invalid:
        return Status(422, validation_error_out("No report for that period", invalid, FIELDS))
    report = selectors.clinician_report(doctor, period)
    read_record(
        actor=request.user,
        subject=doctor,
        what=f"their job plan planned against delivered, {period.title}, over the API",
    )
    return Status(200, _out(report))
