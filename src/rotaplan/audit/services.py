"""The audit log's own entries, beside django-auditlog's record of every change: reads of
personal data, refused writes, failed sign-ins and lockouts, password changes
(docs/adr/0023-reads-audited.md).

Each is a ``LogEntry`` with the action "access" and ``additional_data`` saying what
happened (``event``) in words (``detail``), on the record concerned: the doctor whose
record or pay was read, the user who was refused or who signed in. Inside a request,
django-auditlog's middleware names the signed-in user and their address on every entry;
outside one, the caller gives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

from rotaplan.people.models import User


class Event:
    """What an entry of the audit log's own records, as ``additional_data["event"]``."""

    VIEWED = "viewed"
    LISTED = "listed"
    REFUSED = "refused"
    SIGN_IN_FAILED = "sign-in failed"
    LOCKED_OUT = "locked out"
    PASSWORD_CHANGED = "password changed"


def _record(
    *,
    subject: models.Model | None,
    event: str,
    detail: str,
    actor: User | None = None,
    address: str | None = None,
    described_as: str = "",
    more: dict[str, Any] | None = None,
) -> LogEntry:
    """One entry on ``subject`` (or, for someone who does not exist, a user known only by
    ``described_as``)."""
    data: dict[str, Any] = {"event": event, "detail": detail, **(more or {})}
    fields: dict[str, Any] = {
        "action": LogEntry.Action.ACCESS,
        "additional_data": data,
        "actor": actor,
    }
    if address:
        fields["remote_addr"] = address
    if subject is not None:
        entry: LogEntry = LogEntry.objects.log_create(subject, force_log=True, **fields)
        return entry
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk="",
        object_repr=described_as[:150],
        **fields,
    )


def read_record(*, actor: User, subject: models.Model, what: str) -> LogEntry:
    """``actor`` read ``what`` of ``subject`` ("their record", "their work schedule for
    Acute medicine registrars, as a PDF"): who read whose personal data, and when."""
    return _record(subject=subject, event=Event.VIEWED, detail=what, actor=actor)


def list_read_record(*, actor: User, what: str, doctor_ids: Sequence[int]) -> LogEntry:
    """``actor`` read a list of doctors (``what``: "the doctor list, page 2 of 5"): one entry
    on the reader, naming in its data the doctors shown, so a question about one doctor
    ("who has seen Dr Patel's details?") finds list reads too."""
    return _record(
        subject=actor,
        event=Event.LISTED,
        detail=what,
        actor=actor,
        more={"doctors": list(doctor_ids)},
    )


def refusal_record(*, actor: User, method: str, path: str, status: int) -> LogEntry:
    """``actor`` tried a change and was refused (403) or asked for something outside their
    scope (404): repeated, it is someone probing."""
    answer = "not theirs to change" if status == 403 else "not found or outside their scope"
    return _record(
        subject=actor,
        event=Event.REFUSED,
        detail=f"{method} {path[:200]} refused: {answer}",
        actor=actor,
    )


def sign_in_failure_record(
    *, username: str, user: User | None, address: str | None, locked_out: bool
) -> LogEntry:
    """A failed sign-in as ``username`` (``user`` when someone has that name), or the
    lockout that followed too many."""
    if locked_out:
        event, detail = Event.LOCKED_OUT, "Sign-in locked after too many wrong passwords"
    else:
        event, detail = Event.SIGN_IN_FAILED, "Wrong username or password"
    return _record(
        subject=user,
        event=event,
        detail=detail,
        address=address,
        described_as=f"Unknown username '{username}'",
    )


def password_change_record(*, user: User) -> LogEntry:
    return _record(
        subject=user, event=Event.PASSWORD_CHANGED, detail="Changed their password", actor=user
    )
