"""One factory per model, so every test builds exactly the world it needs."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from rotaplan.engine.clock import shift_bounds
from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.organisation.models import Department, Site, Trust
from rotaplan.people.grades import Contract, Grade
from rotaplan.people.models import Competency, Doctor, Role, RoleAssignment, User
from rotaplan.rotas.models import (
    Assignment,
    CoverRequirement,
    Rota,
    RotaRequest,
    RotaStatus,
    ShiftKind,
    ShiftType,
)

PASSWORD = "correct-horse-battery-staple"


class TrustFactory(DjangoModelFactory):
    class Meta:
        model = Trust
        django_get_or_create = ("ods_code",)

    name = "Northshire Teaching Hospitals NHS Foundation Trust"
    ods_code = "RZZ"


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = Site

    trust = factory.SubFactory(TrustFactory)
    name = factory.Sequence(lambda n: f"Site {n}")
    # ODS site codes are at most 5 characters, however many sites a test session makes.
    ods_code = factory.Sequence(lambda n: f"R{n % 10000:04d}")


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    site = factory.SubFactory(SiteFactory)
    trust = factory.SelfAttribute("site.trust")
    name = factory.Sequence(lambda n: f"Department {n}")
    code = factory.Sequence(lambda n: f"department-{n}")
    treatment_function_code = "300"


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


class ShiftTypeFactory(DjangoModelFactory):
    class Meta:
        model = ShiftType
        django_get_or_create = ("department", "code")

    department = factory.SubFactory(DepartmentFactory)
    code = "LD"
    name = "Long day"
    start = time(8, 0)
    end = time(20, 30)
    kind = ShiftKind.WORK


class RotaFactory(DjangoModelFactory):
    class Meta:
        model = Rota

    department = factory.SubFactory(DepartmentFactory)
    name = "Junior doctors"
    period_start = date(2026, 8, 3)
    period_end = date(2026, 8, 30)
    status = RotaStatus.PUBLISHED


class AssignmentFactory(DjangoModelFactory):
    class Meta:
        model = Assignment

    rota = factory.SubFactory(RotaFactory)
    doctor = factory.SubFactory(
        DoctorFactory, department=factory.SelfAttribute("..rota.department")
    )
    shift_type = factory.SubFactory(
        ShiftTypeFactory, department=factory.SelfAttribute("..rota.department")
    )
    date = date(2026, 8, 3)
    start = factory.LazyAttribute(
        lambda a: shift_bounds(a.date, a.shift_type.start, a.shift_type.end)[0]
    )
    end = factory.LazyAttribute(
        lambda a: shift_bounds(a.date, a.shift_type.start, a.shift_type.end)[1]
    )


class LeaveRecordFactory(DjangoModelFactory):
    class Meta:
        model = LeaveRecord

    doctor = factory.SubFactory(DoctorFactory)
    leave_type = LeaveType.ANNUAL
    start = date(2026, 8, 10)
    end = factory.LazyAttribute(lambda leave: leave.start + timedelta(days=4))
    status = LeaveStatus.APPROVED


class CoverRequirementFactory(DjangoModelFactory):
    class Meta:
        model = CoverRequirement

    shift_type = factory.SubFactory(ShiftTypeFactory)
    department = factory.SelfAttribute("shift_type.department")
    weekday = 0
    minimum = 1
    ideal = 1


class RotaRequestFactory(DjangoModelFactory):
    class Meta:
        model = RotaRequest

    doctor = factory.SubFactory(DoctorFactory)
    kind = "off"
    first_date = date(2026, 8, 8)
    last_date = date(2026, 8, 9)
    weight = 1
    created_by = factory.SubFactory(UserFactory)
