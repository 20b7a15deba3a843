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


# The audit log's own entries (``audit.services``): reads, refusals, sign-ins.
EVENT_COLOURS = {
    "viewed": "grey",
    "listed": "grey",
    "refused": "orange",
    "sign-in failed": "orange",
    "locked out": "red",
    "password changed": "blue",
}


def who_text(entry: LogEntry) -> str:
    """The person, or "System" for the command line run as the system, or "System, for
    Ann Lee" for the background worker doing what Ann Lee asked."""
    actor = entry.actor
    if actor is not None:
        return actor.display_name
    acting_for = (entry.additional_data or {}).get("acting_for")
    return f"System, for {acting_for}" if acting_for else "System"


def action_tag(entry: LogEntry) -> dict[str, str]:
    event = (entry.additional_data or {}).get("event")
    if event in EVENT_COLOURS:
        return {"text": str(event).capitalize(), "colour": EVENT_COLOURS[event]}
    return {
        "text": entry.get_action_display().capitalize(),
        "colour": ACTION_COLOURS.get(entry.action, "grey"),
    }


def entry_lines(entry: LogEntry, names: RelatedNames) -> list[str]:
    """What changed, or for the log's own entries what happened ("their record")."""
    detail = (entry.additional_data or {}).get("detail")
    return [str(detail)] if detail else change_lines(entry, names)


def log_rows(entries: Sequence[LogEntry], names: RelatedNames) -> list[dict[str, Any]]:
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        rows.append(
            {
                "when": format_moment(entry.timestamp),
                "who": who_text(entry),
                "address": f"from {entry.remote_addr}" if entry.remote_addr else "",
                "action": action_tag(entry),
                "what": entry.object_repr,
                "type": str(model._meta.verbose_name) if model else entry.content_type.model,
                "changes": entry_lines(entry, names),
            }
        )
    return rows
