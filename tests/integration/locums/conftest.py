from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from rotaplan.cover.models import Gap
from rotaplan.locums.models import HoursKind, Supplier, SupplierKind
from tests.factories.cover import GapFactory
from tests.factories.locums import SupplierFactory, rate_cards
from tests.factories.rotas import ShiftTypeFactory

# Monday 7 December 2026, midday.
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
GAP_DAY = date(2026, 12, 14)  # a Monday


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def bank(db) -> Supplier:
    supplier = SupplierFactory(name="Trust staff bank", kind=SupplierKind.BANK)
    rate_cards(supplier, {HoursKind.DAY: 6000, HoursKind.NIGHT: 7000, HoursKind.WEEKEND: 6500})
    return supplier


@pytest.fixture
def agency(db) -> Supplier:
    supplier = SupplierFactory(name="Medics Direct", kind=SupplierKind.AGENCY)
    rate_cards(supplier, {HoursKind.DAY: 9000, HoursKind.NIGHT: 11000, HoursKind.WEEKEND: 10000})
    return supplier


@pytest.fixture
def long_day(world):
    return ShiftTypeFactory(
        department=world.acute, code="LD", name="Long day", start=time(8), end=time(20, 30)
    )


@pytest.fixture
def night(world):
    return ShiftTypeFactory(
        department=world.acute, code="N", name="Night", start=time(20), end=time(8)
    )


@pytest.fixture
def gap(world, long_day) -> Gap:
    return GapFactory(
        rota=world.rota,
        department=world.acute,
        shift_type=long_day,
        date=GAP_DAY,
        reason="Dr Ada Patel off sick",
    )


def booking_fields(supplier: Supplier, **overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "supplier": supplier,
        "locum_name": "Dr Sam Reid",
        "gmc_number": "6123456",
        "grade": "ST4",
        "reason": "sickness",
    }
    fields.update(overrides)
    return fields
