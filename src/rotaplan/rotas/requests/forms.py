"""The form a doctor, or their coordinator, enters a rota request with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from rotaplan.people.models import Doctor
from rotaplan.web.nhs_forms import DateInputField

from ..models import RequestKind, ShiftType

WEIGHTS = [(1, "A preference"), (2, "Important"), (3, "Very important")]


class RotaRequestForm(forms.Form):
    doctor = forms.ModelChoiceField(
        label="Doctor",
        queryset=Doctor.objects.none(),
        required=False,
        error_messages={"required": "Choose the doctor"},
    )
    kind = forms.ChoiceField(
        label="What is the request",
        choices=RequestKind.choices,
        error_messages={"required": "Choose what the request is"},
    )
    first_date = DateInputField(
        label="First day", error_messages={"required": "Enter the first day"}
    )
    last_date = DateInputField(
        label="Last day", required=False, error_messages={"required": "Enter the last day"}
    )
    shift_type = forms.ModelChoiceField(
        label="Shift wanted",
        queryset=ShiftType.objects.none(),
        required=False,
        empty_label="Choose a shift",
    )
    weight = forms.TypedChoiceField(
        label="How important is it",
        choices=WEIGHTS,
        coerce=int,
        error_messages={"required": "Choose how important it is"},
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=200)

    def __init__(self, *args: Any, doctors: QuerySet[Doctor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.doctors = doctors
        self.fields["doctor"].queryset = doctors  # type: ignore[attr-defined]
        self.fields["doctor"].required = doctors.count() > 1
        departments = doctors.values("department_id")
        self.fields["shift_type"].queryset = ShiftType.objects.filter(  # type: ignore[attr-defined]
            department_id__in=departments
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("doctor") is None and not self.fields["doctor"].required:
            cleaned["doctor"] = self.doctors.first()
        first, last = cleaned.get("first_date"), cleaned.get("last_date")
        if first is not None and last is None and "last_date" not in self.errors:
            cleaned["last_date"] = last = first
        if first is not None and last is not None and last < first:
            self.add_error("last_date", "The last day must be on or after the first day")
        if first is not None and first < timezone.localdate():
            self.add_error("first_date", "The first day must be today or later")
        shift = cleaned.get("shift_type")
        doctor = cleaned.get("doctor")
        if cleaned.get("kind") == RequestKind.ON:
            if shift is None:
                self.add_error("shift_type", "Choose the shift wanted")
            elif doctor is not None and shift.department_id != doctor.department_id:
                self.add_error("shift_type", "Choose a shift of the doctor's department")
        else:
            cleaned["shift_type"] = None
        return cleaned
