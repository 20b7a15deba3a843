"""Job plans in the small trust of ``world``: Dr Omar Khan, an acute medicine
consultant who signs in; the clinical directors of acute medicine and of cardiology; and
a cardiology consultant whose job plan acute medicine's users must never reach. Fixtures
here are asked for by name: the delivery tests below this folder share the folder."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from rotaplan.jobplans.models import JobPlan
from rotaplan.people.models import Doctor, Role, User
from tests.factories.jobplans import ConsultantFactory, JobPlanFactory
from tests.factories.people import UserFactory, user_with_role


@dataclass
class JobPlans:
    omar: Doctor  # acute medicine consultant
    omar_user: User
    plan: JobPlan  # Omar's draft job plan, no activities yet
    director: User  # clinical director, acute medicine
    cardiology_director: User
    cardiology_consultant: Doctor
    cardiology_plan: JobPlan


@pytest.fixture
def jp(world) -> JobPlans:
    omar = ConsultantFactory(
        first_name="Omar", last_name="Khan", gmc_number="7054321", department=world.acute
    )
    other = ConsultantFactory(
        first_name="Nia", last_name="Rees", gmc_number="7054322", department=world.cardiology
    )
    return JobPlans(
        omar=omar,
        omar_user=UserFactory(doctor=omar, first_name="Omar", last_name="Khan"),
        plan=JobPlanFactory(doctor=omar),
        director=user_with_role(
            Role.CLINICAL_DIRECTOR, world.acute, first_name="Gemma", last_name="Price"
        ),
        cardiology_director=user_with_role(Role.CLINICAL_DIRECTOR, world.cardiology),
        cardiology_consultant=other,
        cardiology_plan=JobPlanFactory(doctor=other),
    )
