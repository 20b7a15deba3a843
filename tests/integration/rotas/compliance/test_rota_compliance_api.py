"""POST /api/rules/check and GET /api/rotas/{id}/compliance: the rules engine's report over
the API, in the shape ``rotaplan check --format json`` prints."""

from __future__ import annotations

import json
from datetime import date, time, timedelta

import pytest

from rotaplan.engine.rules.readings import READINGS
from tests.factories.rotas import AssignmentFactory, ShiftTypeFactory

pytestmark = pytest.mark.django_db


def night(day: date) -> dict[str, str]:
    following = day + timedelta(days=1)
    return {"doctor": "D1", "start": f"{day}T20:00", "end": f"{following}T08:30"}


def document(nights: int) -> dict[str, object]:
    return {
        "period": {"start": "2026-08-03", "end": "2026-08-30"},
        "doctors": [{"id": "D1", "name": "Dr Ada Patel", "rule_set": "tcs2016"}],
        "shifts": [night(date(2026, 8, 3) + timedelta(days=n)) for n in range(nights)],
    }


def post_check(client, body: object):
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post("/api/rules/check", text, content_type="application/json")


def test_api_check_of_a_compliant_rota(world, sign_in):
    response = post_check(sign_in(world.nobody), document(nights=3))
    assert response.status_code == 200
    body = response.json()
    assert body["compliant"] is True
    assert body["breaches"] == []
    assert body["doctors"]["D1"]["night_shifts"] == 3


def test_api_check_finds_five_nights_in_a_row(world, sign_in):
    body = post_check(sign_in(world.ada_user), document(nights=5)).json()
    assert body["compliant"] is False
    breach = next(b for b in body["breaches"] if b["rule"] == "max-consecutive-nights")
    assert breach == {
        "rule": "max-consecutive-nights",
        "doctor": "D1",
        "start": "2026-08-03T20:00:00+01:00",
        "end": "2026-08-08T08:30:00+01:00",
        "value": 5,
        "limit": 4,
        "message": "Dr Ada Patel works 5 nights in a row from Mon 3 Aug 2026; the limit is 4",
        "help": READINGS["max-consecutive-nights"],
    }


def test_api_check_names_each_problem_by_its_json_path(world, sign_in):
    bad = document(nights=2)
    bad["shifts"][1]["end"] = "tomorrow"  # type: ignore[index]
    response = post_check(sign_in(world.nobody), bad)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["shifts[1].end"]
    assert "2026-08-03T08:00" in errors[0]["message"]


def test_api_check_of_json_that_does_not_parse_cannot_be_read(world, sign_in):
    response = post_check(sign_in(world.nobody), '{"doctors": [}')
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"line": 1, "field": "column 14", "message": "not valid JSON: Expecting value"}
    ]


def test_api_check_needs_a_signed_in_user(client):
    response = post_check(client, document(nights=1))
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in first.", "errors": []}


@pytest.fixture
def five_nights(world):
    shift = ShiftTypeFactory(
        department=world.acute, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    for offset in range(5):
        AssignmentFactory(
            rota=world.rota,
            doctor=world.ada,
            shift_type=shift,
            date=date(2026, 8, 3) + timedelta(offset),
        )


def test_api_rota_compliance_for_its_coordinator(world, sign_in, five_nights):
    response = sign_in(world.coordinator).get(f"/api/rotas/{world.rota.pk}/compliance")
    assert response.status_code == 200
    body = response.json()
    assert body["compliant"] is False
    assert "max-consecutive-nights" in {b["rule"] for b in body["breaches"]}
    assert {b["doctor"] for b in body["breaches"]} == {str(world.ada.pk)}
    assert set(body["doctors"]) == {str(world.ada.pk)}


@pytest.mark.parametrize("user", ["cardiology_coordinator", "nobody", "ada_user"])
def test_api_rota_compliance_is_scoped_like_the_rota(world, sign_in, five_nights, user):
    response = sign_in(getattr(world, user)).get(f"/api/rotas/{world.rota.pk}/compliance")
    assert response.status_code == 404
    assert "Ada Patel" not in response.content.decode()


def test_openapi_schema_documents_both_endpoints(world, sign_in):
    schema = sign_in(world.coordinator).get("/api/openapi.json").json()
    check = schema["paths"]["/api/rules/check"]["post"]
    assert "application/json" in check["requestBody"]["content"]
    assert "422" in check["responses"]
    assert "get" in schema["paths"]["/api/rotas/{rota_id}/compliance"]
    assert "ReportOut" in schema["components"]["schemas"]
