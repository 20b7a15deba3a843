"""Failed sign-ins (and the lockouts django-axes makes of them) written to the audit log."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from rotaplan.people.models import User

from .services import sign_in_failure_record


def sign_in_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    """Django's ``user_login_failed``. django-axes answers it first (this app comes after
    it) and marks the request when the attempt was refused for a lockout, or made one."""
    username = str(credentials.get("username", ""))
    sign_in_failure_record(
        username=username,
        user=User.objects.filter(username=username).first(),
        address=request.META.get("REMOTE_ADDR") if request is not None else None,
        locked_out=bool(getattr(request, "axes_locked_out", False)),
    )
