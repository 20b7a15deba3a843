"""The API's shapes of rota records that several rotas endpoints answer with: an assignment,
and the 409 of an edit that would break the rules (one shift added, or a file imported)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from rotaplan.api.errors import ErrorOut
from rotaplan.engine.clock import to_london

from .models import Assignment


class AssignmentOut(Schema):
    id: int
    doctor_id: int
    shift_code: str
    date: date
    start: datetime = Field(description="ISO 8601 with the UK offset, e.g. +01:00 in summer")
    end: datetime

    @staticmethod
    def resolve_shift_code(assignment: Assignment) -> str:
        return assignment.shift_type.code

    @staticmethod
    def resolve_start(assignment: Assignment) -> datetime:
        return to_london(assignment.start)

    @staticmethod
    def resolve_end(assignment: Assignment) -> datetime:
        return to_london(assignment.end)


class BreachOut(Schema):
    rule: str = Field(description="The rule's id, e.g. rest-after-nights")
    doctor: str = Field(description="The doctor's id")
    start: datetime = Field(description="Where the breach starts, with the UK offset")
    end: datetime
    value: float = Field(description="In the rule's own unit: hours, shifts, weekends")
    limit: float
    message: str = Field(description="The breach in a coordinator's words")


class BreachesOut(ErrorOut):
    """409 for an edit that would break the rules: nothing was saved. Send the request
    again with a ``reason`` to save it anyway; the override is recorded."""

    breaches: list[BreachOut] = []
