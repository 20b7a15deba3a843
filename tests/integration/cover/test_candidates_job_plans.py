"""Cover candidates take job plans into account: a doctor running a clinic, or a fixed
session of their job plan, over the shift is not offered as free, and the refusal says
which clinic and when."""

from __future__ import annotations

from datetime import date, time

import pytest

from rotaplan.clinics.models import ClinicSession, ClinicTemplate, SessionStatus
from rotaplan.cover.candidates import cover_candidates, cover_refusals
from rotaplan.engine.clock import local_datetime
from rotaplan.jobplans.models import Activity, ActivityKind, Category, JobPlan, JobPlanStatus
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import DoctorFactory
from tests.factories.rotas import ShiftTypeFactory

pytestmark = pytest.mark.django_db

WED = date(2026, 8, 12)


@pytest.fixture
def day_shift(world):
    return ShiftTypeFactory(
        department=world.acute, code="D", name="Day", start=time(9), end=time(17)
    )


@pytest.fixture
def cai(world):
    return DoctorFactory(first_name="Cai", last_name="Evans", department=world.acute)


def names(candidates) -> list[str]:
    return [c.doctor.first_name for c in candidates]


def clinic_on(doctor, day=WED, status=SessionStatus.PLANNED, start=time(9), end=time(13)):
    template = ClinicTemplate.objects.create(
        department=doctor.department,
        clinician=doctor,
        name="Cardiology",
        weekday=day.weekday(),
        start=start,
        end=end,
        valid_from=date(2026, 1, 5),
    )
    return ClinicSession.objects.create(
        template=template,
        date=day,
        start=local_datetime(day, start),
        end=local_datetime(day, end),
        clinician=doctor,
        status=status,
        slots_planned=10,
        slots_kept=10,
    )


def test_a_doctor_running_a_clinic_over_the_shift_is_not_free(world, day_shift, cai):
    clinic_on(world.ada)
    assert "Ada" not in names(cover_candidates(shift_type=day_shift, day=WED))
    assert "Cai" in names(cover_candidates(shift_type=day_shift, day=WED))
    (reason,) = cover_refusals(doctor=world.ada, shift_type=day_shift, day=WED, rota=world.rota)
    assert reason == (
        "Dr Ada Patel has Cardiology clinic 09:00\u201313:00 on Wed 12 Aug 2026, which overlaps it"
    )


def test_a_cancelled_clinic_leaves_the_doctor_free(world, day_shift, cai):
    clinic_on(world.ada, status=SessionStatus.CANCELLED)
    assert "Ada" in names(cover_candidates(shift_type=day_shift, day=WED))


def test_a_clinic_outside_the_shift_does_not_count(world, night, cai):
    clinic_on(world.ada)  # ends 13:00, the night starts at 20:00
    assert "Ada" in names(cover_candidates(shift_type=night, day=WED))


def test_a_backfilled_clinic_binds_whoever_runs_it(world, day_shift, cai):
    session = clinic_on(world.ada, status=SessionStatus.BACKFILLED)
    session.clinician = cai
    session.save()
    found = names(cover_candidates(shift_type=day_shift, day=WED))
    assert "Cai" not in found
    assert "Ada" in found


def test_a_fixed_session_of_an_agreed_job_plan_is_a_commitment(world, day_shift, cai):
    plan = JobPlan.objects.create(
        doctor=world.ada, year_start=date(2026, 4, 1), status=JobPlanStatus.AGREED
    )
    Activity.objects.create(
        job_plan=plan,
        category=Category.DCC,
        kind=ActivityKind.WARD_ROUND,
        description="Ward round",
        weekday=WED.weekday(),
        start=time(14),
        end=time(16),
    )
    (reason,) = cover_refusals(doctor=world.ada, shift_type=day_shift, day=WED, rota=world.rota)
    assert (
        reason
        == "Dr Ada Patel has Ward round 14:00\u201316:00 on Wed 12 Aug 2026, which overlaps it"
    )


def test_on_leave_the_clinic_is_not_named_the_leave_is(world, day_shift, cai):
    clinic_on(world.ada)
    LeaveRecordFactory(doctor=world.ada, start=WED, end=WED)
    (reason,) = cover_refusals(doctor=world.ada, shift_type=day_shift, day=WED, rota=world.rota)
    assert reason.startswith("Dr Ada Patel is away")
