"""What every page does alike: a lookup outside the user's scope is a plain 404, and a
service's ``ValidationError`` lands on the form's fields."""

from __future__ import annotations

from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, or a 404 when a selector found nothing the user may see: the page then
    says nothing of what exists outside their scope."""
    if value is None:
        raise Http404
    return value


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """The service's errors on the form's fields, or on the whole form for any other."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
