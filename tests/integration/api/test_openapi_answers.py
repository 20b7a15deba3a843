"""The OpenAPI schema lists every answer an endpoint gives: those each endpoint declares,
and those the API's handlers give any endpoint (401, 403 without a CSRF token, 400, 422,
404). Each operation is probed here for the latter; the last test of the session then
compares the schema with every API answer the whole test suite saw (tests/api_answers.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from rotaplan.api.site import api

pytestmark = pytest.mark.django_db

SCHEMA = api.get_openapi_schema()
OPERATIONS = [
    (method, path, operation)
    for path, operations in SCHEMA["paths"].items()
    for method, operation in operations.items()
]


def documented(operation: dict[str, Any]) -> set[int]:
    return {int(status) for status in operation["responses"]}


def address(path: str, record: int = 1) -> str:
    """``path`` with each ``{id}`` filled in."""
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        path = f"{path[:start]}{record}{path[end + 1 :]}"
    return path


def send(client: Client, method: str, path: str, body: str = "{}") -> Any:
    if method == "get":
        return client.get(path)
    return client.generic(method.upper(), path, body, content_type="application/json")


def ids(operations: list[tuple[str, str, dict[str, Any]]]) -> list[str]:
    return [f"{method.upper()} {path}" for method, path, _ in operations]


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=ids(OPERATIONS))
def test_signed_out_is_401_and_documented(client, method, path, operation):
    assert send(client, method, address(path)).status_code == 401
    assert 401 in documented(operation)


WRITES = [op for op in OPERATIONS if op[0] != "get"]


@pytest.mark.parametrize(("method", "path", "operation"), WRITES, ids=ids(WRITES))
def test_a_write_without_its_csrf_token_is_403_and_documented(world, method, path, operation):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staffing)
    response = send(client, method, address(path))
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert 403 in documented(operation)


JSON_BODIES = [
    op for op in OPERATIONS if "application/json" in op[2].get("requestBody", {}).get("content", {})
]


@pytest.mark.parametrize(("method", "path", "operation"), JSON_BODIES, ids=ids(JSON_BODIES))
def test_an_unreadable_body_is_400_and_documented(world, sign_in, method, path, operation):
    response = send(sign_in(world.staffing), method, address(path), body='{"date": ')
    assert response.status_code == 400
    assert 400 in documented(operation)


BODIES = [op for op in OPERATIONS if "requestBody" in op[2]]


@pytest.mark.parametrize(("method", "path", "operation"), BODIES, ids=ids(BODIES))
def test_a_body_without_its_fields_is_422_and_documented(world, sign_in, method, path, operation):
    response = send(sign_in(world.staffing), method, address(path), body=json.dumps({}))
    assert response.status_code == 422
    assert 422 in documented(operation)


RECORDS = [op for op in OPERATIONS if op[0] == "get" and "{" in op[1]]


@pytest.mark.parametrize(("method", "path", "operation"), RECORDS, ids=ids(RECORDS))
def test_a_record_that_does_not_exist_is_404_and_documented(
    world, sign_in, method, path, operation
):
    response = send(sign_in(world.staffing), method, address(path, record=987654321))
    assert response.status_code == 404
    assert 404 in documented(operation)


def test_the_schema_served_is_the_one_with_every_answer(client):
    served = client.get("/api/openapi.json").json()
    assert served["paths"].keys() == SCHEMA["paths"].keys()
    for path, operations in served["paths"].items():
        for method, operation in operations.items():
            assert documented(operation) == documented(SCHEMA["paths"][path][method])


def test_the_schema_names_each_answer_of_an_operation_once(client):
    """A status given once as a number and once as text is one JSON key written twice,
    which Swagger UI refuses to read ("duplicated mapping key")."""
    repeated: list[str] = []

    def keys_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    json.loads(client.get("/api/openapi.json").content, object_pairs_hook=keys_once)
    assert repeated == []
