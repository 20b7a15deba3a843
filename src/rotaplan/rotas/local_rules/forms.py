"""The forms of a department's local rules: its limits, a grade never alone, a pair, a
fixed rota line."""

from __future__ import annotations

from typing import Any

from django import forms

from rotaplan.engine.fixed_lines import LineError, read_weeks
from rotaplan.people.grades import Grade
from rotaplan.people.models import Doctor
from rotaplan.web.nhs_forms import DateInputField

from ..models import ShiftType
from ..requests.selectors import doctors_of_department
from ..selectors import department_shift_types


class LimitsForm(forms.Form):
    max_nights_in_a_row = forms.IntegerField(
        label="Most nights in a row",
        required=False,
        min_value=1,
        max_value=4,
        error_messages={
            "invalid": "Enter the most nights in a row as a whole number",
            "min_value": "Enter 1 or more, or leave it empty for the contract's 4",
            "max_value": "The contract allows 4 nights in a row at most: enter 4 or fewer",
        },
    )
    max_weekends_in_a_row = forms.IntegerField(
        label="Most weekends in a row",
        required=False,
        min_value=1,
        max_value=26,
        error_messages={
            "invalid": "Enter the most weekends in a row as a whole number",
            "min_value": "Enter 1 or more, or leave it empty for no limit",
            "max_value": "Enter 26 or fewer",
        },
    )
    whole_weekends = forms.BooleanField(label="Whole weekends", required=False)


class NeverAloneForm(forms.Form):
    grades = forms.MultipleChoiceField(
        label="Doctors of these grades",
        choices=Grade.choices,
        error_messages={"required": "Choose the grades who must not work alone"},
    )
    shift_types: forms.ModelMultipleChoiceField[ShiftType] = forms.ModelMultipleChoiceField(
        label="On these shifts",
        queryset=ShiftType.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose shifts from the list"},
    )

    def __init__(self, *args: Any, department_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shift_types"].queryset = department_shift_types(department_id)  # type: ignore[attr-defined]


class PairForm(forms.Form):
    first: forms.ModelChoiceField[Doctor] = forms.ModelChoiceField(
        label="Doctor",
        queryset=Doctor.objects.none(),
        error_messages={"required": "Choose a doctor"},
    )
    second: forms.ModelChoiceField[Doctor] = forms.ModelChoiceField(
        label="And doctor",
        queryset=Doctor.objects.none(),
        error_messages={"required": "Choose the other doctor"},
    )
    together = forms.TypedChoiceField(
        label="They",
        choices=[("1", "Always work the same shifts"), ("0", "Never work the same shift")],
        coerce=lambda v: v == "1",
        error_messages={"required": "Choose whether they work together or apart"},
    )

    def __init__(self, *args: Any, department_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        doctors = doctors_of_department(department_id)
        self.fields["first"].queryset = doctors  # type: ignore[attr-defined]
        self.fields["second"].queryset = doctors  # type: ignore[attr-defined]


class FixedLineForm(forms.Form):
    doctor: forms.ModelChoiceField[Doctor] = forms.ModelChoiceField(
        label="Doctor",
        queryset=Doctor.objects.none(),
        error_messages={"required": "Choose the doctor"},
    )
    first_monday = DateInputField(
        label="Week 1 starts on", error_messages={"required": "Enter the Monday week 1 starts"}
    )
    last_day = DateInputField(label="Last day (optional)", required=False)
    weeks = forms.CharField(
        label="Shifts, one row a week",
        widget=forms.Textarea,
        max_length=52 * 8 * 8,
        error_messages={
            "required": "Enter the line's weeks: one row a week, Monday to Sunday",
            "max_length": "The line is too long: give 52 weeks at most",
        },
    )
    note = forms.CharField(label="Why (optional)", required=False, max_length=200)

    def __init__(self, *args: Any, department_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doctor"].queryset = doctors_of_department(department_id)  # type: ignore[attr-defined]
        self.codes = {s.code for s in department_shift_types(department_id)}

    def clean_weeks(self) -> tuple[tuple[str, ...], ...]:
        try:
            return read_weeks(self.cleaned_data["weeks"], self.codes)
        except LineError as error:
            raise forms.ValidationError(str(error)) from None
