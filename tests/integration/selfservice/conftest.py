"""Acute medicine's registrars, Dr Ada Patel and Dr Dan Reid, each with a shift on the
published registrars' rota, on a frozen "today" of Tue 1 Sep 2026."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest
import time_machine

from rotaplan.engine.clock import LONDON
from rotaplan.people.grades import Grade
from rotaplan.people.models import Doctor, User
from rotaplan.rotas.models import Assignment, ShiftType
from tests.factories.people import DoctorFactory, UserFactory
from tests.factories.rotas import AssignmentFactory, ShiftTypeFactory

TODAY = date(2026, 9, 1)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.combine(TODAY, time(9), tzinfo=LONDON), tick=False):
        yield TODAY


@dataclass
class Registrars:
    dan: Doctor
    dan_user: User
    night: ShiftType
    long_day: ShiftType
    adas_night: Assignment  # Mon 7 Sep 2026
    dans_long_day: Assignment  # Thu 10 Sep 2026


@pytest.fixture
def registrars(world) -> Registrars:
    dan = DoctorFactory(first_name="Dan", last_name="Reid", grade=Grade.ST4, department=world.acute)
    night = ShiftTypeFactory(
        department=world.acute, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    long_day = ShiftTypeFactory(
        department=world.acute, code="LD", name="Long day", start=time(8, 30), end=time(21)
    )
    return Registrars(
        dan=dan,
        dan_user=UserFactory(doctor=dan, first_name="Dan", last_name="Reid"),
        night=night,
        long_day=long_day,
        adas_night=AssignmentFactory(
            rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 9, 7)
        ),
        dans_long_day=AssignmentFactory(
            rota=world.rota, doctor=dan, shift_type=long_day, date=date(2026, 9, 10)
        ),
    )
