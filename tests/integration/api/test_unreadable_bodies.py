"""Bad input never crashes the API: every endpoint that reads a JSON document answers a body
that cannot be read (nested 1,000 deep, a 100,000-digit number, NaN, not UTF-8, empty,
too big) with 400 in the one error shape, each problem at its line and column, never 500;
and saves nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from rotaplan.api.bodies import UNREADABLE_BODY
from rotaplan.rotas.models import Assignment, GenerationRun
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.django_db

# Each endpoint that reads a JSON body, by the world it is in.
ENDPOINTS: dict[str, Callable[..., str]] = {
    "rules check": lambda world: "/api/rules/check",
    "pay": lambda world: "/api/pay",
    "generation run": lambda world: f"/api/departments/{world.acute.pk}/generation-runs",
    "assignment": lambda world: f"/api/rotas/{world.rota.pk}/assignments",
}

DEEP = "the document nests more than 32 levels deep; a rota document needs 4, so look for "
DEEP += "brackets that are not closed"
HALF = "\\ud800 is half of a character (a lone surrogate); give both halves of the pair or the "
HALF += "character itself"
EMPTY = [{"field": None, "message": "the request body is empty; send a JSON document"}]


def at(column: int, message: str) -> list[dict[str, object]]:
    return [{"line": 1, "field": f"column {column}", "message": message}]


# What each hostile body holds, and the errors it answers with.
HOSTILE: dict[str, tuple[bytes, list[dict[str, object]]]] = {
    "nested 1,000 deep": (b"[" * 1000 + b"]" * 1000, at(33, DEEP)),
    "a million brackets": (b"[" * 10**6, at(33, DEEP)),
    "objects nested 1,000 deep": (b'{"a": ' * 1000 + b"1" + b"}" * 1000, at(193, DEEP)),
    "a 100,000-digit number": (
        b'{"doctor_id": ' + b"9" * 100_000 + b"}",
        at(
            15,
            "a number written with 100,000 characters (at most 100); the numbers in a rota "
            "document are small",
        ),
    ),
    "NaN": (
        b'{"doctor_id": NaN}',
        at(15, "NaN is not a number JSON allows; give a number such as 0.6"),
    ),
    "Infinity": (
        b'{"time_limit": -Infinity}',
        at(16, "-Infinity is not a number JSON allows; give a number such as 0.6"),
    ),
    "1e999": (b'{"doctor_id": 1e999}', at(15, "1e999 is too large to be a number")),
    "half a character": (b'{"reason": "\\ud800"}', at(13, HALF)),
    "not UTF-8": (
        b'{"reason": "\xff"}',
        [{"field": None, "message": "The document is not UTF-8 text (byte 0xff at line 1)."}],
    ),
    "empty": (b"", EMPTY),
    "only spaces": (b"  \n ", EMPTY),
}


@pytest.fixture
def coordinator_client(world) -> Client:
    """Acute medicine's coordinator, signed in through the form and sending the CSRF token
    as an API client must (the csrftoken cookie's value in the X-CSRFToken header)."""
    client = Client(enforce_csrf_checks=True)
    client.get("/sign-in/")
    signed_in = client.post(
        "/sign-in/",
        {
            "username": world.coordinator.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    assert signed_in.status_code == 302, "sign-in failed"
    client.defaults["HTTP_X_CSRFTOKEN"] = client.cookies["csrftoken"].value
    return client


def post(client: Client, path: str, body: bytes):
    return client.post(path, body, content_type="application/json")


def assert_nothing_saved() -> None:
    assert not Assignment.objects.exists()
    assert not GenerationRun.objects.exists()


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_body_that_cannot_be_read_answers_400_naming_its_problem(
    world, coordinator_client, endpoint, hostile
):
    body, errors = HOSTILE[hostile]

    response = post(coordinator_client, ENDPOINTS[endpoint](world), body)

    assert response.status_code == 400
    assert response.json() == {"detail": UNREADABLE_BODY, "errors": errors}
    assert_nothing_saved()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_body_over_5_mb_answers_400_unread(world, coordinator_client, endpoint):
    response = post(coordinator_client, ENDPOINTS[endpoint](world), b" " * (5 * 1024 * 1024 + 1))

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The request body is larger than 5 MB, the most the API reads.",
        "errors": [],
    }
    assert_nothing_saved()


def test_a_rota_inside_a_pay_request_is_read_within_the_same_bounds(world, coordinator_client):
    rota = b'{"doctors": [' + b"[" * 40 + b"]" * 40 + b'], "shifts": []}'
    body = b'{"doctor": "D1", "nodal_point": 3, "rota": ' + rota + b"}"

    response = post(coordinator_client, "/api/pay", body)

    # The request and the rota are levels 1 and 2; the doctors list, at offset `doctors`,
    # is level 3, so level 33 opens 30 characters on, in column (offset + 1).
    doctors = body.index(b"[" * 41)
    assert response.status_code == 400
    assert response.json()["errors"] == at(doctors + 30 + 1, DEEP)


def test_a_document_read_but_wrong_is_still_422(world, coordinator_client):
    """The line between the two: a body that parses, holding a rota with a mistake."""
    body = b'{"doctors": [{"id": "D1", "wte": 0}], "shifts": []}'

    response = post(coordinator_client, "/api/rules/check", body)

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "doctors[0].wte",
            "value": "0",
            "message": "wte (whole-time equivalent) must be at least 0.1 and at most 1; got 0",
        }
    ]
