"""Leave over the API: the same checks and permissions as the pages; another doctor's or
another department's leave is "not found", bad input is named by field, and of two
decisions the second is told who decided (409)."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from django.db import connection, connections, transaction
from django.test import Client

from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.rotas.models import Assignment
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


def post(client, url: str, body: dict[str, object]):
    return client.post(url, body, content_type="application/json")


def asked(world, doctor=None) -> LeaveRecord:
    return LeaveRecordFactory(
        doctor=doctor or world.ada,
        start=date(2026, 8, 10),
        end=date(2026, 8, 12),
        status=LeaveStatus.REQUESTED,
    )


def fields(response) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


ASK = {"leave_type": "annual", "start": "2026-08-10", "end": "2026-08-11", "note": "Wedding"}


def test_a_doctor_asks_and_is_answered_with_the_checks_and_the_impact(world, shifts, sign_in):
    response = post(
        sign_in(world.ada_user), "/api/leave-requests", {**ASK, "doctor_id": world.ada.pk}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["leave"]["status"] == "requested"
    assert body["leave"]["working_days"] == 2
    assert body["checks"]["clashes"] == [
        "Night (N), a night, on Mon 10 Aug 2026 on Acute medicine registrars",
        "Night (N), a night, on Tue 11 Aug 2026 on Acute medicine registrars",
    ]
    shorts = body["impact"]["shifts_below_minimum"]
    assert [(s["shift_type_code"], s["date"]) for s in shorts] == [
        ("N", "2026-08-10"),
        ("N", "2026-08-11"),
    ]
    assert all(s["candidates"] is None for s in shorts)  # shown to coordinators


def test_the_coordinator_reads_the_impact_with_candidates(world, shifts, sign_in):
    record = asked(world)
    body = sign_in(world.coordinator).get(f"/api/leave-requests/{record.pk}/impact").json()
    assert len(body["shifts_below_minimum"]) == 3
    for short in body["shifts_below_minimum"]:
        assert short["candidates"] is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end": "2026-08-01"}, "end"),
        ({"start": "2031-08-10", "end": "2031-08-11"}, "start"),
        ({"leave_type": "sick"}, "leave_type"),
        ({"start": "10/08/2026"}, "start"),
        ({"note": "x" * 201}, "note"),
    ],
)
def test_bad_input_is_named_by_its_field(world, shifts, sign_in, change, field):
    body = {**ASK, "doctor_id": world.ada.pk, **change}
    response = post(sign_in(world.ada_user), "/api/leave-requests", body)
    assert response.status_code == 422
    assert field in fields(response)
    assert not LeaveRecord.objects.exists()


def test_leave_beyond_the_balance_and_overlapping_leave_are_refused(world, shifts, sign_in):
    client = sign_in(world.ada_user)
    long = {**ASK, "doctor_id": world.ada.pk, "start": "2026-08-03", "end": "2026-10-30"}
    assert fields(post(client, "/api/leave-requests", long)) == ["end"]
    asked(world)
    overlapping = post(client, "/api/leave-requests", {**ASK, "doctor_id": world.ada.pk})
    assert overlapping.status_code == 422
    assert fields(overlapping) == ["start"]


def test_a_doctor_cannot_ask_leave_for_another_doctor(world, shifts, sign_in):
    response = post(
        sign_in(world.ada_user), "/api/leave-requests", {**ASK, "doctor_id": world.bea.pk}
    )
    assert response.status_code == 404
    carys = post(
        sign_in(world.coordinator), "/api/leave-requests", {**ASK, "doctor_id": world.carys.pk}
    )
    assert carys.status_code == 404
    nobody = post(sign_in(world.nobody), "/api/leave-requests", {**ASK, "doctor_id": world.ada.pk})
    assert nobody.status_code == 404
    assert not LeaveRecord.objects.exists()


def test_the_list_is_scoped_and_filtered(world, shifts, sign_in):
    mine = asked(world)
    bea = LeaveRecordFactory(doctor=world.bea, status=LeaveStatus.APPROVED)
    LeaveRecordFactory(doctor=world.carys, status=LeaveStatus.REQUESTED)
    own = sign_in(world.ada_user).get("/api/leave-requests").json()
    assert [r["id"] for r in own] == [mine.pk]
    client = sign_in(world.coordinator)
    assert [r["id"] for r in client.get("/api/leave-requests").json()] == [mine.pk, bea.pk]
    approved = client.get("/api/leave-requests?status=approved").json()
    assert [r["id"] for r in approved] == [bea.pk]
    other = client.get(f"/api/leave-requests?department={world.cardiology.pk}").json()
    assert other == []
    assert sign_in(world.nobody).get("/api/leave-requests").json() == []


def test_one_record_is_not_found_outside_the_users_scope(world, shifts, sign_in):
    record = asked(world)
    for user in (UserFactory(doctor=world.bea), world.cardiology_coordinator, world.nobody):
        client = sign_in(user)
        assert client.get(f"/api/leave-requests/{record.pk}").status_code == 404
        assert client.get(f"/api/leave-requests/{record.pk}/impact").status_code == 404
        decision = post(
            client, f"/api/leave-requests/{record.pk}/decision", {"decision": "approve"}
        )
        assert decision.status_code == 404
        assert post(client, f"/api/leave-requests/{record.pk}/withdraw", {}).status_code == 404
    assert sign_in(world.ada_user).get(f"/api/leave-requests/{record.pk}").status_code == 200
    assert LeaveRecord.objects.get().status == LeaveStatus.REQUESTED


def test_a_doctor_cannot_read_the_impact_nor_decide_their_own_leave(world, shifts, sign_in):
    record = asked(world)
    client = sign_in(world.ada_user)
    assert client.get(f"/api/leave-requests/{record.pk}/impact").status_code == 404
    decision = post(client, f"/api/leave-requests/{record.pk}/decision", {"decision": "approve"})
    assert decision.status_code == 404


def test_the_coordinator_approves_and_the_second_decision_is_told_who(world, shifts, sign_in):
    record = asked(world)
    first = post(
        sign_in(world.coordinator),
        f"/api/leave-requests/{record.pk}/decision",
        {"decision": "approve"},
    )
    assert first.status_code == 200
    assert first.json()["status"] == "approved"
    assert not Assignment.objects.filter(doctor=world.ada, shift_type=shifts.night).exists()
    second = post(
        sign_in(world.staffing),
        f"/api/leave-requests/{record.pk}/decision",
        {"decision": "decline", "reason": "Too many away"},
    )
    assert second.status_code == 409
    assert second.json()["detail"].startswith("This request was already approved by")


def test_declining_without_a_reason_names_the_field(world, shifts, sign_in):
    record = asked(world)
    response = post(
        sign_in(world.coordinator),
        f"/api/leave-requests/{record.pk}/decision",
        {"decision": "decline"},
    )
    assert response.status_code == 422
    assert fields(response) == ["reason"]
    unknown = post(
        sign_in(world.coordinator),
        f"/api/leave-requests/{record.pk}/decision",
        {"decision": "maybe"},
    )
    assert unknown.status_code == 422
    assert fields(unknown) == ["decision"]


def test_the_doctor_withdraws_over_the_api_until_it_is_decided(world, shifts, sign_in):
    record = asked(world)
    client = sign_in(world.ada_user)
    assert post(client, f"/api/leave-requests/{record.pk}/withdraw", {}).status_code == 200
    again = post(client, f"/api/leave-requests/{record.pk}/withdraw", {})
    assert again.status_code == 409
    assert again.json()["detail"] == "This request was already withdrawn"


ABSENCE = {"leave_type": "sick", "start": "2026-08-10", "expected_return": "2026-08-18"}


def test_the_coordinator_records_sickness_and_the_return(world, shifts, sign_in):
    client = sign_in(world.coordinator)
    created = post(client, "/api/absences", {**ABSENCE, "doctor_id": world.ada.pk})
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["end"]) == ("approved", "2026-08-17")
    assert not Assignment.objects.filter(doctor=world.ada).exists()
    back = post(
        client, f"/api/absences/{body['id']}/return", {"actual_return": "2026-08-12", "note": ""}
    )
    assert back.status_code == 200
    assert back.json()["leave"]["end"] == "2026-08-11"
    assert "not put back" in back.json()["message"]
    again = post(client, f"/api/absences/{body['id']}/return", {"actual_return": "2026-08-13"})
    assert again.status_code == 422
    assert fields(again) == ["actual_return"]


def test_absence_is_refused_to_others_and_bad_input_is_named(world, shifts, sign_in):
    for user in (world.cardiology_coordinator, world.ada_user, world.service_manager, world.nobody):
        response = post(sign_in(user), "/api/absences", {**ABSENCE, "doctor_id": world.ada.pk})
        assert response.status_code == 404
    client = sign_in(world.coordinator)
    early = {**ABSENCE, "doctor_id": world.ada.pk, "expected_return": "2026-08-10"}
    assert fields(post(client, "/api/absences", early)) == ["expected_return"]
    assert fields(
        post(
            client, "/api/absences", {**ABSENCE, "doctor_id": world.ada.pk, "leave_type": "annual"}
        )
    ) == ["leave_type"]
    assert not LeaveRecord.objects.exists()
    record = asked(world)
    back = post(
        sign_in(world.cardiology_coordinator),
        f"/api/absences/{record.pk}/return",
        {"actual_return": "2026-08-11"},
    )
    assert back.status_code == 404


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
def test_two_coordinators_deciding_at_once_exactly_one_wins(world, shifts):
    """Hold the request's row while two coordinators' decisions reach the service's lock,
    then let them go: one decides, the other is told who did."""
    record = asked(world)
    answers: list[tuple[int, str]] = []
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with transaction.atomic():
            LeaveRecord.objects.select_for_update().get(pk=record.pk)
            holding.set()
            release.wait(timeout=30)
        connections.close_all()

    def decide(user, body) -> None:
        client = Client()
        client.force_login(user)
        response = client.post(
            f"/api/leave-requests/{record.pk}/decision", body, content_type="application/json"
        )
        answers.append((response.status_code, response.json().get("detail", "")))
        connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(timeout=30)
    deciders = [
        threading.Thread(target=decide, args=(world.coordinator, {"decision": "approve"})),
        threading.Thread(
            target=decide, args=(world.staffing, {"decision": "decline", "reason": "Short"})
        ),
    ]
    for thread in deciders:
        thread.start()
    deadline = time.monotonic() + 30
    while waiting_for_a_lock() < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    release.set()
    for thread in [holder, *deciders]:
        thread.join(timeout=60)
    assert sorted(status for status, _ in answers) == [200, 409]
    refused = next(detail for status, detail in answers if status == 409)
    assert refused.startswith("This request was already")
    assert LeaveRecord.objects.get().status in {LeaveStatus.APPROVED, LeaveStatus.DECLINED}
