"""The answers every endpoint can give because of the API's own handlers (``site.py``),
written into the OpenAPI schema beside the ones each endpoint declares.

django-ninja documents only what an operation's ``response=`` names, but a client also
meets what happens before or around the endpoint: 401 before sign-in, 403 for a write
without its CSRF token, 400 for a body that cannot be read, 422 for a request that fails
validation, 404 for a record out of reach. Each is added to the operations it can come
from, unless the operation already says it in its own words. The last test of the suite
compares the schema with every API answer the other tests saw
(tests/integration/api/test_openapi_documents_every_answer.py).
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = "ErrorOut"
WRITES = {"post", "put", "patch", "delete"}

SIGN_IN_FIRST = "Not signed in: `Sign in first.`"
NO_CSRF_TOKEN = (
    "The CSRF token is missing or wrong: send the csrftoken cookie's value in the "
    "X-CSRFToken header."
)
UNREADABLE = (
    "The body cannot be read: empty, not UTF-8, not JSON, nested too deep, a number that is "
    "not finite, or larger than 5 MB; each problem at its line and column."
)
INVALID = "The request was read but is wrong: each problem names its field."
NOT_FOUND = (
    "No such record, or one outside your role's scope: the answer is the same, so it says "
    "nothing of what exists elsewhere."
)


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}}
        },
    }


def common_answers(method: str, operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The answers ``operation`` can give whatever its endpoint does, by status code."""
    parameters = operation.get("parameters", [])
    answers: dict[str, dict[str, Any]] = {}
    if operation.get("security"):
        answers["401"] = _error(SIGN_IN_FIRST)
    if method in WRITES:
        answers["403"] = _error(NO_CSRF_TOKEN)
    if "requestBody" in operation:
        answers["400"] = _error(UNREADABLE)
    if "requestBody" in operation or any(p.get("in") == "query" for p in parameters):
        answers["422"] = _error(INVALID)
    if any(p.get("in") == "path" for p in parameters):
        answers["404"] = _error(NOT_FOUND)
    return answers


def document_common_answers(schema: dict[str, Any], error_schema: dict[str, Any]) -> None:
    """Adds each operation's common answers that it does not already document.
    ``error_schema`` is the error shape's JSON schema (its ``$defs`` referred to as
    components), added to the components if no endpoint has named it yet."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    if ERROR_SCHEMA not in components:
        error_schema = dict(error_schema)
        for name, definition in error_schema.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components[ERROR_SCHEMA] = error_schema
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            documented = operation.setdefault("responses", {})
            for status, answer in common_answers(method, operation).items():
                if status not in {str(code) for code in documented}:
                    documented[int(status)] = answer
