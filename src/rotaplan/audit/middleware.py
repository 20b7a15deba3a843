"""Refused writes written to the audit log, whichever page or endpoint refused them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from rotaplan.people.models import User

from .services import refusal_record

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REFUSALS = frozenset({403, 404})


class RefusedWriteAuditMiddleware:
    """A signed-in user's write answered 403 (not theirs to change) or 404 (outside their
    scope, or nothing there) leaves an audit entry: one is a slip, many are someone
    probing. Placed after django-auditlog's middleware, so the entry names the address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method in WRITES
            and response.status_code in REFUSALS
            and isinstance(user, User)
            and user.is_authenticated
        ):
            refusal_record(
                actor=user,
                method=request.method or "",
                path=request.path,
                status=response.status_code,
            )
        return response
