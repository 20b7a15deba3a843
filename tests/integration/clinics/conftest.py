from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from rotaplan.clinics.models import SlotType
from tests.factories.clinics import ClinicSessionFactory, ClinicTemplateFactory

# Monday 7 December 2026: the notice window of 6 weeks runs to Mon 18 Jan 2027.
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
SOON = date(2026, 12, 15)  # a Tuesday inside the notice window
LATER = date(2027, 3, 2)  # a Tuesday outside it


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def template(world):
    """Dr Ada Patel's Tuesday morning clinic in acute medicine."""
    return ClinicTemplateFactory(
        department=world.acute, clinician=world.ada, name="Acute follow-up clinic"
    )


@pytest.fixture
def soon(template):
    return ClinicSessionFactory(template=template, date=SOON)


@pytest.fixture
def later(template):
    return ClinicSessionFactory(template=template, date=LATER)


@pytest.fixture
def usc():
    return SlotType.URGENT_SUSPECTED_CANCER
