"""The REST API. Each area of the domain adds its own router; signed-in users only.

Errors come back as ``{"detail": ..., "errors": [{"line"?, "field", "message"}]}`` (see
``rotaplan.api.errors``) so that a client can name the row and field at fault, the same way
the pages and the CLI do. The handlers below give that shape to the errors django-ninja
and Django raise before or around an endpoint: a request that fails validation, no
sign-in, a missing record, a refused permission.

The API lives here rather than in the package's ``__init__``: each area's api module imports
``rotaplan.api.errors``, which runs the package's ``__init__`` first, and that must not
import the areas' routers back.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError, ValidationErrorContext
from ninja.openapi.schema import OpenAPISchema
from ninja.security import django_auth

from rotaplan.api.bodies import (
    EMPTY_BODY,
    UNREADABLE_BODY,
    BoundedParser,
    ControlCharacters,
    unreadable_body_out,
)
from rotaplan.api.errors import ErrorOut, FieldErrorOut, request_errors_out
from rotaplan.api.openapi import document_common_answers
from rotaplan.engine.formats.json_reading import UnreadableJson


class RotaplanAPI(NinjaAPI):
    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        """Ninja reads a JSON body into one schema under the parameter's name and puts that
        name (``payload``) in each error's location, though the client never wrote it. It
        is dropped here, where ninja still says which errors came from such a body, so that
        ``("body", "date")`` names the field as it was sent."""
        errors: list[dict[str, Any]] = []
        for context in error_contexts:
            wrapper = getattr(context.model, "__read_from_single_attr__", None)
            for error in super().validation_error_from_error_contexts([context]).errors:
                location = tuple(error["loc"])
                if wrapper and location[1:2] == (wrapper,):
                    error["loc"] = (location[0], *location[2:])
                errors.append(error)
        return ValidationError(errors)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """Ninja's schema, with the answers the handlers below give any endpoint (401, 403
        for a write without its CSRF token, 400, 422, 404) listed on each operation."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_common_answers(
            schema, ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        return schema


api = RotaplanAPI(
    title="Rotaplan API",
    version="1",
    description="Doctors, departments and rotas of an NHS trust. Sign in first; every "
    "endpoint answers only with what the signed-in user's role may see.",
    auth=django_auth,
    parser=BoundedParser(),  # every JSON body read within the rota documents' bounds
)

# django-ninja's own words for two of its errors, in ours.
HTTP_ERROR_MESSAGES = {
    "Cannot parse request body": UNREADABLE_BODY,
    "CSRF check Failed": "The CSRF token is missing or wrong. Send the csrftoken cookie's "
    "value in the X-CSRFToken header.",
}


def error_response(request: HttpRequest, status: int, error: ErrorOut) -> HttpResponse:
    return api.create_response(request, error.model_dump(), status=status)


@api.exception_handler(ValidationError)
def request_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Wrong types, unknown choices and missing fields, each named by its field; no body
    at all cannot be read, as ``POST /api/rules/check`` says too."""
    if any(e["type"] == "missing" and tuple(e["loc"]) == ("body",) for e in exc.errors):
        return error_response(request, 400, unreadable_body_out(UnreadableJson([EMPTY_BODY])))
    return error_response(request, 422, request_errors_out(exc.errors))


@api.exception_handler(RequestDataTooBig)
def body_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """Django refuses a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` before reading it; said
    in the API's shape rather than Django's HTML page."""
    most = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
    return error_response(
        request,
        400,
        ErrorOut(detail=f"The request body is larger than {most:g} MB, the most the API reads."),
    )


@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, ErrorOut(detail="Sign in first."))


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """Says nothing of what was looked for: "not found" and "not yours to see" must read the
    same, or the difference tells a user what exists in other departments."""
    return error_response(request, 404, ErrorOut(detail="Not found."))


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, ErrorOut(detail="You do not have permission to do this."))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's other errors (an unreadable body, a missing CSRF token) keep their status; a
    body ``BoundedParser`` refused says each problem, which ninja keeps as the cause."""
    if isinstance(exc.__cause__, UnreadableJson):
        return error_response(request, exc.status_code, unreadable_body_out(exc.__cause__))
    if isinstance(exc.__cause__, ControlCharacters):
        count = len(exc.__cause__.problems)
        return error_response(
            request,
            422,
            ErrorOut(
                detail=f"The request has {count} {'problem' if count == 1 else 'problems'}.",
                errors=[FieldErrorOut(field=f, message=m) for f, m in exc.__cause__.problems],
            ),
        )
    message = str(exc)
    detail = next(
        (ours for theirs, ours in HTTP_ERROR_MESSAGES.items() if message.startswith(theirs)),
        message,
    )
    return error_response(request, exc.status_code, ErrorOut(detail=detail))


api.add_router("/doctors", "rotaplan.people.doctor_import.api.router")
api.add_router("/departments", "rotaplan.organisation.api.router")
api.add_router("/doctors", "rotaplan.people.api.router")
api.add_router("/rotas", "rotaplan.rotas.grid.api.router")
api.add_router("/rotas", "rotaplan.rotas.editing.api.router")
api.add_router("/rotas", "rotaplan.rotas.shift_import.api.router")
api.add_router("", "rotaplan.api.pay.router")
api.add_router("", "rotaplan.rotas.work_schedules.api.router")
api.add_router("/rotas", "rotaplan.rotas.compliance.api.router")
api.add_router("/rules", "rotaplan.api.rules.router")
api.add_router("", "rotaplan.rotas.generation.api.router")
api.add_router("", "rotaplan.rotas.cover_requirements.api.router")
api.add_router("", "rotaplan.rotas.local_rules.api.router")
api.add_router("", "rotaplan.leave.api.router")
api.add_router("", "rotaplan.cover.api.router")
api.add_router("", "rotaplan.cover.repair.api.router")
api.add_router("", "rotaplan.locums.api.router")
api.add_router("", "rotaplan.claims.api.router")
api.add_router("", "rotaplan.selfservice.api.router")
api.add_router("", "rotaplan.jobplans.api.router")
api.add_router("", "rotaplan.clinics.api.router")
api.add_router("", "rotaplan.jobplans.delivery.api.router")
