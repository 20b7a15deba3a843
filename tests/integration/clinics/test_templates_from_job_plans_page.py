"""The coordinator makes clinic templates from job plans, from the clinics' templates page
or the job plan's own page; nobody else can, and a plan year outside the planning
horizon is refused in words, not with an error page."""

from __future__ import annotations

from datetime import date

import pytest

from rotaplan.clinics.models import ClinicTemplate
from tests.factories.jobplans import ActivityFactory, JobPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    plan = JobPlanFactory(doctor=world.ada)
    ActivityFactory(job_plan=plan, description="Acute medicine clinic")
    return plan


def test_the_templates_page_offers_each_plan_with_clinics_to_template(world, plan, sign_in):
    client = sign_in(world.coordinator)
    page = client.get(f"/clinics/departments/{world.acute.pk}/templates/").content.decode()
    assert f"/clinics/from-job-plan/{plan.pk}/" in page
    assert "1 clinic." in page
    answer = client.post(f"/clinics/from-job-plan/{plan.pk}/", follow=True)
    assert answer.status_code == 200
    made = ClinicTemplate.objects.get()
    assert (made.activity.job_plan, made.clinician) == (plan, world.ada)
    assert "1 clinic template made: Acute medicine clinic" in answer.content.decode()
    page = client.get(f"/clinics/departments/{world.acute.pk}/templates/").content.decode()
    assert f"/clinics/from-job-plan/{plan.pk}/" not in page


def test_the_job_plan_page_offers_the_button_to_the_coordinator_only(world, plan, sign_in):
    path = f"/job-plans/{plan.pk}/"
    assert "Make clinic templates" in sign_in(world.coordinator).get(path).content.decode()
    assert "Make clinic templates" not in sign_in(world.service_manager).get(path).content.decode()


@pytest.mark.parametrize(
    "who", ["service_manager", "booking_coordinator", "cardiology_coordinator"]
)
def test_others_are_refused_and_nothing_is_made(world, plan, sign_in, who):
    answer = sign_in(getattr(world, who)).post(f"/clinics/from-job-plan/{plan.pk}/")
    assert answer.status_code in {403, 404}
    assert not ClinicTemplate.objects.exists()


def test_a_plan_year_outside_the_horizon_is_refused_in_words(world, sign_in):
    plan = JobPlanFactory(doctor=world.ada, year_start=date(2020, 4, 1))
    ActivityFactory(job_plan=plan)
    answer = sign_in(world.coordinator).post(f"/clinics/from-job-plan/{plan.pk}/", follow=True)
    assert answer.status_code == 200
    assert answer.redirect_chain[-1][0] == f"/job-plans/{plan.pk}/"
    assert not ClinicTemplate.objects.exists()
