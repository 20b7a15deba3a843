"""A coordinator's home lists who is off sick or away with no return to work recorded,
each linked to the record where the return is entered; once it is, they leave the list."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from rotaplan.leave.models import LeaveType
from rotaplan.leave.services import absence_record, absence_return
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

TODAY = date(2026, 8, 20)


def test_an_absence_with_no_return_is_on_the_coordinators_home_until_it_is_recorded(world, sign_in):
    with time_machine.travel(TODAY, tick=False):
        record = absence_record(
            actor=world.coordinator,
            doctor=world.ada,
            leave_type=LeaveType.SICK,
            start=date(2026, 8, 10),
            expected_return=date(2026, 8, 14),
        )
        later = absence_record(
            actor=world.coordinator,
            doctor=world.bea,
            leave_type=LeaveType.SICK,
            start=date(2026, 9, 1),
            expected_return=date(2026, 9, 3),
        )
        client = sign_in(world.coordinator)
        page = client.get("/")
        text = page_text(page)
        assert "Dr Ada Patel: record the return to work" in text
        assert "Sickness from Mon 10 Aug 2026, expected back Fri 14 Aug 2026" in text
        assert f'href="/leave/{record.pk}/"' in page.content.decode()
        assert f'href="/leave/{later.pk}/"' not in page.content.decode()  # not begun yet
        assert "Carys" not in text
        absence_return(actor=world.coordinator, record=record, actual_return=date(2026, 8, 17))
        assert "record the return to work" not in page_text(client.get("/"))


def test_another_departments_coordinator_is_not_shown_it(world, sign_in):
    with time_machine.travel(TODAY, tick=False):
        absence_record(
            actor=world.coordinator,
            doctor=world.ada,
            leave_type=LeaveType.SICK,
            start=date(2026, 8, 10),
            expected_return=date(2026, 8, 14),
        )
        text = page_text(sign_in(world.cardiology_coordinator).get("/"))
    assert "Ada" not in text
