"""The forms of job plans: an activity (a session, or its own start and end times), the
on-call, a move of status, a comment, the department's policy and a new plan. Each field
names its own problem; the services check the rest (overlaps, a signed-off plan)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet

from rotaplan.people.models import Doctor
from rotaplan.web.nhs_forms import DateInputField

from .models import ActivityKind, Category, JobPlanStatus, OnCallCategory, Session, Weeks

WEEKDAY_CHOICES = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]
MOVE_CHOICES = [
    ("discuss", "Mark as discussed"),
    ("agree", "Mark as agreed"),
    ("sign", "Sign off"),
    ("reopen", "Reopen as a draft"),
]
TIME_ERRORS = {"invalid": "Enter a time on the 24-hour clock, like 09:00 or 13:30"}


class ActivityForm(forms.Form):
    description = forms.CharField(
        label="What it is",
        max_length=120,
        help_text="For example, Clinic A or Ward round",
        error_messages={
            "required": "Say what the activity is, for example Clinic A",
            "max_length": "Say what the activity is in 120 characters or fewer",
        },
    )
    category = forms.ChoiceField(
        label="Category",
        choices=Category.choices,
        error_messages={"required": "Choose the category of activity"},
    )
    kind = forms.ChoiceField(
        label="Kind of activity",
        choices=ActivityKind.choices,
        error_messages={"required": "Choose the kind of activity"},
    )
    weekday = forms.TypedChoiceField(
        label="Day",
        choices=WEEKDAY_CHOICES,
        coerce=int,
        error_messages={"required": "Choose the day of the week"},
    )
    session = forms.ChoiceField(
        label="Session",
        choices=[("", "Enter the times instead"), *Session.choices],
        required=False,
        help_text="Morning 09:00 to 13:00, afternoon 13:00 to 17:00, evening 17:00 to 21:00",
    )
    start = forms.TimeField(
        label="Start time (optional with a session)",
        required=False,
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        error_messages=TIME_ERRORS,
    )
    end = forms.TimeField(
        label="End time (optional with a session)",
        required=False,
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        error_messages=TIME_ERRORS,
    )
    weeks = forms.ChoiceField(
        label="Which weeks",
        choices=Weeks.choices,
        initial=Weeks.EVERY,
        error_messages={"required": "Choose which weeks it runs"},
    )
    weeks_value = forms.IntegerField(
        label="How many weeks",
        required=False,
        min_value=1,
        max_value=52,
        help_text="N of one week in N, or the weeks a year it runs",
        error_messages={
            "invalid": "Enter a whole number of weeks",
            "min_value": "Enter 1 or more",
            "max_value": "Enter 52 or fewer",
        },
    )
    location = forms.CharField(label="Location (optional)", max_length=100, required=False)
    theatre_list = forms.CharField(label="Theatre list (optional)", max_length=100, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and end <= start:
            self.add_error(
                "end",
                f"The end must be after the start: it starts at {start:%H:%M} and ends at "
                f"{end:%H:%M}",
            )
        unsaid = cleaned.get("weeks_value") is None and "weeks_value" not in self.errors
        if cleaned.get("weeks") not in (None, Weeks.EVERY) and unsaid:
            self.add_error("weeks_value", "Say how many weeks")
        return cleaned


class RemoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class OnCallForm(forms.Form):
    one_in = forms.IntegerField(
        label="On call one in",
        min_value=1,
        max_value=52,
        help_text="For example, 6 for on call one week in 6",
        error_messages={
            "required": "Enter how often, as in on call one in N",
            "invalid": "Enter a whole number",
            "min_value": "Enter 1 or more",
            "max_value": "Enter 52 or fewer",
        },
    )
    category = forms.ChoiceField(
        label="Category",
        choices=OnCallCategory.choices,
        error_messages={"required": "Choose category A or B"},
    )
    predictable_hours = forms.DecimalField(
        label="Predictable work, hours a week on average",
        min_value=Decimal(0),
        max_value=Decimal(48),
        decimal_places=2,
        initial=Decimal(0),
        help_text="Such as weekend ward rounds",
        error_messages={"required": "Enter the hours, 0 if none", "invalid": "Enter a number"},
    )
    unpredictable_hours = forms.DecimalField(
        label="Unpredictable work, hours a week on average",
        min_value=Decimal(0),
        max_value=Decimal(48),
        decimal_places=2,
        initial=Decimal(0),
        help_text="Called back or phoned while on call",
        error_messages={"required": "Enter the hours, 0 if none", "invalid": "Enter a number"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class StatusForm(forms.Form):
    move = forms.ChoiceField(choices=MOVE_CHOICES, error_messages={"required": "Choose a step"})
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        error_messages={"max_length": "Keep the note to 2000 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Your comment",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": "Write your comment",
            "max_length": "Keep the comment to 2000 characters or fewer",
        },
    )


class PolicyForm(forms.Form):
    minimum_spa = forms.DecimalField(
        label="Minimum SPA for a full-time job plan, PAs a week",
        min_value=Decimal(0),
        max_value=Decimal(10),
        decimal_places=2,
        help_text="Pro rata for those working less than full time. Many trusts ask 1.5; "
        "the BMA recommends 2.5",
        error_messages={
            "required": "Enter the PAs of SPA",
            "invalid": "Enter a number, like 1.5",
            "max_digits": "Enter 10 PAs or fewer",
            "max_decimal_places": "Enter the PAs to 2 decimal places at most",
            "min_value": "Enter 0 or more",
            "max_value": "Enter 10 or fewer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NewJobPlanForm(forms.Form):
    doctor: forms.ModelChoiceField[Doctor] = forms.ModelChoiceField(
        label="Doctor",
        queryset=Doctor.objects.none(),
        error_messages={
            "required": "Choose the doctor",
            "invalid_choice": "Choose a consultant or SAS doctor from the list",
        },
    )
    year_start = DateInputField(
        label="First day of the job plan year",
        error_messages={"required": "Enter the first day of the job plan year"},
    )
    weeks_a_year = forms.IntegerField(
        label="Working weeks a year",
        initial=42,
        min_value=1,
        max_value=52,
        help_text="Activities that do not run every week are spread over these",
        error_messages={
            "required": "Enter the working weeks a year",
            "invalid": "Enter a whole number",
            "min_value": "Enter from 1 to 52",
            "max_value": "Enter from 1 to 52",
        },
    )

    def __init__(self, *args: Any, doctors: QuerySet[Doctor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doctor"].queryset = doctors  # type: ignore[attr-defined]


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Any status"), *JobPlanStatus.choices],
        required=False,
    )
