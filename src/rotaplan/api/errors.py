"""The one shape of an API error (docs/adr/0006-api-with-django-ninja.md):
``{"detail": "...", "errors": [{"line"?, "field", "value"?, "message"}]}``, so a client can
name the row and field at fault the way the pages and the CLI do.

Every endpoint answers its errors in this shape: the ones it returns itself, the doctor
import's row problems, and the request validation that django-ninja does before an
endpoint runs (``request_errors_out``, wired up in ``rotaplan.api``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from ninja import Field, Schema
from pydantic import field_validator

from rotaplan.engine.formats.input_problems import Problem
from rotaplan.engine.formats.json_reading import shortened

# An error repeats what was sent so the client can recognise it, never the whole of it: a
# value of 100,000 characters is a mistake or an attack, and the answer should not carry
# it back. Values are cut to the length the document readers quote; a message or detail
# is cut well beyond the longest the API writes (a list of every pay premium's key).
MOST_MESSAGE = 2000


def _at_most(text: str) -> str:
    return shortened(text, MOST_MESSAGE)


def _absent(value: object) -> bool:
    return value is None


class FieldErrorOut(Schema):
    """One problem. ``line`` and ``value`` appear only where they mean something (a row of
    an imported file and what it held), so most errors read ``{"field", "message"}``;
    ``field`` is ``null`` for a problem with the request as a whole."""

    line: int | None = Field(
        default=None,
        description="For an imported file: the row, numbered as Excel does (headings on 1)",
        exclude_if=_absent,
    )
    field: str | None = None
    value: str | None = Field(
        default=None,
        description="What the field held; if long, its start followed by ...",
        exclude_if=_absent,
    )
    message: str

    @field_validator("value")
    @classmethod
    def _value_shortened(cls, value: str | None) -> str | None:
        return None if value is None else shortened(value)

    _message_shortened = field_validator("message")(_at_most)


class ErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut] = []

    _detail_shortened = field_validator("detail")(_at_most)


def problems_out(detail: str, problems: Iterable[Problem]) -> ErrorOut:
    """An import's problems, each with its line and value as the page shows them."""
    return ErrorOut(
        detail=detail,
        errors=[
            FieldErrorOut(line=p.line, field=p.field, value=p.value, message=p.message)
            for p in problems
        ],
    )


def problem_out(problem: Problem) -> FieldErrorOut:
    """A document's reading problem: at its JSON path ("shifts[3].end"), or, for a body that
    does not parse, at its line with the column as the field."""
    return FieldErrorOut(
        line=problem.line,
        field=problem.path if problem.path is not None else problem.field,
        value=problem.value or None,
        message=problem.message,
    )


def validation_error_out(
    detail: str, error: ValidationError, field_names: dict[str, str] | None = None
) -> ErrorOut:
    """``error`` in the API's shape; ``field_names`` maps model fields to the names the
    request used (``doctor`` to ``doctor_id``). Errors about the whole record have no field."""
    names = field_names or {}
    if not hasattr(error, "error_dict"):
        return ErrorOut(detail=detail, errors=[FieldErrorOut(message=m) for m in error.messages])
    return ErrorOut(
        detail=detail,
        errors=[
            FieldErrorOut(
                field=None if field == NON_FIELD_ERRORS else names.get(field, field), message=m
            )
            for field, messages in error.message_dict.items()
            for m in messages
        ],
    )


# Request validation: pydantic's error types in plain English. A type not listed keeps
# pydantic's own words ("Input should be ..." read as "Must be ...").
EXAMPLE_DATE = "2026-08-03"
MESSAGES: dict[str, str] = {
    "missing": "This field is required.",
    "int_parsing": "Must be a whole number.",
    "int_type": "Must be a whole number.",
    "int_from_float": "Must be a whole number.",
    "float_parsing": "Must be a number.",
    "float_type": "Must be a number.",
    "decimal_parsing": "Must be a number.",
    "decimal_type": "Must be a number.",
    "bool_parsing": "Must be true or false.",
    "bool_type": "Must be true or false.",
    "string_type": "Must be text.",
    "date_parsing": f"Must be a real date written as YYYY-MM-DD, for example {EXAMPLE_DATE}.",
    "date_type": f"Must be a real date written as YYYY-MM-DD, for example {EXAMPLE_DATE}.",
    "date_from_datetime_parsing": (
        f"Must be a real date written as YYYY-MM-DD, for example {EXAMPLE_DATE}."
    ),
    "date_from_datetime_inexact": f"Must be a date without a time, for example {EXAMPLE_DATE}.",
    "datetime_parsing": f"Must be a date and time, for example {EXAMPLE_DATE}T08:00.",
    "datetime_type": f"Must be a date and time, for example {EXAMPLE_DATE}T08:00.",
    "datetime_from_date_parsing": f"Must be a date and time, for example {EXAMPLE_DATE}T08:00.",
    "time_parsing": "Must be a time, for example 08:00.",
    "time_type": "Must be a time, for example 08:00.",
    "enum": "Must be one of {expected}.",
    "literal_error": "Must be one of {expected}.",
    "string_too_short": "Must be at least {min_length} characters.",
    "string_too_long": "Must be at most {max_length} characters.",
    "greater_than": "Must be more than {gt}.",
    "greater_than_equal": "Must be {ge} or more.",
    "less_than": "Must be less than {lt}.",
    "less_than_equal": "Must be {le} or less.",
    "list_type": "Must be a list.",
    "model_type": "Must be a JSON object with the fields the API documents.",
    "model_attributes_type": "Must be a JSON object with the fields the API documents.",
    "dict_type": "Must be a JSON object with the fields the API documents.",
}


def plain_message(error: Mapping[str, Any]) -> str:
    """One pydantic error in plain English, filled in from its context (``{expected}``)."""
    template = MESSAGES.get(str(error.get("type")))
    if template is not None:
        try:
            return template.format(**error.get("ctx", {}))
        except (KeyError, IndexError):
            pass  # a context without the expected key: fall back to pydantic's words
    message = str(error.get("msg", "Is not valid"))
    if message.startswith("Input should be "):
        message = "Must be " + message.removeprefix("Input should be ")
    return message if message.endswith(".") else f"{message}."


def field_path(location: Iterable[object]) -> str | None:
    """Where the error is, as the client wrote it: ``("body", "date")`` is ``date``,
    ``("body", "shifts", 2, "start")`` is ``shifts.2.start``. The first part is where ninja
    read the value from (body, query, path, form, file), not a name the client used."""
    parts = [str(part) for part in list(location)[1:]]
    return ".".join(parts) or None


def request_errors_out(errors: Iterable[Mapping[str, Any]]) -> ErrorOut:
    """django-ninja's validation errors (each ``{"type", "loc", "msg", "ctx"?}``) in the
    API's shape, one entry per field at fault."""
    out = [
        FieldErrorOut(field=field_path(error.get("loc", ())), message=plain_message(error))
        for error in errors
    ]
    count = len(out)
    detail = f"The request has {count} {'problem' if count == 1 else 'problems'}."
    return ErrorOut(detail=detail, errors=out)
