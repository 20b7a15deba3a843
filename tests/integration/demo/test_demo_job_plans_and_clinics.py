"""The demo's job plans and clinics show what a clinical director, a service manager, a
coordinator and a booking coordinator meet: plans at every stage with discrepancies, a
year of sessions without bank holidays, a short-notice cancellation waiting for approval,
patients to rebook, and planned against delivered alerts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from rotaplan.clinics.models import (
    Appointment,
    AppointmentStatus,
    ChangeStatus,
    ClinicSession,
    ClinicTemplate,
    RebookingEntry,
    SessionChange,
    SessionStatus,
)
from rotaplan.clinics.schedule import nhs_number_problem
from rotaplan.demo.command import run_demo
from rotaplan.demo.leave import STORY_MONDAY
from rotaplan.engine.clock import is_bank_holiday
from rotaplan.engine.jobplan.pas import job_plan_pas
from rotaplan.jobplans.delivery.selectors import department_delivery, last_weeks
from rotaplan.jobplans.engine_input import stored_input
from rotaplan.jobplans.models import JobPlan, JobPlanStatus
from rotaplan.organisation.models import Department
from rotaplan.people.grades import SAS_GRADES, Grade
from rotaplan.people.models import Doctor, User

from .conftest import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo at 60 doctors, built once for the module (conftest.py)."""

    def built() -> None:
        assert run_demo(seed=1, doctors=60, if_empty=False, echo=lambda *a, **k: None) == 0

    with built_once(django_db_blocker, built):
        yield


def test_every_consultant_and_sas_doctor_has_a_job_plan_at_some_stage(demo):
    seniors = Doctor.objects.filter(grade__in=[Grade.CONSULTANT, *SAS_GRADES])
    plans = JobPlan.objects.filter(doctor__in=seniors)
    assert plans.count() == seniors.count()
    assert set(plans.values_list("status", flat=True)) == set(JobPlanStatus.values)
    signed = plans.filter(status=JobPlanStatus.SIGNED)
    assert all(plan.signed_by.username == "director" for plan in signed)


def test_some_job_plans_carry_the_warnings_a_job_planning_meeting_needs(demo):
    codes = {
        warning.code
        for plan in JobPlan.objects.all()
        for warning in job_plan_pas(stored_input(plan)).warnings
    }
    assert {"over_twelve", "spa_under_policy"} <= codes
    assert "overlap" not in codes  # the alternate-week list and meeting share a slot fairly


def test_a_year_of_sessions_from_the_templates_and_none_on_a_bank_holiday(demo):
    assert ClinicTemplate.objects.filter(activity__isnull=False).exists()
    days = list(ClinicSession.objects.values_list("date", flat=True))
    assert min(days) < date(2026, 8, 10)
    assert max(days) > date(2027, 7, 20)
    assert not [day for day in days if is_bank_holiday(day)]


def test_the_short_notice_story_in_acute_medicine(demo):
    acute = Department.objects.get(code="acute-medicine")
    waiting = SessionChange.objects.get(status=ChangeStatus.AWAITING)
    assert waiting.short_notice
    assert waiting.session.template.department == acute
    assert waiting.session.status == SessionStatus.AWAITING_APPROVAL
    assert waiting.session.date < STORY_MONDAY + timedelta(weeks=6)
    approved = SessionChange.objects.get(short_notice=True, status=ChangeStatus.APPLIED)
    assert approved.decided_by == User.objects.get(username="manager")
    entries = RebookingEntry.objects.filter(department=acute)
    assert entries.exists()
    assert {e.appointment.status for e in entries} == {AppointmentStatus.TO_REBOOK}


def test_patients_booked_have_valid_test_range_nhs_numbers(demo):
    numbers = list(Appointment.objects.values_list("nhs_number", flat=True))
    assert numbers
    assert all(n.startswith("999") and nhs_number_problem(n) is None for n in numbers)


def test_planned_against_delivered_shows_the_discrepancies(demo):
    alerts = [
        alert
        for department in Department.objects.all()
        for _, alert in department_delivery(department, last_weeks(STORY_MONDAY, weeks=8)).alerts
    ]
    assert any("delivered 0.5 a week over the last 8 weeks" in alert for alert in alerts)
    assert any(" lost " in alert for alert in alerts)
