"""Factories for the people app: doctors, users and their roles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from rotaplan.organisation.models import Department
from rotaplan.people.grades import Contract, Grade
from rotaplan.people.models import Competency, Doctor, Role, RoleAssignment, User

from .organisation import DepartmentFactory

PASSWORD = "correct-horse-battery-staple"


class CompetencyFactory(DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ("code",)

    code = "airway"
    name = "Airway"


class DoctorFactory(DjangoModelFactory):
    class Meta:
        model = Doctor

    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    gmc_number = factory.Sequence(lambda n: f"{7000000 + n:07d}")
    grade = Grade.ST3
    contract = Contract.TCS_2016
    wte = Decimal("1.00")
    department = factory.SubFactory(DepartmentFactory)
    post_start = date(2026, 8, 5)
    post_end = date(2027, 8, 3)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.ROTA_COORDINATOR
    department = factory.SubFactory(DepartmentFactory)


def user_with_role(role: str, department: Department | None = None, **kwargs: object) -> User:
    user = UserFactory(**kwargs)
    RoleAssignmentFactory(user=user, role=role, department=department)
    return user
