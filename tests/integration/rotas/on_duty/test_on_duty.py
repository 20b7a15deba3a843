"""Who is on now and next: published shifts only, each department the user may see, and
a doctor's phone or bleep only for those allowed to see the department's doctors."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
import time_machine

from rotaplan.rotas.models import RotaStatus
from rotaplan.rotas.on_duty.selectors import on_duty
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

MONDAY_EVENING = datetime.fromisoformat("2026-08-03T21:00:00+01:00")


@pytest.fixture
def shifts(world, night, long_day):
    world.ada.phone = "Bleep 4471"
    world.ada.save()
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    AssignmentFactory(rota=world.rota, doctor=world.bea, shift_type=long_day, date=date(2026, 8, 4))
    draft = RotaFactory(department=world.acute, status=RotaStatus.DRAFT)
    AssignmentFactory(rota=draft, doctor=world.bea, shift_type=night, date=date(2026, 8, 3))
    cardiology_day = ShiftTypeFactory(
        department=world.cardiology, code="D", start=time(8), end=time(17)
    )
    AssignmentFactory(
        rota=world.cardiology_rota,
        doctor=world.carys,
        shift_type=cardiology_day,
        date=date(2026, 8, 4),
    )


def test_the_night_is_on_now_and_the_long_day_next(world, shifts):
    (acute,) = on_duty(world.coordinator, MONDAY_EVENING)
    assert [s.doctor for s in acute.now] == [world.ada]  # the draft's night is not a promise
    assert [[s.doctor for s in group] for group in acute.next] == [[world.bea]]
    assert acute.with_contacts


def test_the_page_shows_the_bleep_to_the_coordinator(world, shifts, sign_in):
    with time_machine.travel(MONDAY_EVENING, tick=False):
        text = page_text(sign_in(world.coordinator).get("/rotas/on-duty/"))
    assert "Dr Ada Patel (ST3), Bleep 4471" in text
    assert "Carys" not in text  # another department's doctor


def test_a_booking_coordinator_sees_who_but_not_their_phone(world, shifts, sign_in):
    with time_machine.travel(MONDAY_EVENING, tick=False):
        text = page_text(sign_in(world.booking_coordinator).get("/rotas/on-duty/"))
    assert "Dr Ada Patel (ST3)" in text
    assert "4471" not in text


def test_medical_staffing_sees_every_department(world, shifts):
    names = [entry.department.name for entry in on_duty(world.staffing, MONDAY_EVENING)]
    assert names == ["Acute medicine", "Cardiology"]


@pytest.mark.parametrize("who", ["ada_user", "nobody"])
def test_a_doctor_or_someone_with_no_role_has_no_such_page(world, shifts, sign_in, who):
    assert sign_in(getattr(world, who)).get("/rotas/on-duty/").status_code == 404


def test_the_coordinators_home_says_who_is_on_now(world, shifts, sign_in):
    with time_machine.travel(MONDAY_EVENING, tick=False):
        text = page_text(sign_in(world.coordinator).get("/"))
    assert "1 doctor on now: Dr Ada Patel (ST3), Bleep 4471" in text
    assert "Who is on now" in text
