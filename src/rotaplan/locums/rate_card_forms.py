"""The forms of the suppliers page: a bank or agency added, a rate added to its card, a
rate ended. Every error names its field in words; the services check the same again."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from rotaplan.engine.clock import format_day
from rotaplan.rotas.horizon import outside_horizon
from rotaplan.web.nhs_forms import DateInputField

from .costing import pounds
from .models import HoursKind, RateCard, RateTier, SupplierKind
from .rate_cards import rate_problem

# Pounds, and pence after a point: no sign, no exponent, no thousands commas.
MONEY = re.compile(r"^\d+(\.\d+)?$")


class SupplierForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        error_messages={
            "required": "Enter the name of the bank or agency",
            "max_length": "Enter the name in 100 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="Is it the trust's bank or an agency?",
        choices=SupplierKind.choices,
        error_messages={
            "required": "Choose whether it is the trust's bank or an agency",
            "invalid_choice": "Choose whether it is the trust's bank or an agency",
        },
    )
    framework = forms.CharField(
        label="Procurement framework (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Enter the framework in 200 characters or fewer"},
    )
    contact = forms.CharField(
        label="Contact (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Enter the contact in 200 characters or fewer"},
    )


class RateForm(forms.Form):
    tier = forms.ChoiceField(
        label="Level of doctor",
        choices=RateTier.choices,
        error_messages={
            "required": "Choose the level of doctor",
            "invalid_choice": "Choose the level of doctor from the list",
        },
    )
    hours_kind = forms.ChoiceField(
        label="Kind of hours",
        choices=HoursKind.choices,
        error_messages={
            "required": "Choose the kind of hours",
            "invalid_choice": "Choose the kind of hours from the list",
        },
    )
    hourly_rate = forms.CharField(
        label="Hourly rate",
        max_length=20,
        error_messages={
            "required": "Enter the hourly rate, for example 85.50",
            "max_length": "Enter the hourly rate in pounds and pence, for example 85.50",
        },
    )
    effective_from = DateInputField(label="First day the rate applies")
    effective_to = DateInputField(label="Last day the rate applies (optional)", required=False)
    source = forms.CharField(
        label="Where the rate comes from",
        max_length=300,
        error_messages={
            "required": "Say where the rate comes from, for example the trust's rate card",
            "max_length": "Say where the rate comes from in 300 characters or fewer",
        },
    )

    def clean_hourly_rate(self) -> Decimal:
        typed = str(self.cleaned_data["hourly_rate"]).strip().removeprefix("£").strip()
        if typed.startswith("-"):
            raise forms.ValidationError("Enter an hourly rate of more than £0, for example 85.50")
        if not MONEY.match(typed):
            raise forms.ValidationError(
                "Enter the hourly rate in pounds and pence, for example 85.50"
            )
        try:
            amount = Decimal(typed)
        except InvalidOperation:
            raise forms.ValidationError(
                "Enter the hourly rate in pounds and pence, for example 85.50"
            ) from None
        if (problem := rate_problem(amount)) is not None:
            raise forms.ValidationError(problem)
        return amount

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        for name in ("effective_from", "effective_to"):
            day = data.get(name)
            if day is not None and (problem := outside_horizon(day, today)):
                self.add_error(name, problem)
        first, last = data.get("effective_from"), data.get("effective_to")
        if first and last and last < first and "effective_to" not in self.errors:
            self.add_error("effective_to", "The last day must be on or after the first day")
        return data


class RateChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return (
            f"{obj.tier}, {obj.get_hours_kind_display().lower()}: "
            f"{pounds(obj.hourly_rate_pence)} an hour from {format_day(obj.effective_from)}"
        )


class EndRateForm(forms.Form):
    """One on the suppliers page for each supplier with a rate that has no end yet; its
    fields prefixed with the supplier, so each form's boxes have their own ids."""

    rate = RateChoice(
        label="Rate to end",
        queryset=RateCard.objects.none(),
        error_messages={
            "required": "Choose the rate to end",
            "invalid_choice": "Choose a rate from the list",
        },
    )
    last_day = DateInputField(label="Its last day")

    def __init__(self, *args: Any, rates: QuerySet[RateCard], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rate"].queryset = rates  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("last_day")
        if day is not None and (problem := outside_horizon(day, timezone.localdate())):
            self.add_error("last_day", problem)
        return data
