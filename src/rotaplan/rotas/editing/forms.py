"""The forms that add a shift to a draft rota and take one off it."""

from __future__ import annotations

from typing import Any

from django import forms

from rotaplan.people.models import Doctor
from rotaplan.web.nhs_forms import DateInputField

from ..models import Rota, ShiftType
from ..selectors import department_shift_types
from .selectors import department_doctors, doctor_with_gmc_number


class DoctorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Doctor) -> str:
        return f"{obj} ({obj.gmc_number})"


# Asked for when an edit breaks the rules and the coordinator has not said why.
REASON_REQUIRED = "Enter a reason for going ahead"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason for going ahead",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    # The rota's version when the page was shown: a change since refuses the edit, so a
    # reason is only ever recorded for the breaches the coordinator saw.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ShiftAddForm(ReasonForm):
    doctor = DoctorChoiceField(
        queryset=Doctor.objects.none(), required=False, empty_label="Choose a doctor"
    )
    gmc_number = forms.CharField(
        label="Or a GMC number, for a doctor from another department",
        required=False,
        max_length=7,
    )
    date = DateInputField(label="Date", error_messages={"required": "Enter the date of the shift"})
    shift_type = forms.ModelChoiceField(
        label="Shift",
        queryset=ShiftType.objects.none(),
        error_messages={"required": "Choose a shift"},
    )
    # Which shift the breaches on the page were for (``edit_key``): a reason is not taken
    # for a different one, whose breaches have not been shown.
    shown = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, rota: Rota, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doctor"].queryset = department_doctors(rota)  # type: ignore[attr-defined]
        self.fields["shift_type"].queryset = department_shift_types(  # type: ignore[attr-defined]
            rota.department_id
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        number = cleaned.get("gmc_number", "").strip()
        if number:
            doctor = doctor_with_gmc_number(number)
            if doctor is None:
                self.add_error("gmc_number", f"There is no doctor with GMC number {number}")
            else:
                cleaned["doctor"] = doctor
        elif cleaned.get("doctor") is None and "doctor" not in self.errors:
            self.add_error("doctor", "Choose a doctor, or give their GMC number")
        return cleaned


def edit_key(data: dict[str, Any]) -> str:
    """The shift a valid ``ShiftAddForm`` asks for, as text: doctor, date and shift type."""
    return f"{data['doctor'].pk}:{data['date'].isoformat()}:{data['shift_type'].pk}"
