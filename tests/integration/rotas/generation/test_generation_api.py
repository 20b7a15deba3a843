"""Rota generation over the API: start, poll, cancel; refused to users who may not."""

from __future__ import annotations

import pytest

from rotaplan.rotas.generation.services import execute_run
from rotaplan.rotas.models import GenerationRun, RunStatus
from tests.integration.rotas.generation.generation_world import END, START, make_ward

pytestmark = pytest.mark.django_db

BODY = {"period_start": START.isoformat(), "period_end": END.isoformat(), "time_limit": 5}


def start(client, department_id, **body):
    return client.post(
        f"/api/departments/{department_id}/generation-runs",
        BODY | body,
        content_type="application/json",
    )


def test_a_run_is_started_polled_and_finishes_with_its_draft(sign_in):
    ward = make_ward()
    client = sign_in(ward.coordinator)
    response = start(client, ward.department.pk)
    assert response.status_code == 201
    started = response.json()
    assert started["status"] == "queued"
    assert started["finished"] is False
    execute_run(started["id"])
    body = client.get(f"/api/generation-runs/{started['id']}").json()
    assert body["status"] == "succeeded"
    assert body["finished"] is True
    assert body["rota_id"] == GenerationRun.objects.get().rota_id
    assert body["objective"] is not None
    assert {"gaps", "requests", "fairness"} <= set(body["result"])


def test_a_run_is_cancelled(sign_in):
    ward = make_ward()
    client = sign_in(ward.coordinator)
    run_id = start(client, ward.department.pk).json()["id"]
    response = client.post(f"/api/generation-runs/{run_id}/cancel")
    assert response.status_code == 200
    assert response.json()["cancel_requested"] is True
    execute_run(run_id)
    assert GenerationRun.objects.get().status == RunStatus.CANCELLED


def test_a_wrong_period_is_named_by_its_field(sign_in):
    ward = make_ward()
    response = start(
        sign_in(ward.coordinator), ward.department.pk, period_end="2026-08-01", time_limit=1
    )
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "period_end": "The last day must be on or after the first day",
        "time_limit": "The time limit must be between 5 and 600 seconds",
    }


def test_other_users_are_refused(world, sign_in):
    ward = make_ward(name="Ward", code="ward")
    run_id = start(sign_in(ward.coordinator), ward.department.pk).json()["id"]
    for user in (world.cardiology_coordinator, world.ada_user, world.nobody):
        client = sign_in(user)
        assert start(client, ward.department.pk).status_code == 404
        assert client.get(f"/api/generation-runs/{run_id}").status_code == 404
        assert client.post(f"/api/generation-runs/{run_id}/cancel").status_code == 404
    # Acute medicine's service manager sees acute runs but may not start or cancel them.
    acute_run = start(sign_in(world.coordinator), world.acute.pk).json()["id"]
    viewer = sign_in(world.service_manager)
    assert start(viewer, world.acute.pk).status_code == 403
    assert viewer.get(f"/api/generation-runs/{acute_run}").status_code == 200
    assert viewer.post(f"/api/generation-runs/{acute_run}/cancel").status_code == 403
    assert not GenerationRun.objects.filter(cancel_requested=True).exists()
    assert GenerationRun.objects.count() == 2


def test_signed_out_clients_are_told_to_sign_in(client):
    ward = make_ward()
    assert start(client, ward.department.pk).status_code == 401
    assert client.get("/api/generation-runs/1").status_code == 401
