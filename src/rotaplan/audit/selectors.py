"""Reads of the audit log, newest first, and the names its stored ids stand for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from rotaplan.people.models import User

from .presenters import RelatedNames, model_field


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


def related_names(entries: Sequence[LogEntry]) -> RelatedNames:
    """Names of the records that foreign-key values in ``entries`` point to: one query per
    related model, not one per value."""
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in entry.changes_dict.items():
            field = model_field(model, name)
            if isinstance(field, models.ForeignKey) and isinstance(values, list):
                wanted[field.related_model].update(v for v in values if v not in (None, "None"))  # type: ignore[index]
    names: RelatedNames = {}
    for related, pks in wanted.items():
        for obj in related._default_manager.filter(pk__in=pks):
            names[(related, str(obj.pk))] = str(obj)
    return names
