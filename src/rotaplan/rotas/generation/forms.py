"""The form that asks for a draft rota to be generated."""

from __future__ import annotations

from django import forms

from rotaplan.web.nhs_forms import DateInputField

from ..models import StaffGroup


class GenerateForm(forms.Form):
    period_start = DateInputField(
        label="First day", error_messages={"required": "Enter the first day of the rota"}
    )
    period_end = DateInputField(
        label="Last day", error_messages={"required": "Enter the last day of the rota"}
    )
    staff_group = forms.ChoiceField(
        label="Who works on this rota",
        choices=StaffGroup.choices,
        error_messages={"required": "Choose who works on this rota"},
    )
    time_limit = forms.IntegerField(
        label="Time limit, in seconds",
        initial=60,
        error_messages={
            "required": "Enter how many seconds the search may take",
            "invalid": "Enter the time limit as a whole number of seconds, for example 60",
        },
    )
