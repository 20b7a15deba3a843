"""Job plans in the demo: one for each consultant and SAS doctor, for the job plan year
from 1 April 2026, in the shapes a clinical director meets.

Most plans are a full-time week of 10 PAs: three clinics, two ward rounds, patient
administration, a theatre or procedure list one week in two, SPA, and on-call for
consultants on an on-call rota (1 in the number of consultants, category A, 3 hours of
emergency work a week: 1 PA at the premium-time rate). Some are discrepancies on purpose:
a plan over 12 PAs, a plan with less SPA than the trust's policy, a plan still in draft,
and plans agreed and waiting for the clinical director's signature. The clinic activities
become clinic templates (``demo.clinics``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import TypeVar

from rotaplan.engine.clock import LONDON
from rotaplan.engine.jobplan.plan import SESSION_TIMES
from rotaplan.jobplans.models import (
    Activity,
    ActivityKind,
    Category,
    EventKind,
    JobPlan,
    JobPlanEvent,
    JobPlanPolicy,
    JobPlanStatus,
    OnCallCategory,
    OnCallCommitment,
    Session,
    Weeks,
)
from rotaplan.organisation.models import Department
from rotaplan.people.grades import SAS_GRADES, Contract, Grade
from rotaplan.people.models import Doctor, User

from .seeding import rng_for
from .staffing import MIN_CONSULTANTS_FOR_ON_CALL

JOB_PLAN_YEAR = date(2026, 4, 1)
# The department's local policy: the SPA a full-time job plan should hold.
DEMO_MINIMUM_SPA = Decimal("1.5")


@dataclass(frozen=True)
class Planned:
    """One activity of the demo week, before it is placed on a doctor's days."""

    category: str
    kind: str
    description: str
    day: int  # 0..4, shifted per doctor so that clinics spread across the week
    session: str
    weeks: str = Weeks.EVERY
    weeks_value: int | None = None


def standard_week(department: Department) -> list[Planned]:
    """Nine PAs a week: eight weekly sessions, and a procedure list and a team meeting
    that take the same afternoon in alternate weeks. With 1 PA of on-call (or, without
    on-call, a further session of patient administration) that makes 10."""
    name = department.name
    return [
        Planned(Category.DCC, ActivityKind.CLINIC, f"{name} new patient clinic", 0, "morning"),
        Planned(Category.DCC, ActivityKind.PATIENT_ADMIN, "Patient administration", 0, "afternoon"),
        Planned(Category.DCC, ActivityKind.WARD_ROUND, "Ward round", 1, "morning"),
        Planned(Category.SPA, ActivityKind.SPA, "SPA: audit, appraisal and CPD", 1, "afternoon"),
        Planned(Category.DCC, ActivityKind.CLINIC, f"{name} follow-up clinic", 2, "morning"),
        Planned(
            Category.DCC,
            ActivityKind.THEATRE,
            f"{name} procedure list",
            2,
            "afternoon",
            Weeks.ONE_IN,
            2,
        ),
        Planned(
            Category.DCC,
            ActivityKind.OTHER,
            "Multidisciplinary team meeting",
            2,
            "afternoon",
            Weeks.ONE_IN,
            2,
        ),
        Planned(Category.DCC, ActivityKind.WARD_ROUND, "Ward round", 3, "morning"),
        Planned(Category.SPA, ActivityKind.TEACHING, "Teaching and training", 3, "afternoon"),
        Planned(Category.DCC, ActivityKind.CLINIC, f"{name} specialist clinic", 4, "morning"),
    ]


# Which plans show which problem; the rest are signed, full-time and in order.
OVER_TWELVE, SPA_SHORT, IN_DRAFT, TO_SIGN, DISCUSSED = range(5)
SATURDAY = 5


def create_job_plans(
    departments: Sequence[Department], doctors: Sequence[Doctor], seed: int
) -> list[JobPlan]:
    """A job plan for every consultant and SAS doctor, with each department's policy."""
    rng = rng_for(seed, "job plans")
    JobPlanPolicy.objects.bulk_create(
        [JobPlanPolicy(department=d, minimum_spa=DEMO_MINIMUM_SPA) for d in departments]
    )
    seniors = [d for d in doctors if d.grade == Grade.CONSULTANT or d.grade in SAS_GRADES]
    consultants_by_department: dict[int, int] = {}
    for doctor in seniors:
        if doctor.contract == Contract.CONSULTANT_2003:
            key = doctor.department_id
            consultants_by_department[key] = consultants_by_department.get(key, 0) + 1
    by_pk = {d.pk: d for d in departments}
    plans: list[JobPlan] = []
    activities: list[tuple[int, Activity]] = []
    on_calls: list[tuple[int, OnCallCommitment]] = []
    events: list[tuple[int, JobPlanEvent]] = []
    for index, doctor in enumerate(seniors):
        shape = index % 9  # 0..4 show a problem, 5..8 are in order
        status = _status_for(shape)
        plans.append(
            JobPlan(
                doctor=doctor,
                year_start=JOB_PLAN_YEAR,
                status=status,
                signed_at=_at(date(2026, 3, 20)) if status == JobPlanStatus.SIGNED else None,
                created_at=_at(date(2026, 2, 2)),
                updated_at=_at(date(2026, 3, 20)),
            )
        )
        week = standard_week(by_pk[doctor.department_id])
        shift = rng.randrange(5)
        for planned in week:
            if shape == SPA_SHORT and planned.kind == ActivityKind.TEACHING:
                planned = Planned(
                    Category.DCC,
                    ActivityKind.CLINIC,
                    "Rapid access clinic",
                    planned.day,
                    planned.session,
                )
            start, end = SESSION_TIMES[planned.session]
            activities.append(
                (
                    index,
                    Activity(
                        category=planned.category,
                        kind=planned.kind,
                        description=planned.description,
                        weekday=(planned.day + shift) % 5,
                        session=planned.session,
                        start=start,
                        end=end,
                        weeks=planned.weeks,
                        weeks_value=planned.weeks_value,
                        location=_location(planned.kind),
                    ),
                )
            )
        if shape == OVER_TWELVE:
            for day in (1, 3):
                activities.append(
                    (
                        index,
                        Activity(
                            category=Category.DCC,
                            kind=ActivityKind.WARD_ROUND,
                            description="Evening ward round",
                            weekday=(day + shift) % 5,
                            session=Session.EVENING,
                            start=SESSION_TIMES[Session.EVENING][0],
                            end=SESSION_TIMES[Session.EVENING][1],
                            location="Ward 7",
                        ),
                    )
                )
            # A Saturday morning ward round: weekend, so premium time under every contract.
            start, end = SESSION_TIMES[Session.MORNING]
            activities.append(
                (
                    index,
                    Activity(
                        category=Category.DCC,
                        kind=ActivityKind.WARD_ROUND,
                        description="Weekend ward round",
                        weekday=SATURDAY,
                        session=Session.MORNING,
                        start=start,
                        end=end,
                        location="Ward 7",
                    ),
                )
            )
        on_call_size = consultants_by_department.get(doctor.department_id, 0)
        if (
            doctor.contract == Contract.CONSULTANT_2003
            and on_call_size >= MIN_CONSULTANTS_FOR_ON_CALL
        ):
            on_calls.append(
                (
                    index,
                    OnCallCommitment(
                        one_in=on_call_size,
                        category=OnCallCategory.A,
                        predictable_hours=Decimal("1.5"),
                        unpredictable_hours=Decimal("1.5"),
                    ),
                )
            )
        else:
            # No on-call: the second SPA-sized gap is a further clinic session.
            activities.append(
                (
                    index,
                    Activity(
                        category=Category.DCC,
                        kind=ActivityKind.PATIENT_ADMIN,
                        description="Patient administration",
                        weekday=(4 + shift) % 5,
                        session=Session.AFTERNOON,
                        start=SESSION_TIMES[Session.AFTERNOON][0],
                        end=SESSION_TIMES[Session.AFTERNOON][1],
                    ),
                )
            )
        events += [(index, e) for e in _history(status)]
    JobPlan.objects.bulk_create(plans)
    Activity.objects.bulk_create([_on(plans[i], a) for i, a in activities])
    OnCallCommitment.objects.bulk_create([_on(plans[i], c) for i, c in on_calls])
    JobPlanEvent.objects.bulk_create([_on(plans[i], e) for i, e in events])
    return plans


Row = TypeVar("Row", Activity, OnCallCommitment, JobPlanEvent)


def signed_by(director: User | None) -> None:
    """The clinical director signed the plans that are signed: set once the demo's users
    exist, since the consultant who signs in is chosen from the plans."""
    if director is None:
        return
    JobPlan.objects.filter(status=JobPlanStatus.SIGNED).update(signed_by=director)
    JobPlanEvent.objects.filter(status=JobPlanStatus.SIGNED).update(by=director)


def demo_consultant(plans: Sequence[JobPlan], department: Department) -> Doctor:
    """The consultant who signs in: the department's first with a signed plan and
    on-call, so their pages show clinics, SPA and on-call together."""
    with_on_call = set(
        OnCallCommitment.objects.filter(job_plan__in=plans).values_list("job_plan_id", flat=True)
    )
    return next(
        p.doctor
        for p in plans
        if p.doctor.department_id == department.pk
        and p.status == JobPlanStatus.SIGNED
        and p.pk in with_on_call
    )


def _on(plan: JobPlan, row: Row) -> Row:
    row.job_plan = plan
    return row


def _status_for(shape: int) -> str:
    if shape == IN_DRAFT:
        return JobPlanStatus.DRAFT
    if shape == DISCUSSED:
        return JobPlanStatus.DISCUSSED
    if shape == TO_SIGN:
        return JobPlanStatus.AGREED
    return JobPlanStatus.SIGNED


def _history(status: str) -> list[JobPlanEvent]:
    steps = [
        (date(2026, 2, 2), JobPlanStatus.DRAFT, "Draft written from last year's job plan."),
        (date(2026, 2, 23), JobPlanStatus.DISCUSSED, "Discussed at the job planning meeting."),
        (date(2026, 3, 9), JobPlanStatus.AGREED, "Agreed with the clinical director."),
        (date(2026, 3, 20), JobPlanStatus.SIGNED, ""),
    ]
    order = [
        JobPlanStatus.DRAFT,
        JobPlanStatus.DISCUSSED,
        JobPlanStatus.AGREED,
        JobPlanStatus.SIGNED,
    ]
    reached = order.index(JobPlanStatus(status))
    return [
        JobPlanEvent(at=_at(day), kind=EventKind.STATUS, status=to, text=text)
        for day, to, text in steps[: reached + 1]
    ]


LOCATIONS: dict[str, str] = {
    ActivityKind.CLINIC: "Outpatients, level 2",
    ActivityKind.THEATRE: "Day procedures unit",
    ActivityKind.WARD_ROUND: "Ward 7",
}


def _location(kind: str) -> str:
    return LOCATIONS.get(kind, "")


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=LONDON)
