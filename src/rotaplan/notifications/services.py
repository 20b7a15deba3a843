"""``notify``: the one way a service tells people about a change. Called inside the
service's transaction; the rows are saved with the change and sent only after it commits,
so nobody is told of a change that was then rolled back."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from rotaplan.people.models import Doctor, User

from .backends import NotificationBackend
from .models import Notification, Topic

logger = logging.getLogger("rotaplan.notifications")

# Inside ``kept_unsent``: notes are saved (an inbox to show) but never handed to a backend.
_unsent: ContextVar[bool] = ContextVar("notifications_unsent", default=False)


@contextmanager
def kept_unsent() -> Iterator[None]:
    """Notifications made inside are saved and never sent: the demo trust's made-up
    people have inboxes, and building it emails nobody and prints no mail."""
    token = _unsent.set(True)
    try:
        yield
    finally:
        _unsent.reset(token)


@cache
def backends() -> tuple[NotificationBackend, ...]:
    return tuple(import_string(path)() for path in settings.ROTAPLAN_NOTIFICATION_BACKENDS)


def notify(
    *,
    people: Iterable[Doctor | User],
    topic: Topic,
    subject: str,
    body: str,
    link: str = "",
) -> list[Notification]:
    """Tell each of ``people`` (a doctor is told as their user, and at their email): saved
    now, sent after the transaction commits. The same person named twice is told once."""
    notes: list[Notification] = []
    seen: set[tuple[int | None, str]] = set()
    for person in people:
        user, email = _addressee(person)
        if (user.pk if user else None, email) in seen or (user is None and not email):
            continue
        seen.add((user.pk if user else None, email))
        notes.append(
            Notification(
                recipient=user, email=email, topic=topic, subject=subject, body=body, link=link
            )
        )
    Notification.objects.bulk_create(notes)
    ids = [note.pk for note in notes]
    if ids and not _unsent.get():
        transaction.on_commit(lambda: send(ids))
    return notes


def _addressee(person: Doctor | User) -> tuple[User | None, str]:
    if isinstance(person, User):
        doctor_email = person.doctor.email if person.doctor_id and person.doctor else ""
        return person, person.email or doctor_email
    user = User.objects.filter(doctor=person).first()
    return user, person.email or (user.email if user else "")


def send(ids: list[int]) -> None:
    """Hand each saved notification to every backend; one that fails is logged and left
    unsent, and does not stop the others."""
    for note in Notification.objects.filter(pk__in=ids, sent__isnull=True).select_related(
        "recipient"
    ):
        try:
            for backend in backends():
                backend.send(note)
        except Exception:  # a mail server down must not undo a committed decision
            logger.exception("Notification %s was not sent", note.pk)
            continue
        Notification.objects.filter(pk=note.pk).update(sent=timezone.now())
