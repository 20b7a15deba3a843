"""A fortnight of nights on a published rota of acute medicine, Mon 10 to Sun 23 Aug
2026: seven doctors each working two nights in a row, one doctor a night, each night
needing one. Ada and Bea (the integration world's) are free. Then Dr Nia Night1 falls
sick on her first night, Mon 10 Aug: the night is taken off the rota and its gap opened,
as the coordinator records it. Today is Wed 5 Aug 2026."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from rotaplan.cover.models import Gap, GapCause
from rotaplan.leave.models import LeaveType
from rotaplan.leave.services import absence_record
from rotaplan.people.models import Doctor
from rotaplan.rotas.models import Rota
from tests.factories.people import DoctorFactory
from tests.factories.rotas import AssignmentFactory, CoverRequirementFactory, RotaFactory

FIRST = date(2026, 8, 10)  # a Monday
LAST = date(2026, 8, 23)


@dataclass
class Nights:
    rota: Rota
    doctors: list[Doctor]
    gap: Gap


@pytest.fixture
def nights(world, night, today, settings) -> Nights:
    settings.ROTAPLAN_REPAIR_SECONDS = 5
    for weekday in range(7):
        CoverRequirementFactory(shift_type=night, weekday=weekday, minimum=1, ideal=1)
    rota = RotaFactory(
        department=world.acute, name="Acute medicine nights", period_start=FIRST, period_end=LAST
    )
    doctors = [
        DoctorFactory(
            department=world.acute,
            first_name="Nia",
            last_name=f"Night{i + 1}",
            post_start=date(2026, 8, 5),
        )
        for i in range(7)
    ]
    for i, doctor in enumerate(doctors):
        for day in (FIRST + timedelta(days=2 * i), FIRST + timedelta(days=2 * i + 1)):
            AssignmentFactory(rota=rota, doctor=doctor, shift_type=night, date=day)
    absence_record(
        actor=world.coordinator,
        doctor=doctors[0],
        leave_type=LeaveType.SICK,
        start=FIRST,
        expected_return=FIRST + timedelta(days=1),
        note="Flu",
    )
    gap = Gap.objects.get(cause=GapCause.SICKNESS)
    rota.refresh_from_db()
    return Nights(rota, doctors, gap)
