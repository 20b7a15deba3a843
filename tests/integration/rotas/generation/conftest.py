"""The generation tests plan the rota of August 2026 (``generation_world``); a period is
accepted only within the planning horizon from today (``rotas.horizon``), so they run on a
day before it, and keep passing whatever year the suite is run in."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

PLANNING_DAY = datetime(2026, 7, 20, 9, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def planning_day():
    with time_machine.travel(PLANNING_DAY, tick=True):
        yield
