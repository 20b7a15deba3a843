"""What django-auditlog recorded for a record: the rotas service tests read it to prove who
made a change and what it changed from and to."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model


def entries_for(model: type[Model], object_pk: int, action: int) -> list[LogEntry]:
    """The audit entries of ``action`` on one record, which may since have been deleted."""
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_pk=str(object_pk),
            action=action,
        )
    )
