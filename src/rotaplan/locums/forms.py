"""The forms of the locums area: a booking, cancelling one, and the spend report's
period and departments."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from rotaplan.organisation.models import Department
from rotaplan.people.grades import Grade
from rotaplan.rotas.horizon import outside_horizon
from rotaplan.rotas.models import ShiftType
from rotaplan.web.nhs_forms import DateInputField

from .models import BookingReason, Supplier


class ShiftChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.department.name}: {obj.name} ({obj.start:%H:%M} to {obj.end:%H:%M})"


class SupplierChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class BookingForm(forms.Form):
    """A locum for a gap (its shift fixed, so ``shift`` and ``day`` are not asked) or for a
    shift of a department on a day."""

    shift = ShiftChoice(
        label="Shift",
        queryset=ShiftType.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose a shift from the list"},
    )
    day = DateInputField(label="Day the shift starts", required=False)
    supplier = SupplierChoice(
        label="Bank or agency",
        queryset=Supplier.objects.none(),
        error_messages={
            "required": "Choose the bank or the agency",
            "invalid_choice": "Choose the bank or an agency from the list",
        },
    )
    locum_name = forms.CharField(
        label="Locum's name",
        max_length=200,
        error_messages={
            "required": "Enter the locum's name",
            "max_length": "Enter the locum's name in 200 characters or fewer",
        },
    )
    gmc_number = forms.RegexField(
        label="GMC number",
        regex=r"^\s*\d{7}\s*$",
        max_length=20,
        error_messages={
            "required": "Enter the locum's GMC number",
            "invalid": "Enter the locum's GMC number: exactly 7 digits, like 7012345",
            "max_length": "Enter the locum's GMC number: exactly 7 digits, like 7012345",
        },
    )
    grade = forms.ChoiceField(
        label="Grade",
        choices=[("", "Choose a grade"), *Grade.choices],
        error_messages={"required": "Choose the locum's grade"},
    )
    reason = forms.ChoiceField(
        label="Why is a locum needed?",
        choices=BookingReason.choices,
        error_messages={"required": "Choose why the locum is needed"},
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=300)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        shifts: QuerySet[ShiftType],
        suppliers: QuerySet[Supplier],
        for_gap: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.for_gap = for_gap
        self.fields["shift"].queryset = shifts  # type: ignore[attr-defined]
        self.fields["supplier"].queryset = suppliers  # type: ignore[attr-defined]
        if for_gap:
            del self.fields["shift"]
            del self.fields["day"]

    def clean_gmc_number(self) -> str:
        return str(self.cleaned_data["gmc_number"]).strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.for_gap:
            return data
        if not data.get("shift") and "shift" not in self.errors:
            self.add_error("shift", "Choose the shift the locum works")
        day = data.get("day")
        if day is None and "day" not in self.errors:
            self.add_error("day", "Enter the day the shift starts")
        elif day is not None and (problem := outside_horizon(day, timezone.localdate())):
            self.add_error("day", problem)
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is the booking cancelled?",
        max_length=300,
        error_messages={
            "required": "Say why the booking is cancelled",
            "max_length": "Say why in 300 characters or fewer",
        },
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


def default_period(today: date) -> tuple[date, date]:
    """The last six months, this one included."""
    month = today.month - 5
    year = today.year + (month - 1) // 12
    start = date(year, (month - 1) % 12 + 1, 1)
    end_month = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    return start, end_month.fromordinal(end_month.toordinal() - 1)


class SpendForm(forms.Form):
    """Read from the query string: the report is a page anyone may bookmark or share."""

    start = DateInputField(label="From")
    end = DateInputField(label="To")
    departments: forms.ModelMultipleChoiceField[Department] = forms.ModelMultipleChoiceField(
        label="Departments",
        queryset=Department.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose departments from the list"},
    )

    def __init__(self, *args: Any, departments: QuerySet[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        for name in ("start", "end"):
            day = data.get(name)
            if day is not None and (problem := outside_horizon(day, today)):
                self.add_error(name, problem)
        start, end = data.get("start"), data.get("end")
        if start and end and end < start and "end" not in self.errors:
            self.add_error("end", "The end must be on or after the start")
        return data
