"""The rota generator does not roster over a consultant's fixed job-plan commitments:
the clinics they run and their job plan's fixed sessions (a theatre list) are fixed
times in the solver's problem, and the rota it makes fits round them."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from rotaplan.clinics.models import ClinicSession, ClinicTemplate, SessionStatus
from rotaplan.engine.clock import local_datetime
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.problem import FixedTime
from rotaplan.jobplans.commitments import commitments
from rotaplan.jobplans.models import Activity, ActivityKind, Category, JobPlan, JobPlanStatus, Weeks
from rotaplan.leave.models import LeaveStatus, LeaveType
from rotaplan.people.grades import Contract, Grade
from rotaplan.rotas.generation.problem import problem_from_department
from rotaplan.rotas.models import StaffGroup
from tests.factories.leave import LeaveRecordFactory
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import DoctorFactory
from tests.factories.rotas import ShiftTypeFactory
from tests.integration.rotas.generation.generation_world import END, START, cover

pytestmark = pytest.mark.django_db

TUESDAYS = [START + timedelta(days=1), START + timedelta(days=8)]
WEDNESDAYS = [START + timedelta(days=2), START + timedelta(days=9)]


def consultants(department, n=3):
    return [
        DoctorFactory(
            department=department,
            first_name=f"Consultant{i}",
            last_name=f"Cardio{i}",
            grade=Grade.CONSULTANT,
            contract=Contract.CONSULTANT_2003,
            post_start=date(2026, 1, 1),
            post_end=None,
        )
        for i in range(n)
    ]


def clinic(
    doctor, weekday=1, name="Cardiology clinic", days=TUESDAYS, status=SessionStatus.PLANNED
):
    template = ClinicTemplate.objects.create(
        department=doctor.department,
        clinician=doctor,
        name=name,
        weekday=weekday,
        start=time(9),
        end=time(13),
        valid_from=date(2026, 1, 5),
    )
    for day in days:
        ClinicSession.objects.create(
            template=template,
            date=day,
            start=local_datetime(day, time(9)),
            end=local_datetime(day, time(13)),
            clinician=doctor,
            status=status,
            slots_planned=10,
            slots_kept=10,
        )
    return template


def theatre_plan(doctor, status=JobPlanStatus.SIGNED, weeks=Weeks.EVERY, weeks_value=None):
    plan = JobPlan.objects.create(doctor=doctor, year_start=date(2026, 4, 6), status=status)
    Activity.objects.create(
        job_plan=plan,
        category=Category.DCC,
        kind=ActivityKind.THEATRE,
        description="Cardiac catheter list",
        weekday=2,
        start=time(13),
        end=time(17),
        weeks=weeks,
        weeks_value=weeks_value,
    )
    Activity.objects.create(
        job_plan=plan,
        category=Category.SPA,
        kind=ActivityKind.SPA,
        description="SPA",
        weekday=4,
        start=time(9),
        end=time(13),
    )
    return plan


def test_clinics_and_fixed_sessions_are_commitments_in_words():
    department = DepartmentFactory()
    a, b, c = consultants(department)
    clinic(a)
    clinic(c, days=TUESDAYS, status=SessionStatus.CANCELLED)
    theatre_plan(b)
    found = commitments([a.pk, b.pk, c.pk], START, END)
    assert [x.what for x in found[a.pk]] == ["Cardiology clinic 09:00\u201313:00"] * 2
    assert [x.day for x in found[a.pk]] == TUESDAYS
    # The theatre list every Wednesday; SPA is not fixed.
    assert [(x.day, x.what) for x in found[b.pk]] == [
        (day, "Cardiac catheter list 13:00\u201317:00") for day in WEDNESDAYS
    ]
    # A cancelled clinic is no commitment.
    assert found[c.pk] == []


def test_one_week_in_n_counts_from_the_job_plan_year_and_leave_days_drop_out():
    department = DepartmentFactory()
    a, b, _ = consultants(department)
    # The year starts Mon 6 Apr 2026: 3 Aug is 17 weeks later, 10 Aug 18.
    theatre_plan(b, weeks=Weeks.ONE_IN, weeks_value=2)
    clinic(a)
    LeaveRecordFactory(
        doctor=a,
        start=TUESDAYS[1],
        end=TUESDAYS[1],
        leave_type=LeaveType.ANNUAL,
        status=LeaveStatus.APPROVED,
    )
    found = commitments([a.pk, b.pk], START, END)
    assert [x.day for x in found[b.pk]] == [WEDNESDAYS[1]]
    assert [x.day for x in found[a.pk]] == [TUESDAYS[0]]


def test_draft_job_plans_and_activities_some_weeks_a_year_are_not_fixed():
    department = DepartmentFactory()
    _, b, c = consultants(department)
    theatre_plan(b, status=JobPlanStatus.DRAFT)
    theatre_plan(c, weeks=Weeks.PER_YEAR, weeks_value=20)
    found = commitments([b.pk, c.pk], START, END)
    assert found[b.pk] == []
    assert found[c.pk] == []


def test_the_generator_does_not_roster_over_them():
    department = DepartmentFactory()
    day = ShiftTypeFactory(department=department, code="D", name="Day", start=time(8), end=time(18))
    cover(department, day, range(5), 1, 1)
    a, b, _c = consultants(department)
    clinic(a)
    theatre_plan(b)
    problem = problem_from_department(department, START, END, StaffGroup.SENIOR)
    fixed = {d.id: [f for f in d.fixed if isinstance(f, FixedTime)] for d in problem.doctors}
    assert [f.label for f in fixed[str(a.pk)]] == ["Cardiology clinic 09:00\u201313:00"] * 2
    assert [f.label for f in fixed[str(b.pk)]] == ["Cardiac catheter list 13:00\u201317:00"] * 2

    rota = generate(problem, time_limit=5, workers=1, deterministic=True)
    on = {(s.doctor, s.day) for s in rota.shifts}
    assert on, "the rota has shifts"
    assert not any((str(a.pk), d) in on for d in TUESDAYS)
    assert not any((str(b.pk), d) in on for d in WEDNESDAYS)
    # Every weekday is still covered: by the colleague free that day.
    assert {d for _, d in on} >= set(TUESDAYS + WEDNESDAYS)
