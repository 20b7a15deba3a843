"""Audit log entries as people read them: "Grade: ST3 → ST4", dates as "Mon 3 Aug 2026".

django-auditlog stores every value as text (a foreign key as its id), so the values are
turned back into words here, with the names of related records that
``selectors.related_names`` looks up once per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from rotaplan.engine.clock import format_day, format_moment

ACTION_COLOURS = {
    LogEntry.Action.CREATE: "green",
    LogEntry.Action.UPDATE: "blue",
    LogEntry.Action.DELETE: "red",
    LogEntry.Action.ACCESS: "grey",
}
EMPTY = "(none)"

RelatedNames = dict[tuple[type[models.Model], str], str]


def model_field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def worth_showing(field: Any) -> bool:
    """django-auditlog lists a created record's reverse relations ("assignments:
    rotas.Assignment.None") and its id; neither tells a reader anything."""
    return not isinstance(field, models.ForeignObjectRel) and not getattr(
        field, "primary_key", False
    )


def value_text(field: Any, value: Any, names: RelatedNames) -> str:
    """One stored value in words."""
    if value is None or value in ("None", ""):
        return EMPTY
    if field is None:
        return str(value)
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model, str(value)), f"#{value}")  # type: ignore[arg-type]
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return {"True": "Yes", "False": "No"}.get(str(value), str(value))
    if isinstance(field, models.DateTimeField):
        try:
            return format_moment(datetime.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if isinstance(field, models.DateField):
        try:
            return format_day(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


def change_lines(entry: LogEntry, names: RelatedNames) -> list[str]:
    """Each change as "field: old → new"; a many-to-many change as "field: added A, B"."""
    model = entry.content_type.model_class()
    lines = []
    for name, values in entry.changes_dict.items():
        field = model_field(model, name)
        if not worth_showing(field):
            continue
        label = capfirst(field.verbose_name) if field is not None else name
        if isinstance(values, dict):  # a many-to-many change
            verb = "added" if values.get("operation") == "add" else "removed"
            lines.append(f"{label}: {verb} {', '.join(values.get('objects', []))}")
        else:
            old, new = (value_text(field, v, names) for v in values)
            lines.append(f"{label}: {old} → {new}")
    return lines


def log_rows(entries: Sequence[LogEntry], names: RelatedNames) -> list[dict[str, Any]]:
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        actor = entry.actor
        rows.append(
            {
                "when": format_moment(entry.timestamp),
                "who": (actor.get_full_name() or actor.username) if actor else "System",
                "action": {
                    "text": entry.get_action_display().capitalize(),
                    "colour": ACTION_COLOURS.get(entry.action, "grey"),
                },
                "what": entry.object_repr,
                "type": str(model._meta.verbose_name) if model else entry.content_type.model,
                "changes": change_lines(entry, names),
            }
        )
    return rows
