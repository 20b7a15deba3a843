"""The forms of a department's leave rules and its doctors' entitlements. Every error
names its field in words; the services check the same again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from rotaplan.web.nhs_forms import DateInputField

from ..models import LeaveEntitlement, LeavePolicy
from .presenters import GRADE_CHOICES, MONTH_CHOICES, WEEKDAY_CHOICES
from .services import MOST_AT_LEAST, MOST_DAYS

VERSION_MISSING = "The form was incomplete: open the page again and make your changes"


def _version() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": VERSION_MISSING,
            "invalid": VERSION_MISSING,
            "min_value": VERSION_MISSING,
        },
    )


class PolicyForm(forms.Form):
    notice_weeks = forms.IntegerField(
        label="Weeks of notice",
        min_value=0,
        max_value=52,
        error_messages={
            "required": "Enter the weeks of notice a doctor gives before leave",
            "invalid": "Enter the weeks of notice as a whole number, for example 6",
            "min_value": "Enter the weeks of notice as 0 or more",
            "max_value": "Enter the weeks of notice as 52 or fewer",
        },
    )
    year_start_month = forms.TypedChoiceField(
        label="Month the leave year starts",
        choices=MONTH_CHOICES,
        coerce=int,
        error_messages={
            "required": "Choose the month the leave year starts",
            "invalid_choice": "Choose the month the leave year starts from the list",
        },
    )
    year_start_day = forms.IntegerField(
        label="Day of the month the leave year starts",
        min_value=1,
        max_value=28,
        error_messages={
            "required": "Enter the day of the month the leave year starts",
            "invalid": "Enter the day the leave year starts as a whole number, for example 1",
            "min_value": "Enter the day the leave year starts as a number from 1 to 28",
            "max_value": "Enter the day the leave year starts as a number from 1 to 28",
        },
    )
    version = _version()


class MinimumStaffingForm(forms.Form):
    grades = forms.MultipleChoiceField(
        label="Doctors of these grades",
        choices=GRADE_CHOICES,
        error_messages={
            "required": "Choose the grades the rule counts",
            "invalid_choice": "Choose grades from the list",
        },
    )
    at_least = forms.IntegerField(
        label="At least this many available",
        min_value=1,
        max_value=MOST_AT_LEAST,
        error_messages={
            "required": "Enter how many doctors must be available",
            "invalid": "Enter how many doctors must be available as a whole number",
            "min_value": f"Enter how many doctors as a number from 1 to {MOST_AT_LEAST}",
            "max_value": f"Enter how many doctors as a number from 1 to {MOST_AT_LEAST}",
        },
    )
    weekdays = forms.TypedMultipleChoiceField(
        label="On these days",
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Choose days from the list"},
    )
    note = forms.CharField(
        label="Why (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Keep the reason to 200 characters or fewer"},
    )


def _half_days(value: Decimal | None, what: str) -> Decimal:
    value = value if value is not None else Decimal(0)
    if (value * 2) % 1:
        raise forms.ValidationError(f"Enter {what} in whole or half days, for example 2.5")
    return value


class EntitlementForm(forms.Form):
    service_start = DateInputField(
        label="Service began on (optional)",
        required=False,
        help_text="For doctors in training, when NHS service began; for consultants and "
        "SAS doctors, when service in the grade began",
    )
    carried_over = forms.DecimalField(
        label="Days carried over",
        required=False,
        min_value=Decimal(0),
        max_value=MOST_DAYS,
        max_digits=3,
        decimal_places=1,
        error_messages={
            "invalid": "Enter the days carried over as a number, for example 2.5",
            "min_value": "Enter the days carried over from 0 to 40",
            "max_value": "Enter the days carried over from 0 to 40",
            "max_digits": "Enter the days carried over from 0 to 40",
            "max_whole_digits": "Enter the days carried over from 0 to 40",
            "max_decimal_places": "Enter the days carried over in whole or half days, "
            "for example 2.5",
        },
    )
    adjustment = forms.DecimalField(
        label="Adjustment in days",
        required=False,
        min_value=-MOST_DAYS,
        max_value=MOST_DAYS,
        max_digits=3,
        decimal_places=1,
        help_text="Days added, or taken away with a minus sign, for example -2",
        error_messages={
            "invalid": "Enter the adjustment as a number of days, for example 2 or -1.5",
            "min_value": "Enter the adjustment from -40 to 40",
            "max_value": "Enter the adjustment from -40 to 40",
            "max_digits": "Enter the adjustment from -40 to 40",
            "max_whole_digits": "Enter the adjustment from -40 to 40",
            "max_decimal_places": "Enter the adjustment in whole or half days, for example 2.5",
        },
    )
    note = forms.CharField(
        label="Reason for the adjustment",
        required=False,
        max_length=200,
        help_text="Needed with an adjustment",
        error_messages={"max_length": "Keep the reason to 200 characters or fewer"},
    )
    version = _version()

    def clean_carried_over(self) -> Decimal:
        return _half_days(self.cleaned_data.get("carried_over"), "the days carried over")

    def clean_adjustment(self) -> Decimal:
        return _half_days(self.cleaned_data.get("adjustment"), "the adjustment")

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("adjustment") and not str(cleaned.get("note", "")).strip():
            self.add_error("note", "Give the reason for the adjustment")
        return cleaned


def policy_initial(policy: LeavePolicy) -> dict[str, int]:
    """The policy form as the policy stands, with the version it was loaded at."""
    return {
        "notice_weeks": policy.notice_weeks,
        "year_start_month": policy.year_start_month,
        "year_start_day": policy.year_start_day,
        "version": policy.version,
    }


def entitlement_initial(record: LeaveEntitlement) -> dict[str, Any]:
    """The entitlement form as the record stands: "2.5" and "0", not "2.50" and "0.0"."""
    return {
        "service_start": record.service_start,
        "carried_over": f"{Decimal(record.carried_over).normalize():f}",
        "adjustment": f"{Decimal(record.adjustment).normalize():f}",
        "note": record.note,
        "version": record.version,
    }
