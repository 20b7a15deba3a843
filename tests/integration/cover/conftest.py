"""A gap on acute medicine's registrar rota: the night of Wed 12 Aug 2026, with Ada, Cai
and Dee free to cover it; Carys (cardiology) never appears to acute medicine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
import time_machine

from rotaplan.cover.models import Gap
from rotaplan.engine.clock import LONDON
from rotaplan.people.models import Doctor, User
from tests.factories.cover import GapFactory
from tests.factories.people import DoctorFactory, UserFactory

WED = date(2026, 8, 12)
TODAY = datetime(2026, 8, 5, 9, 0, tzinfo=LONDON)


@dataclass
class Cover:
    gap: Gap
    cai: Doctor
    dee: Doctor
    cai_user: User
    dee_user: User


@pytest.fixture
def cover(world, night) -> Cover:
    cai = DoctorFactory(first_name="Cai", last_name="Evans", department=world.acute)
    dee = DoctorFactory(first_name="Dee", last_name="Ward", department=world.acute)
    gap = GapFactory(rota=world.rota, shift_type=night, date=WED, reason="Dr Bea Okafor off sick")
    return Cover(gap, cai, dee, UserFactory(doctor=cai), UserFactory(doctor=dee))


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()
