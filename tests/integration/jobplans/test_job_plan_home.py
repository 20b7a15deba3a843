"""The job plans' part of the home page for each role."""

from __future__ import annotations

import pytest

from rotaplan.jobplans.home import sections
from rotaplan.jobplans.models import JobPlanStatus
from tests.factories.jobplans import full_time_week

pytestmark = pytest.mark.django_db


def links(user):
    return [
        (part.role, link.text, link.description) for part in sections(user) for link in part.links
    ]


def test_a_doctor_with_a_job_plan_sees_its_status_and_pas(world, jp):
    full_time_week(jp.plan)
    assert links(jp.omar_user) == [("doctor", "Your job plan", "Draft, 10 PAs a week")]


def test_a_doctor_without_one_sees_nothing(world, jp):
    assert links(world.ada_user) == []


def test_the_clinical_director_sees_the_plans_to_sign(world, jp):
    full_time_week(jp.plan)
    jp.plan.status = JobPlanStatus.AGREED
    jp.plan.save()
    found = links(jp.director)
    assert [(role, text) for role, text, _ in found] == [
        ("clinical_director", "Job plans to sign: 1"),
        ("clinical_director", "Planned against delivered"),
    ]
    assert links(jp.cardiology_director)[0][1] == "Job plans to sign: 0"


def test_service_managers_coordinators_and_staffing_see_job_plans(world, jp):
    assert [link[:2] for link in links(world.service_manager)] == [
        ("service_manager", "Job plans"),
        ("service_manager", "Planned against delivered"),
    ]
    assert links(world.coordinator)[0][:2] == ("rota_coordinator", "Job plans")
    assert links(world.staffing)[0][:2] == ("medical_staffing", "Job plans")
    assert links(world.nobody) == []
    assert links(world.booking_coordinator) == []


def test_the_home_page_shows_them(world, jp, sign_in):
    page = sign_in(jp.director).get("/")
    assert page.status_code == 200
    assert "Job plans to sign: 0" in page.content.decode()
