from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from tests.factories.rotas import AssignmentFactory, ShiftTypeFactory

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def long_day(world):
    return ShiftTypeFactory(
        department=world.acute, code="LD", name="Long day", start=time(8), end=time(20, 30)
    )


@pytest.fixture
def worked(world, long_day):
    """A shift Dr Ada Patel worked, on the published rota, last Monday."""
    return AssignmentFactory(
        rota=world.rota, doctor=world.ada, shift_type=long_day, date=date(2026, 11, 30)
    )
