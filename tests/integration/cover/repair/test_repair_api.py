"""The repair over the API: asked for (202), read, applied; the pages' permissions, a
404 for other departments and doctors, a stale repair refused (409)."""

from __future__ import annotations

import pytest

from rotaplan.cover.models import Gap, GapStatus, RepairRun
from rotaplan.cover.repair.services import execute_repair
from rotaplan.rotas.models import Rota

pytestmark = pytest.mark.django_db


def test_a_coordinator_asks_reads_and_applies_a_repair(world, nights, sign_in):
    client = sign_in(world.coordinator)
    asked = client.post(f"/api/gaps/{nights.gap.pk}/repairs")
    assert asked.status_code == 202, asked.json()
    body = asked.json()
    assert (body["status"], body["gap_id"], body["first_day"]) == (
        "queued",
        nights.gap.pk,
        "2026-08-10",
    )
    execute_repair(body["id"])
    read = client.get(f"/api/repairs/{body['id']}").json()
    assert read["status"] == "finished"
    assert read["changes"] == ["Put Dr Bea Okafor on Night on Mon 10 Aug 2026"]
    assert read["add"][0]["doctor_id"] == world.bea.pk
    assert read["fills_gap_ids"] == [nights.gap.pk]
    assert read["gaps_left"] == []

    applied = client.post(f"/api/repairs/{body['id']}/apply")
    assert applied.status_code == 200, applied.json()
    assert applied.json()["applied"] is True
    assert applied.json()["rota_change_version"] == Rota.objects.get(pk=nights.rota.pk).version
    assert Gap.objects.get(pk=nights.gap.pk).status == GapStatus.FILLED_INTERNALLY
    again = client.post(f"/api/repairs/{body['id']}/apply")
    assert again.status_code == 409
    assert again.json()["detail"].startswith("This repair was already applied by")


def test_a_stale_repair_is_refused_with_409(world, nights, sign_in):
    client = sign_in(world.coordinator)
    run_id = client.post(f"/api/gaps/{nights.gap.pk}/repairs").json()["id"]
    execute_repair(run_id)
    Rota.objects.filter(pk=nights.rota.pk).update(version=99)
    refused = client.post(f"/api/repairs/{run_id}/apply")
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "The rota changed since this repair was found: find a new one."
    )


def test_a_gap_of_another_cause_is_refused_with_422(world, nights, sign_in):
    Gap.objects.filter(pk=nights.gap.pk).update(cause="shortfall")
    answer = sign_in(world.coordinator).post(f"/api/gaps/{nights.gap.pk}/repairs")
    assert answer.status_code == 422
    assert "leave, sickness or other absence" in answer.json()["detail"]


@pytest.mark.parametrize("who", ["cardiology_coordinator", "ada_user", "nobody"])
def test_other_departments_and_doctors_find_neither_gap_nor_repair(world, nights, sign_in, who):
    coordinator = sign_in(world.coordinator)
    run_id = coordinator.post(f"/api/gaps/{nights.gap.pk}/repairs").json()["id"]
    execute_repair(run_id)
    client = sign_in(getattr(world, who))
    assert client.post(f"/api/gaps/{nights.gap.pk}/repairs").status_code == 404
    assert client.get(f"/api/repairs/{run_id}").status_code == 404
    assert client.post(f"/api/repairs/{run_id}/apply").status_code == 404
    assert RepairRun.objects.get().applied_at is None


def test_a_service_manager_reads_but_may_not_ask_or_apply(world, nights, sign_in):
    run_id = sign_in(world.coordinator).post(f"/api/gaps/{nights.gap.pk}/repairs").json()["id"]
    client = sign_in(world.service_manager)
    assert client.get(f"/api/repairs/{run_id}").status_code == 200
    assert client.post(f"/api/gaps/{nights.gap.pk}/repairs").status_code == 403
    assert client.post(f"/api/repairs/{run_id}/apply").status_code == 403
