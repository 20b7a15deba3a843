"""The one shape of an API error (docs/adr/0006-api-with-django-ninja.md):
``{"detail": "...", "errors": [{"field", "message"}]}``, so a client can name the field at
fault the way the pages do."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from ninja import Schema


class FieldErrorOut(Schema):
    field: str | None = None
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut] = []


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
