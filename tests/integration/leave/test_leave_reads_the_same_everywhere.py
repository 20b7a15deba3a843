"""Approved leave and recorded sickness read the same on every page, in the API and in
what the rules engine and the generator are given: the days away, and no shift on them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from rotaplan.engine.clock import LONDON
from rotaplan.engine.solver.problem import Reason
from rotaplan.leave.models import LeaveType
from rotaplan.leave.selectors import unavailable_days
from rotaplan.leave.services import absence_record, leave_decide, leave_request
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def sick(world):
    return absence_record(
        actor=world.coordinator,
        doctor=world.ada,
        leave_type=LeaveType.SICK,
        start=date(2026, 8, 10),
        expected_return=date(2026, 8, 12),
    )


def test_a_doctors_home_page_no_longer_lists_a_shift_taken_off_by_sickness(world, shifts, sign_in):
    with time_machine.travel(datetime(2026, 8, 9, 9, tzinfo=LONDON), tick=False):
        client = sign_in(world.ada_user)
        before = page_text(client.get("/"))
        sick(world)
        after = page_text(client.get("/"))
    assert "Mon 10 Aug 2026 Night" in before
    assert "Mon 10 Aug 2026 Night" not in after
    assert "Tue 11 Aug 2026 Night" not in after
    assert "Wed 12 Aug 2026 Night" in after  # back on the 12th


def test_the_grid_shows_the_leave_code_and_no_shift_once_approved(world, shifts, sign_in):
    record = leave_request(
        actor=world.ada_user,
        doctor=world.ada,
        leave_type=LeaveType.ANNUAL,
        start=date(2026, 8, 10),
        end=date(2026, 8, 11),
    )
    client = sign_in(world.coordinator)
    grid = f"/rotas/{world.rota.pk}/?from=2026-08-10"
    waiting = client.get(grid).content.decode()
    assert 'title="Annual leave">AL<' not in waiting  # only approved leave is shown
    leave_decide(actor=world.coordinator, record=record, approve=True)
    html = client.get(grid).content.decode()
    assert html.count('class="rp-leave" title="Annual leave">AL<') == 2
    assert 'title="Night, 20:00 to 08:30 Tue 11 Aug 2026' not in html
    assert 'title="Night, 20:00 to 08:30 Thu 13 Aug 2026' in html  # the 12th's night


def test_the_api_and_the_rules_engine_read_sickness_as_the_page_does(world, shifts, sign_in):
    record = sick(world)
    body = sign_in(world.coordinator).get(f"/api/leave-requests/{record.pk}").json()
    assert (body["leave"]["status"], body["leave"]["start"], body["leave"]["end"]) == (
        "approved",
        "2026-08-10",
        "2026-08-11",
    )
    away = unavailable_days([world.ada.pk], date(2026, 8, 1), date(2026, 8, 31))[world.ada.pk]
    assert [(u.day, u.reason) for u in away] == [
        (date(2026, 8, 10), Reason.OTHER),
        (date(2026, 8, 11), Reason.OTHER),
    ]
    page = page_text(sign_in(world.ada_user).get(f"/leave/{record.pk}/"))
    assert "Mon 10 Aug 2026 to Tue 11 Aug 2026" in page
    assert "Approved" in page
