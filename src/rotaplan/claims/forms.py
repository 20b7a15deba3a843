"""The forms of claims: extra duty for a shift, an expense, and a decision."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet

from rotaplan.engine.clock import format_day
from rotaplan.locums.costing import pence_from_text
from rotaplan.rotas.models import Assignment
from rotaplan.web.nhs_forms import DateInputField

from .models import ExpenseCategory


class ShiftChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{format_day(obj.date)}: {obj.shift_type.name}"


class ExtraDutyForm(forms.Form):
    assignment = ShiftChoice(
        label="Shift",
        queryset=Assignment.objects.none(),
        error_messages={
            "required": "Choose the shift you claim for",
            "invalid_choice": "Choose a shift of yours from the list",
        },
    )
    hours = forms.DecimalField(
        label="Hours of extra duty",
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal(24),
        error_messages={
            "required": "Enter the hours you claim",
            "invalid": "Enter the hours as a number, like 4.5",
            "min_value": "Enter more than 0 hours",
            "max_value": "Enter 24 hours or fewer",
            "max_decimal_places": "Enter the hours to 2 decimal places at most, like 4.25",
            "max_digits": "Enter 24 hours or fewer",
        },
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=500,
        error_messages={"max_length": "Write the note in 500 characters or fewer"},
    )

    def __init__(self, *args: Any, shifts: QuerySet[Assignment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignment"].queryset = shifts  # type: ignore[attr-defined]


class ExpenseForm(forms.Form):
    expense_date = DateInputField(
        label="Date of the expense", error_messages={"required": "Enter the date you paid it"}
    )
    category = forms.ChoiceField(
        label="What was it for?",
        choices=ExpenseCategory.choices,
        error_messages={"required": "Choose what the expense was for"},
    )
    amount = forms.CharField(
        label="Amount, in pounds",
        max_length=20,
        error_messages={
            "required": "Enter the amount",
            "max_length": "Enter the amount in pounds and pence, like 12.50",
        },
    )
    description = forms.CharField(
        label="Description",
        max_length=500,
        error_messages={
            "required": "Say what the expense was",
            "max_length": "Say what the expense was in 500 characters or fewer",
        },
    )

    def clean_amount(self) -> int:
        pence = pence_from_text(self.cleaned_data["amount"])
        if pence is None:
            raise forms.ValidationError("Enter the amount in pounds and pence, like 12.50")
        return pence


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve"), ("reject", "Reject")],
        error_messages={"required": "Choose approve or reject"},
    )
    reason = forms.CharField(
        label="Reason (needed to reject)",
        required=False,
        max_length=500,
        error_messages={"max_length": "Give the reason in 500 characters or fewer"},
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", "Say why the claim is rejected")
        return data
