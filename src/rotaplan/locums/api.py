"""Locum bookings and the locum spend report over the API, with the pages' permissions: a
department's coordinators (and medical staffing) book; its service managers read; anyone
else is told nothing (404)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, FieldErrorOut, validation_error_out
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.people.grades import Grade
from rotaplan.rotas.horizon import outside_horizon
from rotaplan.rotas.selectors import visible_department

from . import selectors
from .downloads import XLSX_TYPE, file_name, spend_csv, spend_xlsx
from .forms import default_period
from .models import BookingReason, BookingStatus, LocumBooking
from .services import AlreadyDealtWith, booking_make
from .spend import SpendLine, SpendReport

router = Router(tags=["locums"])

NOT_FOUND = "Not found."
FIELD_NAMES = {
    "supplier": "supplier_id",
    "department": "department_id",
    "shift_type": "shift_type_id",
    "gap": "gap_id",
}


class BookingIn(Schema):
    """For a gap of the register give ``gap_id`` (its shift's times are used; leave
    ``start`` and ``end`` out); for any other shift give ``department_id``, ``start`` and
    ``end`` (and ``shift_type_id`` if it is one of the department's shifts)."""

    gap_id: int | None = None
    gap_version: int | None = Field(
        None, description="The gap's version as you read it: refused (409) if it has changed"
    )
    department_id: int | None = None
    shift_type_id: int | None = None
    start: dt.datetime | None = Field(
        None, description="With its time zone, e.g. 2026-12-14T20:00Z"
    )
    end: dt.datetime | None = None
    supplier_id: int
    locum_name: str = Field(min_length=1, max_length=200)
    gmc_number: str = Field(pattern=r"^\d{7}$", description="7 digits")
    grade: Grade
    reason: BookingReason
    note: str = Field("", max_length=300)


class BookingOut(Schema):
    id: int
    department_id: int
    gap_id: int | None
    shift_type_id: int | None
    supplier_id: int
    supplier: str
    supplier_kind: str
    locum_name: str
    gmc_number: str
    grade: str
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    hours: Decimal = Field(description="Real elapsed hours, across clock changes")
    hours_kind: str = Field(description="day, night or weekend: how the rate card prices it")
    hourly_rate_pence: int
    rate_effective_from: dt.date
    cost_pence: int = Field(description="Hours at the hourly rate, rounded half up to a penny")
    reason: str
    status: str
    booked_by: str
    booked_at: dt.datetime

    @staticmethod
    def resolve_supplier(booking: LocumBooking) -> str:
        return booking.supplier.name

    @staticmethod
    def resolve_supplier_kind(booking: LocumBooking) -> str:
        return booking.supplier.kind

    @staticmethod
    def resolve_rate_effective_from(booking: LocumBooking) -> dt.date:
        return booking.rate.effective_from

    @staticmethod
    def resolve_booked_by(booking: LocumBooking) -> str:
        return booking.booked_by.display_name


@router.post(
    "/locum-bookings",
    response={201: BookingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Book a locum through the bank or an agency",
    description="The rate is the supplier's rate card row in effect on the shift's day for "
    "the grade's level and the kind of shift (a start from 20:00 to 07:00 is a night; other "
    "shifts on a weekend or bank holiday a weekend day); 422 on `supplier_id` when none "
    "applies. A gap booked becomes bank or agency with the cost. Two bookings of the same "
    "gap at once: one is made (201), the other answered 409 saying who booked it.",
)
def book_locum(request: AuthenticatedHttpRequest, payload: BookingIn) -> Status[object]:
    supplier = selectors.supplier(payload.supplier_id)
    if supplier is None:
        return _unprocessable("supplier_id", "No bank or agency has this id")
    gap = department = shift_type = None
    if payload.gap_id is not None:
        gap = selectors.visible_gap(request.user, payload.gap_id)
        if gap is None:
            return Status(404, ErrorOut(detail=NOT_FOUND))
    else:
        if payload.department_id is None:
            return _unprocessable(
                "department_id", "Give gap_id, or department_id with start and end"
            )
        department = visible_department(request.user, payload.department_id)
        if department is None:
            return Status(404, ErrorOut(detail=NOT_FOUND))
        if payload.shift_type_id is not None:
            shift_type = selectors.bookable_shift_type(
                request.user, department.pk, payload.shift_type_id
            )
            if shift_type is None:
                return _unprocessable("shift_type_id", "Choose a shift of this department")
        for name in ("start", "end"):
            moment = getattr(payload, name)
            if moment is None:
                return _unprocessable(name, "This field is required for a booking without a gap.")
            problem = outside_horizon(moment.date(), timezone.localdate())
            if problem:
                return _unprocessable(name, problem)
    try:
        booking = booking_make(
            actor=request.user,
            supplier=supplier,
            locum_name=payload.locum_name,
            gmc_number=payload.gmc_number,
            grade=payload.grade.value,
            reason=payload.reason.value,
            note=payload.note,
            gap=gap,
            gap_version=payload.gap_version,
            department=department,
            shift_type=shift_type,
            start=payload.start,
            end=payload.end,
        )
    except PermissionDenied:
        return Status(403, ErrorOut(detail="You may see this department but not book for it"))
    except ValidationError as invalid:
        return Status(422, validation_error_out("The locum was not booked", invalid, FIELD_NAMES))
    except AlreadyDealtWith as late:
        return Status(409, ErrorOut(detail=late.message))
    return Status(201, booking)


def _unprocessable(field: str, message: str) -> Status[object]:
    return Status(
        422,
        ErrorOut(
            detail="The locum was not booked", errors=[FieldErrorOut(field=field, message=message)]
        ),
    )


class BookingQuery(Schema):
    department: int | None = None
    status: BookingStatus | None = None
    start: dt.date | None = Field(None, alias="from")
    end: dt.date | None = Field(None, alias="to")


@router.get(
    "/locum-bookings",
    response={200: list[BookingOut], 404: ErrorOut},
    summary="Locum bookings of the departments you may see",
    description="Filters: `department` (id), `status` (booked, worked, cancelled), `from` "
    "and `to` (the shift's day). 404 to a user who sees no department's locums.",
)
def list_bookings(request: AuthenticatedHttpRequest, query: Query[BookingQuery]) -> Status[object]:
    if not selectors.may_see_locums(request.user):
        return Status(404, ErrorOut(detail=NOT_FOUND))
    if query.department is not None and query.department not in selectors.spend_department_ids(
        request.user
    ):
        return Status(404, ErrorOut(detail=NOT_FOUND))
    found = selectors.bookings_of(
        request.user,
        department_id=query.department,
        status=query.status.value if query.status else None,
        start=query.start,
        end=query.end,
    )
    return Status(200, found)


class SpendLineOut(Schema):
    label: str
    bookings: int
    hours: Decimal
    cost_pence: int


class SpendOut(Schema):
    start: dt.date
    end: dt.date
    department_ids: list[int]
    total: SpendLineOut
    by_month: list[SpendLineOut]
    by_department: list[SpendLineOut]
    by_grade: list[SpendLineOut]
    by_reason: list[SpendLineOut]
    by_supplier_kind: list[SpendLineOut] = Field(description="Bank and agency")
    by_supplier: list[SpendLineOut]


class SpendQuery(Schema):
    start: dt.date | None = Field(None, alias="from", description="Default: six months ago")
    end: dt.date | None = Field(None, alias="to", description="Default: the end of this month")
    department: list[int] = Field(
        default_factory=list, description="Department ids; none for every one you may see"
    )
    format: Literal["json", "csv", "xlsx"] = "json"


@router.get(
    "/reports/locum-spend",
    response={200: SpendOut, 404: ErrorOut, 422: ErrorOut},
    summary="The locum spend report",
    description="Spend on locums booked or worked (cancelled bookings are not spend) by "
    "month, department, grade, reason, bank or agency, and supplier, for the departments you "
    "may see. `format=csv` or `format=xlsx` answers the same figures as a file.",
    openapi_extra={
        "responses": {
            200: {
                "description": "The report as JSON, CSV or an Excel workbook",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def locum_spend(
    request: AuthenticatedHttpRequest, query: Query[SpendQuery]
) -> Status[object] | HttpResponse:
    if not selectors.may_see_locums(request.user):
        return Status(404, ErrorOut(detail=NOT_FOUND))
    seen = selectors.spend_department_ids(request.user)
    if any(d not in seen for d in query.department):
        return Status(404, ErrorOut(detail=NOT_FOUND))
    default_start, default_end = default_period(timezone.localdate())
    start, end = query.start or default_start, query.end or default_end
    for name, day in (("from", start), ("to", end)):
        problem = outside_horizon(day, timezone.localdate())
        if problem:
            return _report_problem(name, problem)
    if end < start:
        return _report_problem("to", "The end must be on or after the start")
    report = selectors.locum_spend(
        department_ids=sorted(query.department or seen), start=start, end=end
    )
    if query.format == "csv":
        response = HttpResponse(spend_csv(report), content_type="text/csv; charset=utf-8")
    elif query.format == "xlsx":
        response = HttpResponse(spend_xlsx(report), content_type=XLSX_TYPE)
    else:
        return Status(
            200,
            {
                "start": report.start,
                "end": report.end,
                "department_ids": [d.pk for d in report.departments],
                "total": report.total,
                **_breakdowns(report),
            },
        )
    response["Content-Disposition"] = f'attachment; filename="{file_name(report, query.format)}"'
    return response


def _breakdowns(report: SpendReport) -> dict[str, list[SpendLine]]:
    return {f"by_{key}": lines for key, _, lines in report.groupings()}


def _report_problem(field: str, message: str) -> Status[object]:
    return Status(
        422,
        ErrorOut(
            detail="The report was not made", errors=[FieldErrorOut(field=field, message=message)]
        ),
    )
