"""Reads of the audit log, newest first."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from rotaplan.people.models import User


def log_entries(
    *, content_type: ContentType | None = None, actor: User | None = None
) -> QuerySet[LogEntry]:
    """Every change, or those to one kind of record, or those one person made."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if content_type is not None:
        entries = entries.filter(content_type=content_type)
    if actor is not None:
        entries = entries.filter(actor=actor)
    return entries
