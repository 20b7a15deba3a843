"""The OpenAPI schema documents every answer the test suite saw an API endpoint give.

This runs after every other test (tests/api_answers.py watches the test client for the
whole session), and needs no database of its own: a test that opened one after the live
server's browser tests would keep the test database from being dropped on PostgreSQL.
"""

from __future__ import annotations

import pytest

from rotaplan.api.site import api
from tests.api_answers import SEEN


def documented(operation: dict) -> set[int]:
    return {int(status) for status in operation["responses"]}


@pytest.mark.every_api_answer_seen
def test_every_answer_the_tests_saw_is_documented():
    """Runs last: by then ``SEEN`` holds every API answer of the session's tests. A crash
    (5xx) is left out: tests provoke one on purpose to prove its shape, and no endpoint
    promises one."""
    schema = api.get_openapi_schema()
    if not SEEN:
        pytest.skip("no test in this run called the API, so there is nothing to compare")
    undocumented = {
        f"{method.upper()} {path}": sorted(
            {status for status in statuses if status < 500}
            - documented(schema["paths"][path][method])
        )
        for (method, path), statuses in SEEN.items()
        if method in schema["paths"].get(path, {})
    }
    assert {operation: codes for operation, codes in undocumented.items() if codes} == {}
