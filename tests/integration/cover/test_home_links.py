"""The coordinator's home leads to the work: "Open gaps in the next 14 days" opens the
register filtered to exactly those, and the register leads with the gaps still in hand."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
import time_machine

from rotaplan.cover.models import GapStatus
from rotaplan.cover.selectors import GapFilter, gap_register
from tests.factories.cover import GapFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 8, 10)


def test_the_open_gaps_link_opens_the_register_at_the_next_fortnight(world, night, sign_in):
    soon = GapFactory(rota=world.rota, shift_type=night, date=date(2026, 8, 12))
    later = GapFactory(rota=world.rota, shift_type=night, date=date(2026, 8, 30))
    client = sign_in(world.coordinator)
    with time_machine.travel(TODAY, tick=False):
        home = client.get("/").content.decode()
        (link,) = re.findall(r'href="(/cover/gaps/\?status=open[^"]*)"', home)
        register = client.get(html.unescape(link)).content.decode()
    assert "Open gaps in the next 14 days: 1" in home
    assert f'href="/cover/gaps/{soon.pk}/"' in register
    assert f'href="/cover/gaps/{later.pk}/"' not in register


def test_the_register_leads_with_offered_then_open_gaps(world, night):
    filled = GapFactory(
        rota=world.rota, shift_type=night, date=date(2026, 8, 3), status=GapStatus.BANK
    )
    open_gap = GapFactory(rota=world.rota, shift_type=night, date=date(2026, 8, 4))
    offered = GapFactory(
        rota=world.rota, shift_type=night, date=date(2026, 8, 20), status=GapStatus.OFFERED
    )
    found = list(gap_register(world.coordinator, GapFilter()))
    assert found == [offered, open_gap, filled]
