"""One small trust that every page and endpoint test reads: two departments, a doctor or
two in each, and a user for each way of being allowed or refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

import pytest

from rotaplan.organisation.models import Department
from rotaplan.people.grades import Grade
from rotaplan.people.models import Doctor, Role, User
from rotaplan.rotas.models import Rota
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import DoctorFactory, UserFactory, user_with_role
from tests.factories.rotas import RotaFactory, ShiftTypeFactory


@dataclass
class World:
    acute: Department
    cardiology: Department
    ada: Doctor  # acute medicine registrar
    bea: Doctor  # acute medicine foundation doctor, less than full time
    carys: Doctor  # cardiology; her name must never appear to acute medicine's users
    coordinator: User  # rota coordinator, acute medicine
    cardiology_coordinator: User
    service_manager: User  # acute medicine
    booking_coordinator: User  # acute medicine
    staffing: User  # medical staffing, trust-wide
    nobody: User  # signed in, no role
    ada_user: User  # Dr Ada Patel herself
    rota: Rota
    cardiology_rota: Rota


@pytest.fixture
def world(db) -> World:
    acute = DepartmentFactory(name="Acute medicine", code="acute-medicine")
    cardiology = DepartmentFactory(name="Cardiology", code="cardiology", site=acute.site)
    ada = DoctorFactory(first_name="Ada", last_name="Patel", gmc_number="7012345", department=acute)
    bea = DoctorFactory(
        first_name="Bea",
        last_name="Okafor",
        gmc_number="7012346",
        grade=Grade.FY1,
        wte=Decimal("0.60"),
        department=acute,
    )
    carys = DoctorFactory(
        first_name="Carys", last_name="Hughes", gmc_number="7099999", department=cardiology
    )
    return World(
        acute=acute,
        cardiology=cardiology,
        ada=ada,
        bea=bea,
        carys=carys,
        coordinator=user_with_role(Role.ROTA_COORDINATOR, acute),
        cardiology_coordinator=user_with_role(Role.ROTA_COORDINATOR, cardiology),
        service_manager=user_with_role(Role.SERVICE_MANAGER, acute),
        booking_coordinator=user_with_role(Role.BOOKING_COORDINATOR, acute),
        staffing=user_with_role(Role.MEDICAL_STAFFING),
        nobody=UserFactory(),
        ada_user=UserFactory(doctor=ada),
        rota=RotaFactory(
            department=acute,
            name="Acute medicine registrars",
            period_start=date(2026, 8, 3),
            period_end=date(2027, 1, 31),
        ),
        cardiology_rota=RotaFactory(department=cardiology, name="Cardiology SHOs"),
    )


@pytest.fixture
def night(world):
    """Acute medicine's night, 20:00 to 08:30: at least 3 hours between 23:00 and 06:00."""
    return ShiftTypeFactory(
        department=world.acute, code="N", name="Night", start=time(20), end=time(8, 30)
    )


@pytest.fixture
def long_day(world):
    return ShiftTypeFactory(
        department=world.acute, code="LD", name="Long day", start=time(8, 30), end=time(21)
    )
