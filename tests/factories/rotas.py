"""Factories for the rotas app: shift types, rotas and their shifts, cover, requests."""

from __future__ import annotations

from datetime import date, time

import factory
from factory.django import DjangoModelFactory

from rotaplan.engine.clock import shift_bounds
from rotaplan.rotas.models import (
    Assignment,
    CoverMix,
    CoverRequirement,
    Rota,
    RotaRequest,
    RotaStatus,
    ShiftKind,
    ShiftType,
)

from .organisation import DepartmentFactory
from .people import DoctorFactory, UserFactory


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


class CoverMixFactory(DjangoModelFactory):
    class Meta:
        model = CoverMix

    shift_type = factory.SubFactory(ShiftTypeFactory)
    at_least = 1
    grades = factory.LazyFunction(lambda: ["FY2", "CT1", "CT2"])
