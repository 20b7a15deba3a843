"""Clinics over the API: the pages' permissions, 404 outside scope, 409 stale or decided
already, 422 naming the field."""

from __future__ import annotations

import pytest

from tests.factories.clinics import AppointmentFactory

pytestmark = pytest.mark.django_db

TEMPLATE = {
    "name": "Chest pain clinic",
    "weekday": 2,
    "start": "09:00",
    "end": "13:00",
    "valid_from": "2027-01-04",
    "slots": [{"slot_type": "new", "minutes": 30, "count": 3}],
}


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_templates(world, template, sign_in):
    client = sign_in(world.coordinator)
    d = world.acute.pk
    assert [t["name"] for t in client.get(f"/api/clinics/departments/{d}/templates").json()] == [
        "Acute follow-up clinic"
    ]
    made = post(
        client,
        f"/api/clinics/departments/{d}/templates",
        {**TEMPLATE, "clinician_id": world.ada.pk},
    )
    assert made.status_code == 201, made.json()
    assert client.get(f"/api/clinics/templates/{made.json()['id']}").status_code == 200
    zero = post(
        client,
        f"/api/clinics/departments/{d}/templates",
        {
            **TEMPLATE,
            "clinician_id": world.ada.pk,
            "slots": [{"slot_type": "new", "minutes": 0, "count": 3}],
        },
    )
    assert zero.status_code == 422
    assert zero.json()["errors"] == [
        {"field": "slots", "message": "Slot row 1: enter a length of more than 0 minutes"}
    ]
    stranger = post(
        client,
        f"/api/clinics/departments/{d}/templates",
        {**TEMPLATE, "clinician_id": world.carys.pk},
    )
    assert stranger.json()["errors"][0]["field"] == "clinician_id"
    booking = sign_in(world.booking_coordinator)
    assert (
        post(
            booking,
            f"/api/clinics/departments/{d}/templates",
            {**TEMPLATE, "clinician_id": world.ada.pk},
        ).status_code
        == 403
    )
    other = sign_in(world.cardiology_coordinator)
    assert other.get(f"/api/clinics/departments/{d}/templates").status_code == 404
    assert (
        post(
            other, f"/api/clinics/departments/{d}/templates", TEMPLATE | {"clinician_id": 1}
        ).status_code
        == 404
    )
    assert other.get(f"/api/clinics/templates/{template.pk}").status_code == 404


def test_sessions_generate_and_list(world, template, sign_in):
    client = sign_in(world.coordinator)
    d = world.acute.pk
    made = post(
        client,
        f"/api/clinics/departments/{d}/sessions/generate",
        {"start": "2026-12-07", "end": "2026-12-31"},
    )
    assert made.status_code == 200
    assert made.json()["created"] == 4
    backwards = post(
        client,
        f"/api/clinics/departments/{d}/sessions/generate",
        {"start": "2026-12-07", "end": "2026-12-01"},
    )
    assert backwards.status_code == 422
    listed = client.get(f"/api/clinics/departments/{d}/sessions?start=2026-12-07&end=2026-12-31")
    assert [s["date"] for s in listed.json()] == [
        "2026-12-08",
        "2026-12-15",
        "2026-12-22",
        "2026-12-29",
    ]
    assert (
        client.get(
            f"/api/clinics/departments/{d}/sessions?start=2026-12-07&end=2026-12-01"
        ).status_code
        == 422
    )
    assert client.get(f"/api/clinics/sessions/{listed.json()[0]['id']}").status_code == 200
    booking = sign_in(world.booking_coordinator)
    assert (
        post(
            booking,
            f"/api/clinics/departments/{d}/sessions/generate",
            {"start": "2026-12-07", "end": "2026-12-31"},
        ).status_code
        == 403
    )
    other = sign_in(world.cardiology_coordinator)
    assert other.get(f"/api/clinics/sessions/{listed.json()[0]['id']}").status_code == 404
    assert (
        other.get(
            f"/api/clinics/departments/{d}/sessions?start=2026-12-07&end=2026-12-31"
        ).status_code
        == 404
    )
    assert (
        post(
            other,
            f"/api/clinics/departments/{d}/sessions/generate",
            {"start": "2026-12-07", "end": "2026-12-31"},
        ).status_code
        == 404
    )


def test_change_decide_and_rebooking(world, soon, sign_in):
    AppointmentFactory(session=soon, patient_name="Zed Moon")
    client = sign_in(world.coordinator)
    url = f"/api/clinics/sessions/{soon.pk}/changes"
    assert post(client, url, {"action": "reduce", "slots_kept": 40}).status_code == 422
    assert (
        post(
            client, url, {"action": "backfill", "backfill_clinician_id": world.carys.pk}
        ).status_code
        == 422
    )
    assert post(client, url, {"action": "cancel", "version": 99}).status_code == 409
    assert post(sign_in(world.booking_coordinator), url, {"action": "cancel"}).status_code == 403
    assert post(sign_in(world.cardiology_coordinator), url, {"action": "cancel"}).status_code == 404
    client = sign_in(world.coordinator)
    change = post(client, url, {"action": "cancel", "reason": "Leave", "version": soon.version})
    assert change.status_code == 201
    assert change.json()["status"] == "awaiting"
    decision = f"/api/clinics/changes/{change.json()['id']}/decision"
    assert post(client, decision, {"decision": "approve"}).status_code == 403
    assert (
        post(sign_in(world.cardiology_coordinator), decision, {"decision": "approve"}).status_code
        == 404
    )
    manager = sign_in(world.service_manager)
    assert post(manager, decision, {"decision": "refuse"}).status_code == 422
    assert post(manager, decision, {"decision": "approve", "version": 99}).status_code == 409
    approved = post(manager, decision, {"decision": "approve"})
    assert approved.status_code == 200
    assert approved.json()["decided_by"] == world.service_manager.display_name
    late = post(sign_in(world.staffing), decision, {"decision": "approve"})
    assert late.status_code == 409
    assert late.json()["detail"].startswith("This change was already approved by")
    listed = sign_in(world.booking_coordinator).get(
        f"/api/clinics/departments/{world.acute.pk}/rebooking"
    )
    assert [(r["patient_name"], r["nhs_number"]) for r in listed.json()] == [
        ("Zed Moon", "943 476 5919")
    ]
    assert (
        sign_in(world.ada_user)
        .get(f"/api/clinics/departments/{world.acute.pk}/rebooking")
        .status_code
        == 404
    )
