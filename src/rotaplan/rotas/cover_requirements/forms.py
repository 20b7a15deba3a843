"""The forms that set a shift's weekly cover, a dated override and its mix of grades."""

from __future__ import annotations

from typing import Any

from django import forms

from rotaplan.people.grades import Grade
from rotaplan.people.models import Competency
from rotaplan.web.nhs_forms import DateInputField

from ..models import WEEKDAYS, ShiftType
from ..selectors import department_shift_types
from .selectors import dated_cover_exists
from .services import DayCover

IDEAL_BELOW = "The ideal must be at least the minimum"


class WeeklyCoverForm(forms.Form):
    """Minimum and ideal for each weekday: ``minimum_0`` ... ``ideal_6``; both empty for a
    day the shift does not run."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day, name in enumerate(WEEKDAYS):
            for part in ("minimum", "ideal"):
                self.fields[f"{part}_{day}"] = forms.IntegerField(
                    label=f"{name} {part}",
                    required=False,
                    min_value=0,
                    max_value=50,
                    error_messages={
                        "invalid": f"Enter the {part} for {name} as a whole number",
                        "min_value": f"The {part} for {name} cannot be below 0",
                        "max_value": f"The {part} for {name} must be 50 or fewer",
                    },
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for day, name in enumerate(WEEKDAYS):
            low, high = cleaned.get(f"minimum_{day}"), cleaned.get(f"ideal_{day}")
            if low is not None and high is not None and high < low:
                self.add_error(f"ideal_{day}", f"{IDEAL_BELOW} on {name}")
        return cleaned

    def weekly(self) -> dict[int, DayCover]:
        """The valid form's (minimum, ideal) for each weekday, 0 Monday."""
        return {
            day: (self.cleaned_data[f"minimum_{day}"], self.cleaned_data[f"ideal_{day}"])
            for day in range(len(WEEKDAYS))
        }


class DatedCoverForm(forms.Form):
    shift_type = forms.ModelChoiceField(
        label="Shift",
        queryset=ShiftType.objects.none(),
        error_messages={"required": "Choose a shift"},
    )
    date = DateInputField(label="Date", error_messages={"required": "Enter the date"})
    minimum = forms.IntegerField(
        label="Minimum",
        min_value=0,
        max_value=50,
        error_messages={
            "required": "Enter the minimum",
            "invalid": "Enter the minimum as a whole number",
        },
    )
    ideal = forms.IntegerField(
        label="Ideal",
        min_value=0,
        max_value=50,
        error_messages={
            "required": "Enter the ideal",
            "invalid": "Enter the ideal as a whole number",
        },
    )

    def __init__(self, *args: Any, department_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.department_id = department_id
        self.fields["shift_type"].queryset = department_shift_types(  # type: ignore[attr-defined]
            department_id
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("minimum"), cleaned.get("ideal")
        if low is not None and high is not None and high < low:
            self.add_error("ideal", IDEAL_BELOW)
        shift, day = cleaned.get("shift_type"), cleaned.get("date")
        if shift and day and dated_cover_exists(shift, day):
            self.add_error("date", f"{shift.code} already has cover set for that date")
        return cleaned


class CoverMixForm(forms.Form):
    """ "At least 1 of FY2, CT1, CT2 (with ALS)" for one shift."""

    at_least = forms.IntegerField(
        label="At least how many",
        min_value=1,
        max_value=50,
        error_messages={
            "required": "Enter how many doctors of these grades the shift needs",
            "invalid": "Enter how many as a whole number",
            "min_value": "Enter 1 or more",
            "max_value": "Enter 50 or fewer",
        },
    )
    grades = forms.MultipleChoiceField(
        label="Of these grades",
        choices=Grade.choices,
        required=False,
        error_messages={"invalid_choice": "Choose grades from the list"},
    )
    competencies = forms.ModelMultipleChoiceField(
        label="With these competencies",
        queryset=Competency.objects.all(),
        required=False,
        error_messages={"invalid_choice": "Choose competencies from the list"},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        named = "grades" in cleaned and "competencies" in cleaned
        if named and not cleaned["grades"] and not cleaned["competencies"]:
            self.add_error("grades", "Choose the grades or the competencies it needs")
        return cleaned
