"""Naming who made a change on the audit entries that a service writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from auditlog.context import auditlog_value, set_actor, set_extra_data

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


def current_address() -> str | None:
    """The address of the request being served, as django-auditlog's middleware found it;
    None outside a request (the command line, the worker)."""
    context: dict[str, object] | None = auditlog_value.get(None)
    address = (context or {}).get("remote_addr")
    return str(address) if address else None


@contextmanager
def audited_for(user: User, *, address: str | None) -> Iterator[None]:
    """Audit entries written inside as the system acting for ``user``, from the address
    they asked at: the background worker's writes (a generated rota) are not ``user``'s
    own doing, but were done at their request."""
    acting_for = {"acting_for": user.display_name, "acting_for_id": user.pk}
    previous: dict[str, object] | None = auditlog_value.get(None)
    try:
        with set_extra_data({"actor": None, "remote_addr": address, "additional_data": acting_for}):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)
