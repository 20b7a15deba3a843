"""A person's own notifications: their inbox."""

from __future__ import annotations

from django.db.models import QuerySet

from rotaplan.people.models import User

from .models import Notification


def inbox(user: User, *, limit: int = 20) -> list[Notification]:
    query: QuerySet[Notification] = Notification.objects.filter(recipient=user)
    return list(query[:limit])


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read__isnull=True).count()
