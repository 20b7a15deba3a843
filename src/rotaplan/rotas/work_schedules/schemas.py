"""A pay statement and a work schedule as the API and the JSON download give them: money as a
string of pounds with pence ("6812.38") and an integer of pence, never a float."""

from __future__ import annotations

from ninja import Field, Schema


class PayLineOut(Schema):
    key: str = Field(
        description="basic, additional_hours, night, weekend, on_call, flexible_pay_premium "
        "(only when one is named) or ltft"
    )
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
    flexible_pay_premium: str | None = Field(
        description="The key of the flexible pay premium included, or null if none was named"
    )
    period: PeriodOut
    figures: dict[str, str] = Field(
        description="The rota's figures the lines use: weeks, average weekly hours, night "
        "hours a week, weekends, on-call periods, the basic hourly rate"
    )
    lines: list[PayLineOut]
    total: str = Field(description="Pounds a year: the sum of the rounded lines")
    total_pence: int
    verified: bool = Field(description="False if any line is not verified: check before use")
    unverified_figures: list[str] = Field(
        description="Each figure not checked against its source, once, e.g. nodal point 3 for "
        "2026/27; the lines that use one say why in unverified_because"
    )
    warning: str | None = Field(
        description="The closing warning naming the unverified figures; null if all are verified"
    )
    notes: list[str]
    rounding_rule: str


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
    help: str = Field(description="How the rule is read, and the text it rests on")


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
    derogated: list[BreachOut] = Field(
        description="WTR limits the hospital derogation disapplies for a doctor in training: "
        "not breaches, each saying what is owed instead (compensatory rest, reg. 24)"
    )
    notes: list[str]
    generated_on: str = Field(description="YYYY-MM-DD")
