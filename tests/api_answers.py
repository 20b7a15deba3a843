"""Every answer the tests get from an API endpoint, by operation, so that one test can
check that the OpenAPI schema documents each of them
(tests/integration/api/test_openapi_documents_every_answer.py).

Django's test client is watched for the whole session; the checking test is marked
``every_api_answer_seen`` and runs after every other test, whichever were selected.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

API = "/api/"

# (method, OpenAPI path) -> the status codes the tests saw.
SEEN: dict[tuple[str, str], set[int]] = defaultdict(set)


def openapi_path(route: str) -> str:
    """Django's route ``api/rotas/<int:rota_id>`` as OpenAPI writes it, ``/api/rotas/{rota_id}``."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def _record(request: dict[str, Any], status: int) -> None:
    path = request.get("PATH_INFO", "")
    if not path.startswith(API):
        return
    try:
        match = resolve(path)
    except Resolver404:
        return
    SEEN[(request["REQUEST_METHOD"].lower(), openapi_path(match.route))].add(status)


@pytest.fixture(autouse=True, scope="session")
def watch_api_answers() -> Iterator[None]:
    unwatched = Client.request

    def request(self: Client, **request: Any) -> Any:
        response = unwatched(self, **request)
        _record(request, response.status_code)
        return response

    Client.request = request  # type: ignore[method-assign]
    yield
    Client.request = unwatched  # type: ignore[method-assign]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The check of every answer seen runs last, when every other test has been seen."""
    items.sort(key=lambda item: item.get_closest_marker("every_api_answer_seen") is not None)
