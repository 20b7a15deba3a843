"""The rota grid page: who may open it, what it shows, and that it stays a few queries."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rotaplan.engine.clock import shift_bounds
from rotaplan.leave.models import LeaveType
from rotaplan.people.grades import Grade
from rotaplan.rotas.models import Assignment
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import DoctorFactory
from tests.factories.rotas import AssignmentFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_coordinator_sees_the_week_with_shifts_leave_and_weekends(world, sign_in, night):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    LeaveRecordFactory(
        doctor=world.bea, leave_type=LeaveType.STUDY, start=date(2026, 8, 4), end=date(2026, 8, 4)
    )
    response = sign_in(world.coordinator).get(f"/rotas/{world.rota.pk}/?from=2026-08-05")
    html = response.content.decode()
    text = page_text(response)
    assert response.status_code == 200
    assert "Mon 3 Aug 2026 to Sun 9 Aug 2026" in text
    assert "Ada Patel" in text
    assert "Bea Okafor" in text
    assert 'title="Night, 20:00 to 08:30 Tue 4 Aug 2026 (12.5 hours)">N<' in html
    assert 'class="rp-leave" title="Study leave">SL<' in html
    assert len(re.findall(r'<th scope="col" class="rp-day-head rp-weekend"', html)) == 2
    assert "Foundation" in text
    assert "Registrar" in text
    assert "N Night 20:00 to 08:30 next day" in text  # the legend
    assert "Carys Hughes" not in text


def test_bank_holiday_is_marked_in_the_grid(world, sign_in):
    html = sign_in(world.coordinator).get(f"/rotas/{world.rota.pk}/?from=2026-08-31").content
    assert b'<abbr title="Bank holiday">BH</abbr>' in html
    assert b"rp-bank-holiday" in html


@time_machine.travel(date(2026, 9, 17), tick=False)
def test_grid_opens_on_the_week_of_today(world, sign_in):
    text = page_text(sign_in(world.coordinator).get(f"/rotas/{world.rota.pk}/"))
    assert "Mon 14 Sep 2026 to Sun 20 Sep 2026" in text
    assert "Mon 7 Sep 2026 to Sun 13 Sep 2026" in text  # the link to the week before


def test_four_weeks_and_the_whole_rota_on_request(world, sign_in):
    client = sign_in(world.coordinator)
    four = client.get(f"/rotas/{world.rota.pk}/?from=2026-08-03&weeks=4").content.decode()
    assert four.count('class="rp-day-head') == 28
    whole = client.get(f"/rotas/{world.rota.pk}/?weeks=all").content.decode()
    assert whole.count('class="rp-day-head') == (date(2027, 1, 31) - date(2026, 8, 3)).days + 1


def test_a_date_that_is_not_a_date_shows_the_first_week(world, sign_in):
    response = sign_in(world.coordinator).get(f"/rotas/{world.rota.pk}/?from=soon")
    assert response.status_code == 200


def test_service_manager_and_booking_coordinator_see_the_grid(world, sign_in):
    for user in (world.service_manager, world.booking_coordinator):
        response = sign_in(user).get(f"/rotas/{world.rota.pk}/?from=2026-08-05")
        assert response.status_code == 200
        assert "Ada Patel" in page_text(response)


def test_only_those_who_may_see_doctors_get_links_to_them(world, sign_in):
    link = f'href="/doctors/{world.ada.pk}/"'
    url = f"/rotas/{world.rota.pk}/?from=2026-08-05"
    assert link in sign_in(world.coordinator).get(url).content.decode()
    assert link not in sign_in(world.booking_coordinator).get(url).content.decode()


def test_coordinator_cannot_see_other_department_rota(world, sign_in):
    response = sign_in(world.cardiology_coordinator).get(f"/rotas/{world.rota.pk}/?from=2026-08-05")
    assert response.status_code == 404
    assert "Ada Patel" not in response.content.decode()


def test_doctor_cannot_see_the_department_grid(world, sign_in):
    response = sign_in(world.ada_user).get(f"/rotas/{world.rota.pk}/")
    assert response.status_code == 404
    assert "Bea Okafor" not in response.content.decode()


def test_user_without_a_role_cannot_see_a_rota(world, sign_in):
    assert sign_in(world.nobody).get(f"/rotas/{world.rota.pk}/").status_code == 404


def test_covering_doctor_from_another_department_appears_on_the_grid(world, sign_in, night):
    AssignmentFactory(rota=world.rota, doctor=world.carys, shift_type=night, date=date(2026, 8, 6))
    text = page_text(sign_in(world.coordinator).get(f"/rotas/{world.rota.pk}/?from=2026-08-05"))
    assert "Carys Hughes" in text


def test_thirty_doctors_for_four_weeks_take_a_fixed_number_of_queries(world, sign_in, night):
    doctors = DoctorFactory.create_batch(28, department=world.acute, grade=Grade.CT2)
    days = [date(2026, 8, 3) + timedelta(days=n) for n in range(28)]
    Assignment.objects.bulk_create(
        Assignment(
            rota=world.rota,
            doctor=doctor,
            shift_type=night,
            date=day,
            start=shift_bounds(day, night.start, night.end)[0],
            end=shift_bounds(day, night.start, night.end)[1],
        )
        for doctor in doctors
        for day in days[::2]
    )
    for doctor in doctors[:10]:
        LeaveRecordFactory(doctor=doctor, start=date(2026, 8, 4), end=date(2026, 8, 4))
    client = sign_in(world.coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/rotas/{world.rota.pk}/?from=2026-08-03&weeks=4")
    assert response.status_code == 200
    assert response.content.decode().count(">N<span") == 28 * 14
    # 3 of them for the grid, 4 for the compliance check that marks its breaches (one of
    # them the department's fixed rota lines), 1 for the generation run that made the
    # rota, if one did, 1 for the audit entry of the read
    assert len(queries) <= 18, [q["sql"] for q in queries]
