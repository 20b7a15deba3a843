"""A department's local rules over the API: its limits, who must not work alone, pairs of
doctors together or apart, and fixed rota lines; each set, added and removed as on the
local rules page.

Who may: the department's coordinators and medical staffing change them, its service
managers read them, anyone else is told nothing (404), as on the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, FieldErrorOut, validation_error_out
from rotaplan.engine.fixed_lines import MAX_WEEKS
from rotaplan.organisation.models import Department
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.people.grades import Grade

from ..models import DoctorPair, FixedRotaLine, NeverAloneRule
from ..selectors import coordinated_department, department_shift_types, visible_department
from .selectors import (
    department_doctor,
    department_limits,
    doctor_pair,
    doctor_pairs,
    fixed_line,
    fixed_lines,
    never_alone_rule,
    never_alone_rules,
)
from .services import (
    doctor_pair_add,
    doctor_pair_remove,
    fixed_line_add,
    fixed_line_remove,
    local_limits_set,
    never_alone_add,
    never_alone_remove,
)

router = Router(tags=["local rules"])

NOT_FOUND = "No department you may see has this id"
NOT_YOURS = "You may see this department's local rules but not change them"
NO_DOCTOR = "Choose a doctor of this department"


class LimitsIn(Schema):
    """All three, each time: a limit left out is not kept as it was."""

    max_nights_in_a_row: int | None = Field(
        ge=1, le=4, description="At most this many nights in a row; null for the contract's 4"
    )
    max_weekends_in_a_row: int | None = Field(
        ge=1, le=26, description="At most this many weekends in a row; null for no limit"
    )
    whole_weekends: bool = Field(description="Saturday and Sunday together, or neither")


class NeverAloneOut(Schema):
    id: int
    grades: list[str]
    shift_types: list[str] = Field(description="Shift type codes; empty for every shift")

    @staticmethod
    def resolve_shift_types(rule: NeverAloneRule) -> list[str]:
        return [s.code for s in rule.shift_types.all()]


class NeverAloneIn(Schema):
    grades: list[Grade] = Field(min_length=1, max_length=len(Grade))
    shift_types: list[str] = Field(
        default_factory=list, max_length=50, description="Shift type codes; empty for every shift"
    )


class PairOut(Schema):
    id: int
    first_doctor_id: int = Field(alias="first_id")
    second_doctor_id: int = Field(alias="second_id")
    together: bool = Field(description="Always on the same shifts; false: never on the same")


class PairIn(Schema):
    first_doctor_id: int
    second_doctor_id: int
    together: bool


Week = list[str]


class FixedLineOut(Schema):
    id: int
    doctor_id: int
    first_monday: date
    last_day: date | None
    weeks: list[Week] = Field(
        description="Each week's 7 days, Monday first: a shift type code, or '' for a day "
        "left to the rota"
    )
    note: str


class FixedLineIn(Schema):
    doctor_id: int
    first_monday: date = Field(description="Week 1 starts on this Monday")
    last_day: date | None = Field(None, description="null for a line with no end")
    weeks: list[list[str]] = Field(
        min_length=1,
        max_length=MAX_WEEKS,
        description="Each week's 7 days, Monday first: a shift type code, or '' for a day "
        "left to the rota",
    )
    note: str = Field("", max_length=200)


class LocalRulesOut(LimitsIn):
    department_id: int
    never_alone: list[NeverAloneOut]
    pairs: list[PairOut]
    fixed_lines: list[FixedLineOut]


@router.get(
    "/departments/{int:department_id}/local-rules",
    response={200: LocalRulesOut, 404: ErrorOut},
    summary="A department's local rules",
)
def get_local_rules(request: AuthenticatedHttpRequest, department_id: int) -> Status[object]:
    department = visible_department(request.user, department_id)
    if department is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    limits = department_limits(department.pk)
    return Status(
        200,
        {
            "department_id": department.pk,
            "max_nights_in_a_row": limits.max_nights_in_a_row,
            "max_weekends_in_a_row": limits.max_weekends_in_a_row,
            "whole_weekends": limits.whole_weekends,
            "never_alone": never_alone_rules(department.pk),
            "pairs": doctor_pairs(department.pk),
            "fixed_lines": fixed_lines(department.pk),
        },
    )


@router.put(
    "/departments/{int:department_id}/local-rules/limits",
    response={200: LimitsIn, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Set a department's limits beyond the contract",
)
def set_limits(
    request: AuthenticatedHttpRequest, department_id: int, payload: LimitsIn
) -> Status[object]:
    department = _coordinated(request, department_id)
    if isinstance(department, Status):
        return department
    try:
        limits = local_limits_set(actor=request.user, department=department, **payload.model_dump())
    except ValidationError as invalid:
        return Status(422, validation_error_out("The limits were not saved", invalid))
    return Status(200, limits)


@router.post(
    "/departments/{int:department_id}/local-rules/never-alone",
    response={201: NeverAloneOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Doctors of some grades never the only ones on a shift",
)
def add_never_alone(
    request: AuthenticatedHttpRequest, department_id: int, payload: NeverAloneIn
) -> Status[object]:
    department = _coordinated(request, department_id)
    if isinstance(department, Status):
        return department
    shifts = {s.code: s for s in department_shift_types(department.pk)}
    unknown = [code for code in payload.shift_types if code not in shifts]
    if unknown:
        return Status(
            422,
            ErrorOut(
                detail="The rule was not saved",
                errors=[
                    FieldErrorOut(field="shift_types", value=code, message="No such shift here")
                    for code in unknown
                ],
            ),
        )
    try:
        rule = never_alone_add(
            actor=request.user,
            department=department,
            grades=[g.value for g in payload.grades],
            shift_types=[shifts[code] for code in payload.shift_types],
        )
    except ValidationError as invalid:
        return Status(422, validation_error_out("The rule was not saved", invalid))
    return Status(201, rule)


@router.post(
    "/departments/{int:department_id}/local-rules/pairs",
    response={201: PairOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Two doctors always on the same shifts, or never",
)
def add_pair(
    request: AuthenticatedHttpRequest, department_id: int, payload: PairIn
) -> Status[object]:
    department = _coordinated(request, department_id)
    if isinstance(department, Status):
        return department
    first = department_doctor(department.pk, payload.first_doctor_id)
    second = department_doctor(department.pk, payload.second_doctor_id)
    if first is None or second is None:
        field = "first_doctor_id" if first is None else "second_doctor_id"
        return Status(
            422,
            ErrorOut(
                detail="The pair was not saved",
                errors=[FieldErrorOut(field=field, message=NO_DOCTOR)],
            ),
        )
    try:
        pair = doctor_pair_add(
            actor=request.user,
            department=department,
            first=first,
            second=second,
            together=payload.together,
        )
    except ValidationError as invalid:
        return Status(
            422,
            validation_error_out(
                "The pair was not saved",
                invalid,
                {"first": "first_doctor_id", "second": "second_doctor_id"},
            ),
        )
    return Status(201, pair)


@router.post(
    "/departments/{int:department_id}/local-rules/fixed-lines",
    response={201: FixedLineOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="A doctor's fixed rota line",
    description="Shifts the doctor always works, as a pattern of weeks from a Monday that "
    "repeats after its last week: the generator keeps them except on days the doctor is "
    "away, and a rota that does not is reported as breaking a local rule.",
)
def add_fixed_line(
    request: AuthenticatedHttpRequest, department_id: int, payload: FixedLineIn
) -> Status[object]:
    department = _coordinated(request, department_id)
    if isinstance(department, Status):
        return department
    doctor = department_doctor(department.pk, payload.doctor_id)
    if doctor is None:
        return Status(
            422,
            ErrorOut(
                detail="The fixed rota line was not saved",
                errors=[FieldErrorOut(field="doctor_id", message=NO_DOCTOR)],
            ),
        )
    try:
        line = fixed_line_add(
            actor=request.user,
            department=department,
            doctor=doctor,
            first_monday=payload.first_monday,
            last_day=payload.last_day,
            weeks=payload.weeks,
            note=payload.note,
        )
    except ValidationError as invalid:
        return Status(422, validation_error_out("The fixed rota line was not saved", invalid))
    return Status(201, line)


@router.delete(
    "/departments/{int:department_id}/local-rules/never-alone/{int:rule_id}",
    response={204: None, 403: ErrorOut, 404: ErrorOut},
    summary="Remove a rule of who must not work alone",
)
def remove_never_alone(
    request: AuthenticatedHttpRequest, department_id: int, rule_id: int
) -> Status[object]:
    found = _owned(request, department_id, never_alone_rule, rule_id)
    if isinstance(found, Status):
        return found
    never_alone_remove(actor=request.user, rule=found)
    return Status(204, None)


@router.delete(
    "/departments/{int:department_id}/local-rules/pairs/{int:pair_id}",
    response={204: None, 403: ErrorOut, 404: ErrorOut},
    summary="Remove a pair of doctors",
)
def remove_pair(
    request: AuthenticatedHttpRequest, department_id: int, pair_id: int
) -> Status[object]:
    found = _owned(request, department_id, doctor_pair, pair_id)
    if isinstance(found, Status):
        return found
    doctor_pair_remove(actor=request.user, pair=found)
    return Status(204, None)


@router.delete(
    "/departments/{int:department_id}/local-rules/fixed-lines/{int:line_id}",
    response={204: None, 403: ErrorOut, 404: ErrorOut},
    summary="Remove a doctor's fixed rota line",
)
def remove_fixed_line(
    request: AuthenticatedHttpRequest, department_id: int, line_id: int
) -> Status[object]:
    found = _owned(request, department_id, fixed_line, line_id)
    if isinstance(found, Status):
        return found
    fixed_line_remove(actor=request.user, line=found)
    return Status(204, None)


Rule = TypeVar("Rule", NeverAloneRule, DoctorPair, FixedRotaLine)


def _coordinated(
    request: AuthenticatedHttpRequest, department_id: int
) -> Department | Status[object]:
    """The department for its coordinator; else the answer: 403 to one who may only see
    it, 404 to anyone else."""
    try:
        department = coordinated_department(request.user, department_id)
    except PermissionDenied:
        return Status(403, ErrorOut(detail=NOT_YOURS))
    if department is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    return department


def _owned(
    request: AuthenticatedHttpRequest,
    department_id: int,
    lookup: Callable[[int, int], Rule | None],
    pk: int,
) -> Rule | Status[object]:
    """The department's rule of that id for its coordinator; else the answer, as
    ``_coordinated``, or 404 for another department's rule."""
    department = _coordinated(request, department_id)
    if isinstance(department, Status):
        return department
    found = lookup(department.pk, pk)
    if found is None:
        return Status(404, ErrorOut(detail="No local rule of a department you may see has this id"))
    return found
