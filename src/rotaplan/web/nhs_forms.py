"""Django forms in the shape the NHS.UK component macros take.

Forms here are never rendered by Django's widgets: templates call the NHS.UK macros, and
these functions hand them what they need from a bound field (its current value, its
choices, its first error) so that a template lays a form out without computing anything.
Every field's HTML id is its name, which the error summary links to.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.datastructures import MultiValueDict

DATE_PARTS = ("day", "month", "year")


class DateInputWidget(forms.Widget):
    """Reads the three boxes of the NHS.UK date input: ``name[day]``, ``name[month]``,
    ``name[year]`` (the names the macro gives them with ``namePrefix``)."""

    def value_from_datadict(
        self, data: Any, files: MultiValueDict[str, Any], name: str
    ) -> dict[str, str]:
        return {part: str(data.get(f"{name}[{part}]", "")).strip() for part in DATE_PARTS}

    def value_omitted_from_data(
        self, data: Any, files: MultiValueDict[str, Any], name: str
    ) -> bool:
        return not any(f"{name}[{part}]" in data for part in DATE_PARTS)


class DateInputField(forms.Field):
    """A date typed as day, month and year, as the NHS.UK design system asks for dates
    people know (a start of post) rather than pick from a calendar."""

    widget = DateInputWidget
    default_error_messages = {
        "invalid": "Enter a real date, for example 5 8 2026",
        "year": "Enter the year with 4 numbers, for example 2026",
    }

    def to_python(self, value: Any) -> date | None:
        """The date typed; a year of fewer than 4 numbers ("27") is refused, not read as
        the year 27, as the NHS service manual asks."""
        if isinstance(value, date):
            return value
        if not value or not any(value.values()):
            return None
        year = str(value.get("year", ""))
        if year.isdigit() and len(year) != 4:
            raise ValidationError(self.error_messages["year"], code="year")
        try:
            return date(int(value["year"]), int(value["month"]), int(value["day"]))
        except (KeyError, TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value: Any) -> dict[str, str]:
        """The three boxes' contents: from a saved date, or as typed when the form is
        shown again with an error."""
        if isinstance(value, date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        return value or {}


def field_anchor(field: forms.BoundField) -> str:
    """Where the error summary links for a field: the field, or the first box of a date."""
    if isinstance(field.field.widget, DateInputWidget):
        return f"#{field.html_name}-day"
    return f"#{field.html_name}"


def error_summary_items(form: forms.BaseForm) -> list[dict[str, str]]:
    """Every error of the form, each linking to its field, for the error summary."""
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        for message in errors:
            if name == NON_FIELD_ERRORS:
                items.append({"text": str(message)})
            else:
                items.append({"text": str(message), "href": field_anchor(form[name])})
    return items


def error_message(field: forms.BoundField) -> dict[str, str] | None:
    """The first error of a field, shown next to it, or ``None``."""
    return {"text": str(field.errors[0])} if field.errors else None


def choice_items(field: forms.BoundField) -> list[dict[str, Any]]:
    """Options for a select, radios or checkboxes, with the current value(s) marked.

    Values are compared as text: a model choice's initial value is a primary key, its
    submitted value a string. A required field offers no blank option: there is always a
    value to keep.
    """
    current = field.value()
    chosen = {str(v) for v in current} if isinstance(current, list | tuple) else {str(current)}
    items: list[dict[str, Any]] = []
    for value, text in field.field.choices:  # type: ignore[attr-defined]
        value = "" if value is None else str(value)
        if value == "" and field.field.required:
            continue
        selected = value in chosen
        items.append({"value": value, "text": str(text), "selected": selected, "checked": selected})
    return items
