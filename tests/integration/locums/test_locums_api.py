"""Locum bookings over the API: 201 with the rate and cost, 422 naming the field at
fault, 404 to anyone outside the department, the booking race won once, and the list
scoped to the user's departments."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client

from rotaplan.cover.models import Gap, GapStatus
from rotaplan.locums.models import LocumBooking
from tests.factories.locums import LocumBookingFactory

pytestmark = pytest.mark.django_db

URL = "/api/locum-bookings"


def body(supplier, **overrides):
    data = {
        "supplier_id": supplier.pk,
        "locum_name": "Dr Sam Reid",
        "gmc_number": "6123456",
        "grade": "ST4",
        "reason": "sickness",
    }
    data.update(overrides)
    return data


def post(client, data):
    return client.post(URL, data, content_type="application/json")


def test_a_gap_is_booked_and_answered_with_the_rate_and_cost(world, sign_in, bank, gap):
    answer = post(sign_in(world.coordinator), body(bank, gap_id=gap.pk, gap_version=gap.version))
    assert answer.status_code == 201, answer.json()
    got = answer.json()
    assert got["hourly_rate_pence"] == 6000
    assert got["cost_pence"] == 75000
    assert got["hours"] == "12.50"
    assert got["hours_kind"] == "day"
    assert got["supplier_kind"] == "bank"
    assert got["gap_id"] == gap.pk
    assert Gap.objects.get(pk=gap.pk).status == GapStatus.BANK


def test_an_ad_hoc_night_across_the_clock_change_costs_13_hours(world, sign_in, bank, night):
    answer = post(
        sign_in(world.coordinator),
        body(
            bank,
            department_id=world.acute.pk,
            shift_type_id=night.pk,
            start="2026-10-24T20:00+01:00",
            end="2026-10-25T08:00Z",
        ),
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["hours"] == "13.00"
    assert answer.json()["cost_pence"] == 13 * 7000


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"gmc_number": "12345"}, "gmc_number"),
        ({"grade": "XX"}, "grade"),
        ({"supplier_id": 999999}, "supplier_id"),
        ({"grade": "CONS"}, "supplier_id"),  # no rate for a consultant on the card
        ({"locum_name": ""}, "locum_name"),
    ],
)
def test_bad_input_is_422_naming_the_field(world, sign_in, bank, gap, overrides, field):
    answer = post(sign_in(world.coordinator), body(bank, gap_id=gap.pk, **overrides))
    assert answer.status_code == 422
    assert field in [e["field"] for e in answer.json()["errors"]], answer.json()
    assert not LocumBooking.objects.exists()


def test_an_ad_hoc_booking_without_times_or_with_a_two_digit_year_is_refused(world, sign_in, bank):
    client = sign_in(world.coordinator)
    missing = post(client, body(bank, department_id=world.acute.pk))
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "start"
    far = post(
        client,
        body(
            bank, department_id=world.acute.pk, start="0026-12-14T08:00Z", end="0026-12-14T20:00Z"
        ),
    )
    assert far.status_code == 422
    assert far.json()["errors"][0]["field"] == "start"


@pytest.mark.parametrize("who", ["cardiology_coordinator", "ada_user", "nobody"])
def test_the_wrong_user_is_refused_on_every_endpoint(world, sign_in, bank, gap, who):
    LocumBookingFactory(department=world.acute, supplier=bank)
    client = sign_in(getattr(world, who))
    assert post(client, body(bank, gap_id=gap.pk)).status_code == 404
    assert (
        post(
            client,
            body(
                bank,
                department_id=world.acute.pk,
                start="2026-12-14T08:00Z",
                end="2026-12-14T20:00Z",
            ),
        ).status_code
        == 404
    )
    listed = client.get(URL)
    assert listed.status_code == 404 or listed.json() == []
    assert client.get(f"{URL}?department={world.acute.pk}").status_code == 404
    assert client.get(f"/api/reports/locum-spend?department={world.acute.pk}").status_code == 404
    assert Gap.objects.get(pk=gap.pk).status == GapStatus.OPEN


def test_a_service_manager_may_read_but_not_book(world, sign_in, bank, gap):
    LocumBookingFactory(department=world.acute, supplier=bank)
    client = sign_in(world.service_manager)
    assert len(client.get(URL).json()) == 1
    answer = post(
        client,
        body(
            bank, department_id=world.acute.pk, start="2026-12-14T08:00Z", end="2026-12-14T20:00Z"
        ),
    )
    assert answer.status_code == 403


def test_the_list_is_scoped_and_filtered(world, sign_in, bank):
    LocumBookingFactory(department=world.acute, supplier=bank, locum_name="Dr Acute")
    LocumBookingFactory(department=world.cardiology, supplier=bank, locum_name="Dr Heart")
    names = [b["locum_name"] for b in sign_in(world.coordinator).get(URL).json()]
    assert names == ["Dr Acute"]
    everyone = sign_in(world.staffing).get(f"{URL}?department={world.cardiology.pk}").json()
    assert [b["locum_name"] for b in everyone] == ["Dr Heart"]
    assert sign_in(world.staffing).get(f"{URL}?status=cancelled").json() == []


def test_a_second_booking_of_a_booked_gap_is_409(world, sign_in, bank, gap):
    assert post(sign_in(world.coordinator), body(bank, gap_id=gap.pk)).status_code == 201
    late = post(sign_in(world.staffing), body(bank, gap_id=gap.pk))
    assert late.status_code == 409
    assert "no longer open" in late.json()["detail"]


def waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return int(cursor.fetchone()[0])


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks to hold two requests at the service; CI runs PostgreSQL",
)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_booking_the_same_gap_at_once_make_one_booking(world, bank, gap):
    """The gap's row is held while both requests reach the service's lock; then released:
    one books (201), the other is told who did (409), and one booking exists."""
    answers: list[int] = []
    holding, release = threading.Event(), threading.Event()

    def hold_the_gap() -> None:
        with transaction.atomic():
            Gap.objects.select_for_update().get(pk=gap.pk)
            holding.set()
            release.wait(timeout=30)
        connections.close_all()

    def booker(user) -> None:
        client = Client()
        client.force_login(user)
        answers.append(post(client, body(bank, gap_id=gap.pk)).status_code)
        connections.close_all()

    holder = threading.Thread(target=hold_the_gap)
    holder.start()
    assert holding.wait(timeout=30)
    bookers = [
        threading.Thread(target=booker, args=(u,)) for u in (world.coordinator, world.staffing)
    ]
    for thread in bookers:
        thread.start()
    deadline = time.monotonic() + 30
    while waiting_for_a_lock() < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert waiting_for_a_lock() == 2, "both bookers should be waiting for the gap"
    release.set()
    for thread in [holder, *bookers]:
        thread.join(timeout=60)
    assert sorted(answers) == [201, 409]
    assert LocumBooking.objects.count() == 1
