"""The compliance report as the API gives it, for a stored rota and for a rota sent to
``POST /api/rules/check`` alike (the shape of ``rotaplan check --format json``)."""

from __future__ import annotations

from ninja import Field, Schema


class BreachOut(Schema):
    rule: str = Field(description="The rule's id, e.g. max-consecutive-nights")
    doctor: str = Field(description="The doctor's id, as the rota names them")
    start: str = Field(description="Start of the window at fault, London ISO 8601 with offset")
    end: str = Field(description="End of the window at fault, London ISO 8601 with offset")
    value: float = Field(description="What was measured, in the rule's unit (hours, shifts...)")
    limit: float = Field(description="The rule's limit, in the same unit")
    message: str = Field(
        description="The breach in a coordinator's words, e.g. 'Dr Ada Patel works 5 nights "
        "in a row from Mon 3 Aug 2026; the limit is 4'"
    )
    help: str = Field(description="How the rule is read and the text it rests on, in plain English")


class FiguresOut(Schema):
    average_weekly_hours: float
    max_hours_in_168h: float
    weekends_worked: int
    weekends_in_period: int
    night_shifts: int
    long_shifts: int
    on_call_periods: int


class ReportOut(Schema):
    """The compliance report of ``rotaplan check --format json`` (docs/exchange-format.md)."""

    compliant: bool = Field(description="True when there are no breaches")
    breaches: list[BreachOut] = Field(description="By doctor, then rule id, then start time")
    derogated: list[BreachOut] = Field(
        description="Working Time Regulations limits that the hospital derogation (reg. 21) "
        "disapplies for a doctor in training: not breaches, each saying what is owed instead "
        "(compensatory rest, reg. 24). Same shape and order as breaches"
    )
    local: list[BreachOut] = Field(
        default_factory=list,
        description="The department's local rules the rota does not keep (rule ids starting "
        "local-): not breaches of a doctor's terms. Same shape as breaches",
    )
    doctors: dict[str, FiguresOut] = Field(description="Each doctor's figures, by doctor id")
