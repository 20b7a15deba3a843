"""The forms of the gap register and a gap's page: the register's filter, offering a
shift, an answer given by phone, and a gap cancelled with its reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from rotaplan.organisation.models import Department
from rotaplan.rotas.horizon import earliest_day, latest_day
from rotaplan.web.nhs_forms import DateInputField

from .models import GapStatus


def out_of_range(day: date) -> str | None:
    """A date outside the planning horizon (``rotas.horizon``) is a typing slip."""
    today = timezone.localdate()
    first, last = earliest_day(today), latest_day(today)
    if not first <= day <= last:
        return f"Enter a date between {first.year} and {last.year}"
    return None


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class RegisterFilterForm(forms.Form):
    department = DepartmentChoiceField(
        label="Department",
        queryset=Department.objects.none(),
        required=False,
        empty_label="All your departments",
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any status"), *GapStatus.choices], required=False
    )
    start = DateInputField(label="From", required=False)
    end = DateInputField(label="To", required=False)

    def __init__(self, *args: Any, departments: QuerySet[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = departments.order_by("name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("start", "end"):
            day = cleaned.get(name)
            if day is not None and (problem := out_of_range(day)):
                self.add_error(name, problem)
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start and "end" not in self.errors:
            self.add_error("end", "The last day must be on or after the first")
        return cleaned


class OfferForm(forms.Form):
    doctors = forms.TypedMultipleChoiceField(
        label="Offer the shift to",
        coerce=int,
        choices=[],
        error_messages={
            "required": "Choose at least one doctor to offer the shift to",
            "invalid_choice": "Choose doctors from the list: one of them can no longer take it",
        },
    )
    note = forms.CharField(label="Note to the doctors (optional)", max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, doctor_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["doctors"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = doctor_choices


class PhoneAnswerForm(forms.Form):
    offer = forms.TypedChoiceField(
        label="Doctor",
        coerce=int,
        choices=[],
        error_messages={
            "required": "Choose the doctor who answered",
            "invalid_choice": "Choose a doctor still waiting to answer",
        },
    )
    accept = forms.TypedChoiceField(
        label="Their answer",
        coerce=lambda value: value == "yes",
        choices=[("yes", "Yes, they will work it"), ("no", "No, they cannot")],
        error_messages={"required": "Choose their answer"},
    )

    def __init__(self, *args: Any, offer_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["offer"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = offer_choices


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why does the gap no longer need filling?",
        max_length=300,
        error_messages={
            "required": "Say why the gap no longer needs filling",
            "max_length": "Keep the reason to 300 characters or fewer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label="Can you work this shift?",
        coerce=lambda value: value == "yes",
        choices=[("yes", "Yes, I will work it"), ("no", "No, I cannot")],
        error_messages={"required": "Say whether you can work this shift"},
    )
