"""Where a notification goes once it is saved. A backend is a class with ``send(note)``,
named in ``settings.ROTAPLAN_NOTIFICATION_BACKENDS``; a trust adds its own (an SMS gateway,
NHSmail, Teams) without touching the services that notify."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail

from .models import Notification

logger = logging.getLogger("rotaplan.notifications")


class NotificationBackend(Protocol):
    def send(self, note: Notification) -> None: ...


class ConsoleBackend:
    """Writes each notification to the log: what a developer or a test sees."""

    def send(self, note: Notification) -> None:
        logger.info("To %s: %s\n%s", note.recipient or note.email, note.subject, note.body)


class EmailBackend:
    """Sends each notification with an email address through Django's mail settings
    (``EMAIL_BACKEND``, ``EMAIL_HOST``...); one without an address is left to the others."""

    def send(self, note: Notification) -> None:
        if not note.email:
            return
        link = f"\n\n{settings.ROTAPLAN_SITE_URL}{note.link}" if note.link else ""
        send_mail(
            note.subject,
            f"{note.body}{link}",
            settings.DEFAULT_FROM_EMAIL,
            [note.email],
            fail_silently=False,
        )
