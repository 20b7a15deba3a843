"""Naming who made a change on the audit entries that a service writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from auditlog.context import auditlog_value, set_actor

from rotaplan.people.models import User


@contextmanager
def audited_as(actor: User | None) -> Iterator[None]:
    """Name ``actor`` on every audit entry written inside, with or without a request.

    During a request django-auditlog's middleware has already named the signed-in user and
    their address; the command line has neither. ``set_actor`` leaves its own context behind
    when it ends, so the one it replaced is put back, or the middleware would fail to unhook
    its receiver at the end of the request. ``actor`` None (the command line run as the
    system) leaves the entries without a user.
    """
    if actor is None:
        yield
        return
    previous: dict[str, object] | None = auditlog_value.get(None)
    around = previous or {}
    try:
        with set_actor(
            actor, remote_addr=around.get("remote_addr"), remote_port=around.get("remote_port")
        ):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)
