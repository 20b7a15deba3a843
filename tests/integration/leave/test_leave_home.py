"""Leave on the home page and in the navigation: a doctor's annual leave left and a link
to their leave; a coordinator's count of leave waiting for a decision."""

from __future__ import annotations

import re

import pytest

from tests.factories.leave import LeaveRecordFactory
from tests.page_text import words

pytestmark = pytest.mark.django_db


def navigation(html: str) -> list[str]:
    header = html.split("</header>")[0]
    return re.findall(r'href="(/leave/[^"]*)"', header)


def test_a_doctor_sees_their_leave_left_and_a_link(world, shifts, sign_in):
    html = sign_in(world.ada_user).get("/").content.decode()
    assert "Your leave" in words(html)
    assert "37 days of annual leave left to book" in words(html)
    assert navigation(html) == ["/leave/"]


def test_a_coordinator_sees_the_leave_waiting_for_their_decision(world, sign_in):
    LeaveRecordFactory(doctor=world.ada, status="requested")
    LeaveRecordFactory(doctor=world.bea, status="approved")
    LeaveRecordFactory(doctor=world.carys, status="requested")
    html = sign_in(world.coordinator).get("/").content.decode()
    assert "Leave waiting for a decision: 1" in words(html)
    assert 'href="/leave/requests/?status=requested"' in html
    assert navigation(html) == ["/leave/requests/"]


def test_a_user_without_a_role_has_no_leave_link(world, sign_in):
    html = sign_in(world.nobody).get("/").content.decode()
    assert "/leave/" not in html
