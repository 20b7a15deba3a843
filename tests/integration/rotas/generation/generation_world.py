"""A small department to generate rotas for: eight doctors in training, day, long-day and
night shifts, and cover for two weeks; the solver runs for real, for a few seconds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from rotaplan.organisation.models import Department
from rotaplan.people.models import Doctor, Role, User
from rotaplan.rotas.models import CoverRequirement, GenerationRun, ShiftType
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import DoctorFactory, user_with_role
from tests.factories.rotas import ShiftTypeFactory

START = date(2026, 8, 3)  # a Monday
END = date(2026, 8, 16)  # two weeks


@dataclass
class Ward:
    department: Department
    doctors: list[Doctor]
    day: ShiftType
    long_day: ShiftType
    night: ShiftType
    coordinator: User


def cover(department: Department, shift: ShiftType, days: range, minimum: int, ideal: int):
    for weekday in days:
        CoverRequirement.objects.create(
            department=department, shift_type=shift, weekday=weekday, minimum=minimum, ideal=ideal
        )


def make_ward(name: str = "Acute medicine", code: str = "acute-medicine", doctors: int = 8) -> Ward:
    department = DepartmentFactory(name=name, code=code)
    day = ShiftTypeFactory(department=department, code="D", name="Day", start=time(9), end=time(17))
    long_day = ShiftTypeFactory(
        department=department, code="LD", name="Long day", start=time(8), end=time(20, 30)
    )
    night = ShiftTypeFactory(
        department=department, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    cover(department, night, range(7), 1, 1)
    cover(department, long_day, range(7), 1, 1)
    cover(department, day, range(5), 1, 2)
    team = [
        DoctorFactory(
            department=department,
            first_name=f"Doctor{i}",
            last_name=f"Team{i}",
            post_start=date(2026, 8, 1),
        )
        for i in range(doctors)
    ]
    return Ward(
        department=department,
        doctors=team,
        day=day,
        long_day=long_day,
        night=night,
        coordinator=user_with_role(Role.ROTA_COORDINATOR, department),
    )


def queued_run(world, **kwargs) -> GenerationRun:
    """A run of the integration world's acute medicine, waiting for the worker (or in the
    state ``kwargs`` give it), without the solver."""
    return GenerationRun.objects.create(
        department=world.acute,
        period_start=START,
        period_end=END,
        time_limit=5,
        created_by=world.coordinator,
        **kwargs,
    )
