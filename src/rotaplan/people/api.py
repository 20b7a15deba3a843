"""Doctors over the API, scoped exactly as the pages are."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.paginator import Paginator
from ninja import Query, Router, Schema, Status

from rotaplan.api.errors import ErrorOut
from rotaplan.audit.services import list_read_record, read_record
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest

from .grades import Contract, Grade
from .models import Doctor
from .presenters import RECORD_READ, list_read
from .selectors import DOCTORS_PER_PAGE, DoctorFilters, doctor_search, visible_doctor

router = Router(tags=["doctors"])


class DoctorOut(Schema):
    id: int
    first_name: str
    last_name: str
    gmc_number: str
    email: str
    grade: Grade
    contract: Contract
    wte: Decimal
    ltft: bool
    opted_out: bool
    department_id: int
    post_start: date
    post_end: date | None
    competencies: list[str]
    version: int

    @staticmethod
    def resolve_ltft(doctor: Doctor) -> bool:
        return doctor.is_ltft

    @staticmethod
    def resolve_competencies(doctor: Doctor) -> list[str]:
        return [c.code for c in doctor.competencies.all()]


class DoctorPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[DoctorOut]


class DoctorQuery(Schema):
    department: int | None = None
    grade: Grade | None = None
    contract: Contract | None = None
    ltft: bool | None = None
    q: str = ""
    page: int = 1


@router.get(
    "",
    response={200: DoctorPageOut, 403: ErrorOut},
    summary="Doctors you may see, filtered, 50 a page",
)
def list_doctors(
    request: AuthenticatedHttpRequest, query: Query[DoctorQuery]
) -> Status[dict[str, object]] | Status[ErrorOut]:
    if not access.can_list_doctors(request.user):
        return Status(403, ErrorOut(detail="Your role does not include the list of doctors"))
    filters = DoctorFilters(
        department_id=query.department,
        grade=query.grade or "",
        contract=query.contract or "",
        ltft=query.ltft,
        text=query.q,
    )
    doctors = doctor_search(request.user, filters).prefetch_related("competencies")
    page = Paginator(doctors, DOCTORS_PER_PAGE).get_page(query.page)
    items = list(page.object_list)
    what = list_read(page.number, page.paginator.num_pages, len(items), "API")
    list_read_record(actor=request.user, what=what, doctor_ids=[d.pk for d in items])
    return Status(
        200,
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "items": items,
        },
    )


@router.get(
    "/{int:doctor_id}", response={200: DoctorOut, 404: ErrorOut}, summary="One doctor's record"
)
def get_doctor(
    request: AuthenticatedHttpRequest, doctor_id: int
) -> Status[Doctor] | Status[ErrorOut]:
    doctor = visible_doctor(request.user, doctor_id)
    if doctor is None:
        return Status(404, ErrorOut(detail="No doctor you may see has this id"))
    read_record(actor=request.user, subject=doctor, what=f"{RECORD_READ} (API)")
    return Status(200, doctor)
