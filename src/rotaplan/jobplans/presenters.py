"""How a job plan reads on a page: PA figures as people write them ("2.33", "10"),
weekdays by name, dates as "Mon 3 Aug 2026", statuses as tags, and the engine's warnings
and premium time in words."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from rotaplan.engine.clock import format_day, format_moment
from rotaplan.engine.jobplan.pas import Breakdown, pas_text
from rotaplan.engine.jobplan.plan import Category as EngineCategory

from .models import (
    Activity,
    Category,
    EventKind,
    JobPlan,
    JobPlanEvent,
    JobPlanStatus,
    OnCallCommitment,
    Weeks,
)
from .services import weekday_name

SummaryRow = dict[str, dict[str, str]]

STATUS_COLOURS = {
    JobPlanStatus.DRAFT: "grey",
    JobPlanStatus.DISCUSSED: "blue",
    JobPlanStatus.AGREED: "yellow",
    JobPlanStatus.SIGNED: "green",
}
NOT_VERIFIED = "not verified against the national terms"


def pas(value: Fraction) -> str:
    """ "2.33 PAs", "1 PA"."""
    text = pas_text(value)
    return f"{text} {'PA' if text == '1' else 'PAs'}"


def decimal_pas(value: Decimal) -> str:
    """A stored figure of PAs as people read it: "1.5", "10"."""
    return pas_text(Fraction(value))


def status_tag(status: str) -> dict[str, str]:
    """Parameters of the NHS.UK tag for a job plan's status."""
    found = JobPlanStatus(status)
    return {"text": found.label, "classes": f"nhsuk-tag--{STATUS_COLOURS[found]}"}


def year_text(plan: JobPlan) -> str:
    return f"Year from {format_day(plan.year_start)}"


def weeks_text(activity: Activity) -> str:
    """ "Every week", "1 week in 2", "10 weeks a year"."""
    if activity.weeks == Weeks.ONE_IN:
        return f"1 week in {activity.weeks_value}"
    if activity.weeks == Weeks.PER_YEAR:
        count = activity.weeks_value
        return f"{count} {'week' if count == 1 else 'weeks'} a year"
    return "Every week"


def times_text(activity: Activity) -> str:
    times = f"{activity.start:%H:%M} to {activity.end:%H:%M}"
    if activity.session:
        return f"{activity.get_session_display()}, {times}"
    return times


@dataclass(frozen=True)
class ActivityRow:
    activity: Activity
    weekday: str
    times: str
    weeks: str
    category: str
    description: str
    where: str
    pas: str


def activity_rows(activities: list[Activity], found: Breakdown) -> list[ActivityRow]:
    """Each activity with its PAs a week as the engine counted them."""
    weekly = {item.activity.id: item.weekly_pas for item in found.activities}
    return [
        ActivityRow(
            activity=a,
            weekday=weekday_name(a.weekday),
            times=times_text(a),
            weeks=weeks_text(a),
            category=a.get_category_display(),
            description=a.description,
            where=", ".join(part for part in (a.location, a.theatre_list) if part),
            pas=pas_text(weekly.get(str(a.pk), Fraction(0))),
        )
        for a in activities
    ]


def category_rows(found: Breakdown) -> list[SummaryRow]:
    """PAs a week by category, on-call counted in direct clinical care, then the total."""
    rows: list[SummaryRow] = [
        {
            "key": {"text": Category(category.value).label},
            "value": {"text": pas(found.by_category.get(category, Fraction(0)))},
        }
        for category in EngineCategory
    ]
    rows.append({"key": {"text": "Total"}, "value": {"text": pas(found.total)}})
    return rows


def on_call_rows(on_call: OnCallCommitment | None, found: Breakdown) -> list[SummaryRow]:
    if on_call is None or found.on_call is None:
        return []
    figures = found.on_call
    if figures.supplement_percent is None:
        supplement = "None for this frequency"
    else:
        supplement = f"{pas_text(figures.supplement_percent)}% of basic salary"
        if not figures.supplement_verified:
            supplement += f" ({NOT_VERIFIED})"
    rows = [
        ("Frequency", f"On call 1 in {on_call.one_in}"),
        ("Category", on_call.get_category_display()),
        (
            "Predictable work",
            f"{decimal_pas(on_call.predictable_hours)} hours a week: "
            f"{pas(figures.predictable)} a week",
        ),
        (
            "Unpredictable work",
            f"{decimal_pas(on_call.unpredictable_hours)} hours a week: "
            f"{pas(figures.unpredictable)} a week",
        ),
        ("Availability supplement", supplement),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def warning_lines(found: Breakdown) -> list[str]:
    return [warning.message for warning in found.warnings]


def summary_rows(plan: JobPlan, found: Breakdown) -> list[SummaryRow]:
    rows = [
        ("Doctor", f"{plan.doctor}, {plan.doctor.get_grade_display()}"),
        ("Department", plan.doctor.department.name),
        ("Job plan year", year_text(plan)),
        ("Working weeks a year", str(plan.weeks_a_year)),
        ("WTE", decimal_pas(plan.doctor.wte)),
        ("Status", plan.get_status_display()),
        ("Total", f"{pas(found.total)} a week"),
    ]
    if plan.signed_by is not None and plan.signed_at is not None:
        rows.append(
            ("Signed off", f"by {plan.signed_by.display_name}, {format_moment(plan.signed_at)}")
        )
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


@dataclass(frozen=True)
class EventRow:
    when: str
    who: str
    what: str
    text: str


def event_rows(events: list[JobPlanEvent]) -> list[EventRow]:
    """The history, newest first."""
    rows = []
    for event in reversed(events):
        if event.kind == EventKind.STATUS and event.status:
            what = JobPlanStatus(event.status).label
        else:
            what = event.get_kind_display()
        rows.append(
            EventRow(
                when=format_moment(event.at),
                who=event.by.display_name if event.by is not None else "Someone",
                what=what,
                text=event.text,
            )
        )
    return rows


@dataclass(frozen=True)
class PlanRow:
    plan: JobPlan
    doctor: str
    grade: str
    year: str
    status: dict[str, str]
    total: str
    warnings: int


def plan_rows(plans: list[JobPlan], breakdowns: dict[int, Breakdown]) -> list[PlanRow]:
    return [
        PlanRow(
            plan=p,
            doctor=str(p.doctor),
            grade=p.doctor.get_grade_display(),
            year=format_day(p.year_start),
            status=status_tag(p.status),
            total=pas_text(breakdowns[p.pk].total),
            warnings=len(breakdowns[p.pk].warnings),
        )
        for p in plans
    ]


def job_plan_read(plan: JobPlan, via: str = "") -> str:
    """How the audit log words a look at a job plan: "their job plan for the year from
    Mon 3 Aug 2026"."""
    return f"their job plan for the year from {format_day(plan.year_start)}" + (
        f" ({via})" if via else ""
    )


def job_plan_list_read(plans: list[JobPlan], via: str = "") -> str:
    count = len(plans)
    return f"the job plan list, {count} job plan{'' if count == 1 else 's'}" + (
        f" ({via})" if via else ""
    )
