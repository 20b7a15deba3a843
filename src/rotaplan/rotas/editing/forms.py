"""The forms that add a shift to a draft rota and take one off it."""

from __future__ import annotations

from typing import Any

from django import forms

from rotaplan.people.access import AnyUser
from rotaplan.people.models import Doctor
from rotaplan.web.nhs_forms import DateInputField

from ..models import Rota, ShiftType
from ..selectors import department_shift_types
from .selectors import assignable_doctor_with_gmc_number, department_doctors


class DoctorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Doctor) -> str:
        return f"{obj} ({obj.gmc_number})"


# Asked for when an edit breaks the rules and the coordinator has not said why.
REASON_REQUIRED = "Enter a reason for going ahead"
DOCTOR_REQUIRED = "Choose a doctor, or give their GMC number"
BOTH_GIVEN = (
    "The GMC number is not that of the doctor chosen in the list. Choose a doctor or "
    "give a GMC number, not both"
)


def unknown_gmc_number(number: str) -> str:
    """The same words whether nobody holds ``number`` or someone the user may not see."""
    return f"There is no doctor you may put on a rota with GMC number {number}"


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
        label="Or a GMC number, for a doctor not in the list",
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

    def __init__(self, *args: Any, rota: Rota, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["doctor"].queryset = department_doctors(rota, user)  # type: ignore[attr-defined]
        self.fields["shift_type"].queryset = department_shift_types(  # type: ignore[attr-defined]
            rota.department_id
        )

    def clean(self) -> dict[str, Any]:
        """One doctor, from the list or by GMC number: a number that names someone else
        than the doctor chosen is an error, never a silent choice of one over the other."""
        cleaned = super().clean() or {}
        number = cleaned.get("gmc_number", "").strip()
        chosen = cleaned.get("doctor")
        if number:
            doctor = assignable_doctor_with_gmc_number(self.user, number)
            if doctor is None:
                self.add_error("gmc_number", unknown_gmc_number(number))
            elif chosen is not None and chosen != doctor:
                self.add_error("gmc_number", BOTH_GIVEN)
            else:
                cleaned["doctor"] = doctor
        elif chosen is None and "doctor" not in self.errors:
            self.add_error("doctor", DOCTOR_REQUIRED)
        return cleaned


def edit_key(data: dict[str, Any]) -> str:
    """The shift a valid ``ShiftAddForm`` asks for, as text: doctor, date and shift type."""
    return f"{data['doctor'].pk}:{data['date'].isoformat()}:{data['shift_type'].pk}"
