"""The doctor import page's form: the file, and the department for rows that name none."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from rotaplan.organisation.models import Department


class DepartmentCodeChoiceField(forms.ModelChoiceField):
    """Shows each department's code beside its name: the code is what a row's cell holds."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class DoctorImportForm(forms.Form):
    file = forms.FileField(
        # An empty file gets the importer's fuller message, naming the columns expected.
        allow_empty_file=True,
        error_messages={"required": "Select a CSV or Excel file of doctors"},
    )
    department = DepartmentCodeChoiceField(
        queryset=Department.objects.none(),
        to_field_name="code",
        required=False,
        label="Department for rows that name none",
        empty_label="None: every row names its department",
        error_messages={"invalid_choice": "Choose a department from the list"},
    )

    def __init__(self, *args: Any, departments: QuerySet[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
