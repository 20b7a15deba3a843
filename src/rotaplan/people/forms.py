"""The doctor filter and the doctor edit form, laid out by templates with NHS.UK macros."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from rotaplan.organisation.models import Department
from rotaplan.web.nhs_forms import DateInputField

from .grades import Contract, Grade
from .models import Doctor
from .selectors import DoctorFilters
from .services import EDITABLE_FIELDS

LTFT_CHOICES = [("", "Any"), ("yes", "Yes"), ("no", "No")]


class DoctorFilterForm(forms.Form):
    """The GET form above the doctor list; an invalid value is reported and ignored."""

    q = forms.CharField(label="Name or GMC number", required=False, max_length=100)
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(), required=False, empty_label="All departments"
    )
    grade = forms.ChoiceField(choices=[("", "All grades"), *Grade.choices], required=False)
    contract = forms.ChoiceField(choices=[("", "All contracts"), *Contract.choices], required=False)
    ltft = forms.ChoiceField(
        label="Less than full time (LTFT)", choices=LTFT_CHOICES, required=False
    )

    def __init__(self, *args: Any, departments: QuerySet[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]

    def filters(self) -> DoctorFilters:
        """The filters from the fields that are valid; call after ``is_valid()``."""
        data = getattr(self, "cleaned_data", {})
        department = data.get("department")
        ltft = data.get("ltft")
        return DoctorFilters(
            department_id=department.pk if department else None,
            grade=data.get("grade", ""),
            contract=data.get("contract", ""),
            ltft={"yes": True, "no": False}.get(ltft or ""),
            text=data.get("q", ""),
        )


WTE_RANGE = "WTE must be between 0.10 and 1.00 (full time)"


class DoctorForm(forms.ModelForm):
    """A doctor's record as a coordinator or medical staffing may change it.

    ``version`` rides along hidden: the version of the record the form was loaded from, so
    ``doctor_update`` can refuse a change made from a stale copy.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    post_start = DateInputField(
        label="Start of post", error_messages={"required": "Enter the start of post"}
    )
    post_end = DateInputField(label="End of post", required=False)

    class Meta:
        model = Doctor
        fields = EDITABLE_FIELDS
        error_messages = {
            "first_name": {"required": "Enter the doctor's first name"},
            "last_name": {"required": "Enter the doctor's last name"},
            "gmc_number": {
                "required": "Enter the GMC number",
                "unique": "Another doctor already has this GMC number",
            },
            "email": {"invalid": "Enter an email address like name@nhs.net"},
            "grade": {"required": "Choose a grade"},
            "contract": {"required": "Choose a contract"},
            "wte": {
                "required": "Enter the WTE, for example 0.6",
                "invalid": "WTE must be a number, for example 0.6",
                "min_value": WTE_RANGE,
                "max_value": WTE_RANGE,
                "max_digits": WTE_RANGE,
                "max_decimal_places": "WTE can have at most 2 decimal places, for example 0.75",
            },
            "department": {
                "required": "Choose a department",
                "invalid_choice": "Choose a department you manage",
            },
        }

    def __init__(self, *args: Any, departments: QuerySet[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def changes(self) -> dict[str, Any]:
        """The edited fields as ``doctor_update`` takes them; call after ``is_valid()``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
