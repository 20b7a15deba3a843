"""The rules engine over the API: ``POST /api/rules/check`` judges an exchange-format rota
sent in the request, exactly as ``rotaplan check --format json`` does, and answers with the
same report; ``ReportOut`` documents that report for ``GET /api/rotas/{id}/compliance`` too.

The check touches no stored data, so any signed-in user may call it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from rotaplan.api.bodies import json_body, unreadable_body_out
from rotaplan.api.errors import ErrorOut, problem_out
from rotaplan.engine.formats.compliance_report import write_report_json
from rotaplan.engine.formats.exchange_reader import UnreadableRota, read_exchange_document
from rotaplan.engine.formats.json_reading import UnreadableJson
from rotaplan.engine.rules import check_rota
from rotaplan.rotas.compliance.schemas import ReportOut

router = Router(tags=["rules"])


# The request body is documented here, and read by hand (within the bounds every body is
# read within, ``rotaplan.api.bodies``) so that a problem keeps its JSON path
# ("shifts[3].end") and its words, as ``rotaplan check`` reports them.
EXCHANGE_EXAMPLE: dict[str, Any] = {
    "period": {"start": "2026-08-03", "end": "2026-08-30"},
    "doctors": [{"id": "D1", "name": "Dr Ada Patel", "rule_set": "tcs2016", "wte": 1.0}],
    "shifts": [
        {"doctor": "D1", "start": "2026-08-03T20:00", "end": "2026-08-04T08:30", "kind": "work"}
    ],
}
EXCHANGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["doctors", "shifts"],
    "additionalProperties": False,
    "properties": {
        "period": {
            "type": "object",
            "properties": {
                "start": {"type": "string", "format": "date"},
                "end": {"type": "string", "format": "date"},
            },
        },
        "doctors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "rule_set": {"type": "string", "enum": ["tcs2016", "wtr"]},
                    "wte": {"type": "number"},
                    "opted_out": {"type": "boolean"},
                    "grade": {"type": "string"},
                },
            },
        },
        "shifts": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["doctor", "start", "end"],
                "properties": {
                    "doctor": {"type": "string"},
                    "start": {"type": "string", "description": "London time, 2026-08-03T08:00"},
                    "end": {"type": "string", "description": "London time"},
                    "kind": {"type": "string", "enum": ["work", "on_call"]},
                },
            },
        },
    },
    "example": EXCHANGE_EXAMPLE,
}


@router.post(
    "/check",
    response={200: ReportOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
    operation_id="rules_check",
    summary="Check a rota against the contract rules",
    description="Send a rota as an exchange-format JSON document (docs/exchange-format.md, the "
    "document `rotaplan check` reads) with the Content-Type application/json. The answer is "
    "the report `rotaplan check --format json` prints: whether it is compliant, every breach "
    "(rule id, doctor, window, measured value, limit, and a sentence), and each doctor's "
    "figures. A body that is not JSON within the bounds of docs/exchange-format.md (UTF-8, "
    "at most 32 levels deep, finite numbers) answers 400, each problem at its line and column; "
    "a document that cannot be read as a rota answers 422, each problem named by its JSON "
    "path, such as shifts[3].end. Nothing is stored.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": EXCHANGE_SCHEMA}},
        }
    },
)
def check(request: HttpRequest) -> Status[dict[str, object]] | Status[ErrorOut]:
    try:
        document = json_body(request.body)
    except UnreadableJson as unreadable:
        return Status(400, unreadable_body_out(unreadable))
    try:
        rota = read_exchange_document(document)
    except UnreadableRota as unreadable:
        count = len(unreadable.problems)
        return Status(
            422,
            ErrorOut(
                detail=f"The rota could not be read: {count} "
                f"{'problem' if count == 1 else 'problems'}.",
                errors=[problem_out(p) for p in unreadable.problems],
            ),
        )
    return Status(200, write_report_json(check_rota(rota)))
