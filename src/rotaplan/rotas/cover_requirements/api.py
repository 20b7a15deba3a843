"""Cover requirements over the API: each shift's weekly cover, dated overrides and the mix
of grades and competencies it must include; adding and removing a mix.

Who may: the department's coordinators and medical staffing change them, its service
managers read them, anyone else is told nothing (404), as on the pages.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, validation_error_out
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.people.grades import Grade

from ..models import CoverMix
from ..selectors import coordinated_department, department_shift_types, visible_department
from .presenters import mix_text
from .selectors import department_cover, department_mix, department_mixes, department_shift_type
from .services import cover_mix_add, cover_mix_remove

router = Router(tags=["cover requirements"])

NOT_FOUND = "No department you may see has this id"
NOT_YOURS = "You may see this department's cover but not change it"


class DayCoverOut(Schema):
    weekday: int = Field(description="0 Monday to 6 Sunday")
    minimum: int
    ideal: int


class DatedCoverOut(Schema):
    date: date
    minimum: int
    ideal: int


class MixOut(Schema):
    id: int
    at_least: int
    grades: list[str] = Field(description="Grade codes; empty for any grade")
    competencies: list[str] = Field(description="Competency codes a doctor needs, all of them")
    said: str = Field(description='In words: "At least 1 of CT1, CT2 or FY2"')

    @staticmethod
    def resolve_competencies(mix: CoverMix) -> list[str]:
        return [c.code for c in mix.competencies.all()]

    @staticmethod
    def resolve_said(mix: CoverMix) -> str:
        return mix_text(mix)


class ShiftCoverOut(Schema):
    shift_type_id: int
    code: str
    name: str
    weekly: list[DayCoverOut]
    dated: list[DatedCoverOut]
    mix: list[MixOut]


class CoverOut(Schema):
    department_id: int
    shifts: list[ShiftCoverOut]


class MixIn(Schema):
    at_least: int = Field(ge=1, le=50)
    grades: list[Grade] = Field(default_factory=list, max_length=len(Grade))
    competencies: list[str] = Field(
        default_factory=list, max_length=100, description="Competency codes"
    )


@router.get(
    "/departments/{int:department_id}/cover",
    response={200: CoverOut, 404: ErrorOut},
    summary="A department's cover requirements",
)
def get_cover(request: AuthenticatedHttpRequest, department_id: int) -> Status[object]:
    department = visible_department(request.user, department_id)
    if department is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    rows = department_cover(department.pk)
    mixes = department_mixes(department.pk)
    shifts = [
        {
            "shift_type_id": shift.pk,
            "code": shift.code,
            "name": shift.name,
            "weekly": [r for r in rows if r.shift_type_id == shift.pk and r.weekday is not None],
            "dated": [r for r in rows if r.shift_type_id == shift.pk and r.date is not None],
            "mix": [m for m in mixes if m.shift_type_id == shift.pk],
        }
        for shift in department_shift_types(department.pk)
    ]
    return Status(200, {"department_id": department.pk, "shifts": shifts})


@router.post(
    "/departments/{int:department_id}/cover/{int:shift_type_id}/mix",
    response={201: MixOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Ask a shift to include some grades or competencies",
    description='"At least 1 of FY2, CT1, CT2" on every night the shift has cover: the '
    "generator fills it first, and a night it cannot is a gap.",
)
def add_mix(
    request: AuthenticatedHttpRequest, department_id: int, shift_type_id: int, payload: MixIn
) -> Status[object]:
    try:
        department = coordinated_department(request.user, department_id)
    except PermissionDenied:
        return Status(403, ErrorOut(detail=NOT_YOURS))
    shift = None if department is None else department_shift_type(department.pk, shift_type_id)
    if department is None or shift is None:
        return Status(404, ErrorOut(detail="No shift type of a department you may see has this id"))
    try:
        mix = cover_mix_add(
            actor=request.user,
            shift_type=shift,
            at_least=payload.at_least,
            grades=[g.value for g in payload.grades],
            competencies=payload.competencies,
        )
    except ValidationError as invalid:
        return Status(422, validation_error_out("The mix was not saved", invalid))
    return Status(201, mix)


@router.delete(
    "/departments/{int:department_id}/cover/mix/{int:mix_id}",
    response={204: None, 403: ErrorOut, 404: ErrorOut},
    summary="Stop asking a shift to include some grades or competencies",
)
def remove_mix(
    request: AuthenticatedHttpRequest, department_id: int, mix_id: int
) -> Status[object]:
    try:
        department = coordinated_department(request.user, department_id)
    except PermissionDenied:
        return Status(403, ErrorOut(detail=NOT_YOURS))
    mix = None if department is None else department_mix(department.pk, mix_id)
    if mix is None:
        return Status(404, ErrorOut(detail="No mix of a department you may see has this id"))
    cover_mix_remove(actor=request.user, mix=mix)
    return Status(204, None)
