"""Factories for the jobplans app: a consultant's job plan, its activities and on-call."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from rotaplan.jobplans.models import (
    Activity,
    ActivityKind,
    Category,
    JobPlan,
    JobPlanPolicy,
    JobPlanStatus,
    OnCallCategory,
    OnCallCommitment,
    Weeks,
)
from rotaplan.people.grades import Contract, Grade

from .organisation import DepartmentFactory
from .people import DoctorFactory


class ConsultantFactory(DoctorFactory):
    grade = Grade.CONSULTANT
    contract = Contract.CONSULTANT_2003
    post_end = None


class JobPlanFactory(DjangoModelFactory):
    class Meta:
        model = JobPlan

    doctor = factory.SubFactory(ConsultantFactory)
    year_start = date(2026, 4, 1)
    status = JobPlanStatus.DRAFT
    weeks_a_year = 42


class ActivityFactory(DjangoModelFactory):
    """A weekly Monday morning clinic: 1 PA."""

    class Meta:
        model = Activity

    job_plan = factory.SubFactory(JobPlanFactory)
    category = Category.DCC
    kind = ActivityKind.CLINIC
    description = factory.Sequence(lambda n: f"Clinic {n}")
    weekday = 0
    session = ""
    start = time(9)
    end = time(13)
    weeks = Weeks.EVERY
    weeks_value = None


class OnCallCommitmentFactory(DjangoModelFactory):
    class Meta:
        model = OnCallCommitment

    job_plan = factory.SubFactory(JobPlanFactory)
    one_in = 6
    category = OnCallCategory.A
    predictable_hours = Decimal("1.5")
    unpredictable_hours = Decimal("1.5")


class JobPlanPolicyFactory(DjangoModelFactory):
    class Meta:
        model = JobPlanPolicy
        django_get_or_create = ("department",)

    department = factory.SubFactory(DepartmentFactory)
    minimum_spa = Decimal("1.5")


def full_time_week(plan: JobPlan) -> list[Activity]:
    """Ten PAs: eight sessions of direct clinical care, Monday to Thursday, and SPA on
    Friday morning and afternoon, each 4 hours of plain time."""
    made = []
    for weekday in range(5):
        for start, end in ((time(9), time(13)), (time(13), time(17))):
            spa = weekday == 4
            made.append(
                ActivityFactory(
                    job_plan=plan,
                    weekday=weekday,
                    start=start,
                    end=end,
                    category=Category.SPA if spa else Category.DCC,
                    kind=ActivityKind.SPA if spa else ActivityKind.CLINIC,
                )
            )
    return made
