"""The gap register, candidates and offers over the API: the pages' permissions, the
accept race, offers refused with the rule, and bad input named field by field."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client

from rotaplan.cover.models import CoverOffer, Gap, GapStatus
from rotaplan.cover.services import gap_offer
from rotaplan.rotas.models import Assignment
from tests.factories.leave import LeaveRecordFactory

from .conftest import WED

pytestmark = pytest.mark.django_db


def post(client, url: str, body: dict[str, object]):
    return client.post(url, body, content_type="application/json")


def test_a_coordinator_lists_reads_and_fills_a_gap(world, cover, sign_in):
    client = sign_in(world.coordinator)
    listed = client.get("/api/gaps", {"department": world.acute.pk, "status": "open"})
    assert listed.status_code == 200
    body = listed.json()
    assert body["count"] == 1
    gap = body["gaps"][0]
    assert (gap["id"], gap["shift_type"], gap["date"], gap["status"], gap["cause"]) == (
        cover.gap.pk,
        "N",
        "2026-08-12",
        "open",
        "sickness",
    )
    candidates = client.get(f"/api/gaps/{cover.gap.pk}/candidates").json()
    assert {c["doctor"] for c in candidates} == {
        "Dr Ada Patel",
        "Dr Cai Evans",
        "Dr Dee Ward",
        "Dr Bea Okafor",
    }
    assert all(c["extra_shifts_per_wte"] == 0 for c in candidates)
    offered = post(client, f"/api/gaps/{cover.gap.pk}/offers", {"doctor_ids": [cover.cai.pk]})
    assert offered.status_code == 201, offered.json()
    (offer,) = offered.json()
    assert offer["status"] == "waiting"
    detail = client.get(f"/api/gaps/{cover.gap.pk}").json()
    assert detail["status"] == "offered"
    assert [o["doctor"] for o in detail["offers"]] == ["Dr Cai Evans"]

    accepted = post(sign_in(cover.cai_user), f"/api/offers/{offer['id']}/answer", {"accept": True})
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert Gap.objects.get().status == GapStatus.FILLED_INTERNALLY


def test_the_register_filters_by_dates(world, cover, sign_in):
    client = sign_in(world.staffing)
    assert client.get("/api/gaps", {"from": "2026-08-13"}).json()["count"] == 0
    assert client.get("/api/gaps", {"from": "2026-08-12", "to": "2026-08-12"}).json()["count"] == 1


def test_bad_filters_are_named(world, cover, sign_in):
    client = sign_in(world.coordinator)
    bad = client.get("/api/gaps", {"status": "lost", "from": "12/08/2026"})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"status", "from"}
    far = client.get("/api/gaps", {"to": "2090-01-01"})
    assert far.status_code == 422
    assert far.json()["errors"][0]["field"] == "to"
    backwards = client.get("/api/gaps", {"from": "2026-08-12", "to": "2026-08-01"})
    assert backwards.json()["errors"][0]["field"] == "to"


def test_another_department_or_a_doctor_is_told_nothing(world, cover, sign_in):
    other = sign_in(world.cardiology_coordinator)
    assert other.get("/api/gaps").json()["count"] == 0
    assert other.get(f"/api/gaps/{cover.gap.pk}").status_code == 404
    assert other.get(f"/api/gaps/{cover.gap.pk}/candidates").status_code == 404
    assert (
        post(other, f"/api/gaps/{cover.gap.pk}/offers", {"doctor_ids": [cover.cai.pk]}).status_code
        == 404
    )
    doctor = sign_in(world.ada_user)
    assert doctor.get("/api/gaps").status_code == 404
    assert doctor.get(f"/api/gaps/{cover.gap.pk}").status_code == 404
    assert not CoverOffer.objects.exists()


def test_a_service_manager_reads_but_may_not_offer(world, cover, sign_in):
    client = sign_in(world.service_manager)
    assert client.get(f"/api/gaps/{cover.gap.pk}").status_code == 200
    assert client.get(f"/api/gaps/{cover.gap.pk}/candidates").status_code == 403
    refused = post(client, f"/api/gaps/{cover.gap.pk}/offers", {"doctor_ids": [cover.cai.pk]})
    assert refused.status_code == 403


def test_another_doctor_cannot_answer_an_offer(world, cover, sign_in):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    refused = post(sign_in(cover.dee_user), f"/api/offers/{offer.pk}/answer", {"accept": True})
    assert refused.status_code == 404
    assert not Assignment.objects.exists()


def test_an_offer_to_an_ineligible_doctor_is_refused_with_the_rule(world, cover, sign_in):
    LeaveRecordFactory(doctor=cover.dee, start=WED, end=WED)
    client = sign_in(world.coordinator)
    refused = post(client, f"/api/gaps/{cover.gap.pk}/offers", {"doctor_ids": [cover.dee.pk]})
    assert refused.status_code == 422
    (error,) = refused.json()["errors"]
    assert error["field"] == "doctor_ids"
    assert "Dr Dee Ward is away: annual leave" in error["message"]
    other = post(client, f"/api/gaps/{cover.gap.pk}/offers", {"doctor_ids": [world.carys.pk]})
    assert other.status_code == 422
    assert other.json()["errors"][0] == {
        "field": "doctor_ids",
        "value": str(world.carys.pk),
        "message": "Choose doctors of the gap's department",
    }


def test_an_answer_from_a_doctor_who_can_no_longer_take_it_names_the_rule(world, cover, sign_in):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    LeaveRecordFactory(doctor=cover.cai, start=WED, end=WED)
    refused = post(sign_in(cover.cai_user), f"/api/offers/{offer.pk}/answer", {"accept": True})
    assert refused.status_code == 422
    assert "Dr Cai Evans cannot take this shift: Dr Cai Evans is away" in refused.json()["detail"]


def test_bad_input_is_named(world, cover, sign_in):
    client = sign_in(world.coordinator)
    empty = post(client, f"/api/gaps/{cover.gap.pk}/offers", {"doctor_ids": []})
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "doctor_ids"
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    wrong = post(sign_in(cover.cai_user), f"/api/offers/{offer.pk}/answer", {"accept": "perhaps"})
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "accept"


def test_the_second_to_accept_gets_409(world, cover, sign_in):
    offers = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai, cover.dee])
    by_doctor = {o.doctor_id: o for o in offers}
    first = post(
        sign_in(cover.cai_user),
        f"/api/offers/{by_doctor[cover.cai.pk].pk}/answer",
        {"accept": True},
    )
    assert first.status_code == 200
    second = post(
        sign_in(cover.dee_user),
        f"/api/offers/{by_doctor[cover.dee.pk].pk}/answer",
        {"accept": True},
    )
    assert second.status_code == 409
    assert second.json()["detail"] == "This shift was already taken by Dr Cai Evans."


def waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return int(cursor.fetchone()[0])


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks to hold two requests at the service; CI runs PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_doctors_accepting_at_the_same_moment_exactly_one_wins(world, cover):
    """Hold the gap's row while both doctors' requests reach the service's lock; then let
    them go: one gets the shift, the other a 409, and the rota has one new shift."""
    offers = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai, cover.dee])
    answers: list[tuple[int, str]] = []
    holding, release = threading.Event(), threading.Event()

    def hold_the_gap() -> None:
        with transaction.atomic():
            Gap.objects.select_for_update().get(pk=cover.gap.pk)
            holding.set()
            release.wait(timeout=30)
        connections.close_all()

    def accept(user, offer) -> None:
        client = Client()
        client.force_login(user)
        response = post(client, f"/api/offers/{offer.pk}/answer", {"accept": True})
        answers.append((response.status_code, response.content.decode()))
        connections.close_all()

    holder = threading.Thread(target=hold_the_gap)
    holder.start()
    assert holding.wait(timeout=30)
    users = {cover.cai.pk: cover.cai_user, cover.dee.pk: cover.dee_user}
    doctors = [threading.Thread(target=accept, args=(users[o.doctor_id], o)) for o in offers]
    for thread in doctors:
        thread.start()
    deadline = time.monotonic() + 30
    while waiting_for_a_lock() < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert waiting_for_a_lock() == 2
    release.set()
    for thread in [holder, *doctors]:
        thread.join(timeout=60)
    assert sorted(status for status, _ in answers) == [200, 409]
    assert "already taken by" in next(body for status, body in answers if status == 409)
    assert Assignment.objects.filter(date=WED).count() == 1
    assert Gap.objects.get().status == GapStatus.FILLED_INTERNALLY
