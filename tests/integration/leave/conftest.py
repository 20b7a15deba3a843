"""A published acute medicine rota with Dr Ada Patel on nights and a day shift in August,
one doctor needed on each night and two on the day shift of Mon 17 Aug, and today frozen
in June 2026, nine weeks before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest
import time_machine

from rotaplan.engine.clock import LONDON
from rotaplan.rotas.models import Assignment, ShiftKind, ShiftType
from tests.factories.rotas import AssignmentFactory, CoverRequirementFactory, ShiftTypeFactory

TODAY = datetime(2026, 6, 1, 9, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@dataclass
class Shifts:
    night: ShiftType
    day: ShiftType
    on_call: ShiftType
    ada_nights: list[Assignment]  # Mon 10 to Wed 12 Aug 2026
    ada_day: Assignment  # Mon 17 Aug 2026
    bea_day: Assignment  # Mon 17 Aug 2026


@pytest.fixture
def shifts(world) -> Shifts:
    """Ada in post for the whole leave year, so that her entitlement is a whole year's."""
    world.ada.post_start = date(2025, 8, 6)
    world.ada.save()
    night = ShiftTypeFactory(
        department=world.acute, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    day = ShiftTypeFactory(
        department=world.acute, code="D", name="Day", start=time(9), end=time(17)
    )
    on_call = ShiftTypeFactory(
        department=world.acute,
        code="OC",
        name="On call",
        start=time(17),
        end=time(9),
        kind=ShiftKind.ON_CALL,
    )
    for weekday in range(7):
        CoverRequirementFactory(shift_type=night, weekday=weekday, minimum=1, ideal=1)
    CoverRequirementFactory(
        shift_type=day, weekday=None, date=date(2026, 8, 17), minimum=2, ideal=2
    )
    nights = [
        AssignmentFactory(
            rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, d)
        )
        for d in (10, 11, 12)
    ]
    return Shifts(
        night=night,
        day=day,
        on_call=on_call,
        ada_nights=nights,
        ada_day=AssignmentFactory(
            rota=world.rota, doctor=world.ada, shift_type=day, date=date(2026, 8, 17)
        ),
        bea_day=AssignmentFactory(
            rota=world.rota, doctor=world.bea, shift_type=day, date=date(2026, 8, 17)
        ),
    )


def date_fields(name: str, day: date) -> dict[str, str]:
    """An NHS date input as the browser posts it."""
    return {
        f"{name}[day]": str(day.day),
        f"{name}[month]": str(day.month),
        f"{name}[year]": str(day.year),
    }
