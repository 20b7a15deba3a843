"""Rows to the engine's ``JobPlanInput``: the one place the jobplans app says how its
stored activities, on-call and the department's policy read as the PA arithmetic's input,
so the pages, the API and the services compute the same figures."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from rotaplan.engine.jobplan.plan import (
    Category,
    JobPlanContract,
    JobPlanInput,
    OnCall,
    OnCallCategory,
    PlannedActivity,
    Weeks,
    WeeksKind,
)
from rotaplan.people.grades import Grade
from rotaplan.people.models import Doctor

from .models import Activity, JobPlan, JobPlanPolicy, OnCallCommitment

# The contract whose PA rules apply, by the doctor's grade: only consultants and SAS
# doctors have job plans.
CONTRACT_OF_GRADE: dict[str, JobPlanContract] = {
    Grade.CONSULTANT: JobPlanContract.CONSULTANT_2003,
    Grade.SPECIALTY_DOCTOR: JobPlanContract.SPECIALTY_DOCTOR_2021,
    Grade.SPECIALIST: JobPlanContract.SPECIALIST_2021,
}

# Many trusts ask 1.5 PAs of SPA of a full-timer; a department may set its own.
DEFAULT_MINIMUM_SPA = Decimal("1.5")


def has_job_plan(doctor: Doctor) -> bool:
    """Consultants and SAS doctors are job planned; doctors in training are not."""
    return doctor.grade in CONTRACT_OF_GRADE


def contract_of(doctor: Doctor) -> JobPlanContract:
    return CONTRACT_OF_GRADE.get(doctor.grade, JobPlanContract.CONSULTANT_2003)


def minimum_spa_of(department_id: int) -> Decimal:
    """The department's minimum SPA for a full-timer, or the default when it set none."""
    policy = JobPlanPolicy.objects.filter(department_id=department_id).first()
    return policy.minimum_spa if policy is not None else DEFAULT_MINIMUM_SPA


def exact(value: Decimal) -> Fraction:
    """A stored decimal as an exact fraction: 1.50 is 3/2, never 1.4999..."""
    return Fraction(value)


def planned_activity(activity: Activity, activity_id: str | None = None) -> PlannedActivity:
    """One activity row (saved or not: ``activity_id`` names one not yet saved)."""
    return PlannedActivity(
        id=activity_id or str(activity.pk),
        category=Category(activity.category),
        description=activity.description,
        weekday=activity.weekday,
        start=activity.start,
        end=activity.end,
        weeks=Weeks(WeeksKind(activity.weeks), activity.weeks_value),
    )


def on_call_input(on_call: OnCallCommitment) -> OnCall:
    return OnCall(
        one_in=on_call.one_in,
        category=OnCallCategory(on_call.category),
        predictable_hours=exact(on_call.predictable_hours),
        unpredictable_hours=exact(on_call.unpredictable_hours),
    )


def job_plan_input(
    plan: JobPlan,
    *,
    activities: Iterable[Activity],
    on_call: OnCallCommitment | None,
    minimum_spa: Decimal,
) -> JobPlanInput:
    """The job plan as the engine reads it: the activities and on-call given (as stored,
    or as a change being checked before it is saved), the doctor's contract and WTE, and
    the department's minimum SPA."""
    return JobPlanInput(
        contract=contract_of(plan.doctor),
        activities=tuple(planned_activity(a) for a in activities),
        wte=exact(plan.doctor.wte),
        weeks_a_year=plan.weeks_a_year,
        on_call=on_call_input(on_call) if on_call is not None else None,
        minimum_spa=exact(minimum_spa),
    )


def stored_input(plan: JobPlan) -> JobPlanInput:
    """The job plan as stored, with its department's policy."""
    return job_plan_input(
        plan,
        activities=plan.activities.all(),
        on_call=OnCallCommitment.objects.filter(job_plan=plan).first(),
        minimum_spa=minimum_spa_of(plan.doctor.department_id),
    )
