"""``POST /api/pay``: a pay statement worked out from a rota sent in the exchange format. A
stored rota's work schedule, with its statement, is the work schedules area's
(``rotaplan.rotas.work_schedules.api``); both give the statement in one shape.
"""

from __future__ import annotations

import re
from typing import Any

from ninja import Field, Router, Schema, Status

from rotaplan.api.errors import ErrorOut, FieldErrorOut
from rotaplan.engine.formats.exchange_reader import UnreadableRota, read_exchange_document
from rotaplan.engine.formats.input_problems import Problem
from rotaplan.engine.pay import (
    BadNodalPoint,
    PayError,
    UnknownDoctor,
    UnknownPayYear,
    UnknownPremium,
    known_pay_years,
    nodal_point_for_grade,
    pay_for,
    pay_year_for,
)
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.rotas.work_schedules import pay_dict
from rotaplan.rotas.work_schedules.schemas import PayStatementOut

router = Router(tags=["pay"])

PAY_YEAR = re.compile(r"\d{4}/\d{2}")


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
    flexible_pay_premium: str | None = Field(
        None,
        description="A flexible pay premium from the pay year's table (the rota does not say "
        "the training programme); pro rata to WTE for a doctor less than full time. An "
        "unknown key answers 422 listing the known ones",
        examples=["general-practice", "psychiatry-core", "emergency-medicine-5-years"],
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
    response={200: PayStatementOut, 400: ErrorOut, 422: ErrorOut},
    operation_id="rotaplan_pay_api_pay",  # as published before the API moved into api/
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
        rota = read_exchange_document(payload.rota)
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
        statement = pay_for(
            rota,
            terms.id,
            nodal_point,
            year,
            comparator=payload.comparator,
            premium=payload.flexible_pay_premium,
        )
    except UnknownPayYear as error:
        return _invalid("pay_year", f"{error}.")
    except BadNodalPoint as error:
        return _invalid("nodal_point", f"{error}.")
    except UnknownDoctor as error:
        return _invalid("comparator", f"{error}.")
    except UnknownPremium as error:
        return _invalid("flexible_pay_premium", f"{error}.")
    except PayError as error:
        return _invalid(None, f"{error}.")
    return Status(200, pay_dict(statement))
