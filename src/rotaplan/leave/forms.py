"""The forms of leave: a doctor asking, a coordinator deciding, recording an absence and
the return to work. Dates are NHS date inputs; a two-digit year is refused by the field,
a year out of range by the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from rotaplan.people.models import Doctor
from rotaplan.web.nhs_forms import DateInputField

from .models import LeaveStatus
from .selectors import ABSENCE_TYPES, REQUESTABLE_TYPES

DECISIONS = [("approve", "Approve"), ("decline", "Decline")]


class LeaveRequestForm(forms.Form):
    leave_type = forms.ChoiceField(
        label="Type of leave",
        choices=[(t.value, t.label) for t in REQUESTABLE_TYPES],
        error_messages={
            "required": "Choose the type of leave",
            "invalid_choice": "Choose a type of leave from the list",
        },
    )
    start = DateInputField(label="First day", error_messages={"required": "Enter the first day"})
    end = DateInputField(label="Last day", error_messages={"required": "Enter the last day"})
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Keep the note to 200 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and end < start:
            self.add_error("end", "The last day must be on or after the first day")
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=DECISIONS,
        error_messages={"required": "Choose approve or decline"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=300,
        error_messages={"max_length": "Keep the reason to 300 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "decline" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Give the reason the leave is declined: the doctor is told it")
        return cleaned


class AbsenceForm(forms.Form):
    doctor: forms.ModelChoiceField[Doctor] = forms.ModelChoiceField(
        label="Doctor",
        queryset=Doctor.objects.none(),
        error_messages={
            "required": "Choose the doctor",
            "invalid_choice": "Choose a doctor from the list",
        },
    )
    leave_type = forms.ChoiceField(
        label="Absence",
        choices=[(t.value, t.label) for t in ABSENCE_TYPES],
        error_messages={"required": "Choose the kind of absence"},
    )
    start = DateInputField(
        label="First day away", error_messages={"required": "Enter the first day away"}
    )
    expected_return = DateInputField(
        label="Expected back on",
        error_messages={"required": "Enter the day they are expected back"},
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=200)

    def __init__(self, *args: Any, doctors: QuerySet[Doctor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doctor"].queryset = doctors  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, back = cleaned.get("start"), cleaned.get("expected_return")
        if start is not None and back is not None and back <= start:
            self.add_error(
                "expected_return", "The expected return must be after the first day away"
            )
        return cleaned


class ReturnForm(forms.Form):
    actual_return = DateInputField(
        label="Back at work on", error_messages={"required": "Enter the day they came back"}
    )
    note = forms.CharField(
        label="Return to work note (optional)",
        required=False,
        max_length=300,
        help_text="For example, a return to work meeting held, adjustments agreed",
    )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any status"), *LeaveStatus.choices], required=False
    )
    department = forms.TypedChoiceField(
        label="Department",
        choices=[("", "Every department")],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args: Any, departments: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [  # type: ignore[attr-defined]
            ("", "Every department"),
            *((d.pk, d.name) for d in departments),
        ]
