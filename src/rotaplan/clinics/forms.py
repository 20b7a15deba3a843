"""The forms of clinics: a template with its slot rows, generating sessions, the sessions
filter, a change to a session, the decision on a short-notice change, the notice window."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet

from rotaplan.people.models import Competency, Doctor
from rotaplan.web.nhs_forms import DateInputField

from .models import ChangeAction, SessionStatus, SlotType
from .presenters import WEEKDAYS
from .schedule import Slot

SLOT_ROWS = 6
TIME_MESSAGES = {
    "required": "Enter the time, like 09:00",
    "invalid": "Enter the time as hours and minutes, like 09:00",
}


class DoctorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class TemplateForm(forms.Form):
    clinician = DoctorChoice(
        label="Clinician",
        queryset=Doctor.objects.none(),
        error_messages={
            "required": "Choose the clinician",
            "invalid_choice": "Choose a clinician from the list",
        },
    )
    name = forms.CharField(
        label="Clinic name",
        max_length=100,
        error_messages={
            "required": "Enter the clinic's name, like Cardiology follow-up clinic",
            "max_length": "Enter the clinic's name in 100 characters or fewer",
        },
    )
    weekday = forms.TypedChoiceField(
        label="Day of the week",
        coerce=int,
        choices=list(enumerate(WEEKDAYS)),
        error_messages={"required": "Choose the day of the week"},
    )
    start = forms.TimeField(label="Starts at", error_messages=TIME_MESSAGES)
    end = forms.TimeField(label="Ends at", error_messages=TIME_MESSAGES)
    every_weeks = forms.IntegerField(
        label="Runs one week in",
        help_text="1 for every week, 2 for one week in two",
        min_value=1,
        max_value=52,
        error_messages={
            "required": "Enter how often it runs: 1 for every week",
            "invalid": "Enter a whole number of weeks",
            "min_value": "Enter 1 or more",
            "max_value": "Enter 52 or fewer",
        },
    )
    valid_from = DateInputField(
        label="First date", error_messages={"required": "Enter the first date it runs"}
    )
    valid_to = DateInputField(label="Last date (optional)", required=False)
    location = forms.CharField(
        label="Location (optional)",
        required=False,
        max_length=100,
        error_messages={"max_length": "Enter the location in 100 characters or fewer"},
    )
    skills = forms.ModelMultipleChoiceField(
        label="Skills a clinician needs to run it in the usual clinician's place",
        queryset=Competency.objects.all(),
        required=False,
        error_messages={"invalid_choice": "Choose skills from the list"},
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, clinicians: QuerySet[Doctor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clinician"].queryset = clinicians  # type: ignore[attr-defined]
        for n in range(1, SLOT_ROWS + 1):
            self.fields[f"slot_{n}_type"] = forms.ChoiceField(
                label=f"Slot row {n}: type",
                required=False,
                choices=[("", "None"), *SlotType.choices],
            )
            self.fields[f"slot_{n}_minutes"] = forms.IntegerField(
                label=f"Slot row {n}: minutes each",
                required=False,
                error_messages={"invalid": f"Slot row {n}: enter the minutes as a whole number"},
            )
            self.fields[f"slot_{n}_count"] = forms.IntegerField(
                label=f"Slot row {n}: how many",
                required=False,
                error_messages={"invalid": f"Slot row {n}: enter how many as a whole number"},
            )

    def slot_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"slot_{n}_type"], self[f"slot_{n}_minutes"], self[f"slot_{n}_count"])
            for n in range(1, SLOT_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, SLOT_ROWS + 1):
            kind, minutes, count = (
                data.get(f"slot_{n}_{part}") for part in ("type", "minutes", "count")
            )
            if (minutes is not None or count is not None) and not kind:
                self.add_error(f"slot_{n}_type", f"Slot row {n}: choose the type of slot")
            elif kind and minutes is None:
                self.add_error(
                    f"slot_{n}_minutes", f"Slot row {n}: enter the minutes each slot takes"
                )
            elif kind and count is None:
                self.add_error(f"slot_{n}_count", f"Slot row {n}: enter how many slots")
        return data

    def slots(self) -> list[Slot]:
        """The filled rows, in order; the row numbers the service names are their rank."""
        data = self.cleaned_data
        return [
            Slot(
                data[f"slot_{n}_type"], data[f"slot_{n}_minutes"] or 0, data[f"slot_{n}_count"] or 0
            )
            for n in range(1, SLOT_ROWS + 1)
            if data.get(f"slot_{n}_type")
        ]

    @staticmethod
    def initial_from(template: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "clinician": template.clinician_id,
            "name": template.name,
            "weekday": template.weekday,
            "start": template.start.strftime("%H:%M"),
            "end": template.end.strftime("%H:%M"),
            "every_weeks": template.every_weeks,
            "valid_from": template.valid_from,
            "valid_to": template.valid_to,
            "location": template.location,
            "skills": [s.pk for s in template.skills.all()],
            "version": template.version,
        }
        for n, slot in enumerate(template.slots.all(), start=1):
            if n > SLOT_ROWS:
                break
            initial[f"slot_{n}_type"] = slot.slot_type
            initial[f"slot_{n}_minutes"] = slot.minutes
            initial[f"slot_{n}_count"] = slot.count
        return initial


class DateRangeForm(forms.Form):
    start = DateInputField(label="From", error_messages={"required": "Enter the first day"})
    end = DateInputField(label="To", error_messages={"required": "Enter the last day"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("start"), data.get("end")
        if isinstance(first, date) and isinstance(last, date) and last < first:
            self.add_error("end", "The last day must be on or after the first")
        return data


class SessionFilterForm(DateRangeForm):
    clinician = DoctorChoice(
        label="Clinician",
        queryset=Doctor.objects.none(),
        required=False,
        empty_label="Everyone",
        error_messages={"invalid_choice": "Choose a clinician from the list"},
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any"), *SessionStatus.choices]
    )

    def __init__(self, *args: Any, clinicians: QuerySet[Doctor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clinician"].queryset = clinicians  # type: ignore[attr-defined]


class ChangeForm(forms.Form):
    action = forms.ChoiceField(
        label="What happens to the clinic",
        choices=[
            (ChangeAction.CANCEL, "Cancel it: its patients go to the rebooking list"),
            (ChangeAction.REDUCE, "Reduce it: keep some slots"),
            (ChangeAction.BACKFILL, "Backfill it: another clinician runs it"),
        ],
        error_messages={"required": "Choose cancel, reduce or backfill"},
    )
    slots_kept = forms.IntegerField(
        label="Slots to keep",
        required=False,
        error_messages={"invalid": "Enter the slots to keep as a whole number"},
    )
    backfill_clinician = DoctorChoice(
        label="Who runs it instead",
        queryset=Doctor.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": "Choose a clinician from the list of those who can run it"
        },
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=300,
        error_messages={"max_length": "Give the reason in 300 characters or fewer"},
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, eligible: list[Doctor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["backfill_clinician"].queryset = Doctor.objects.filter(  # type: ignore[attr-defined]
            pk__in=[d.pk for d in eligible]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("action") == ChangeAction.REDUCE
            and data.get("slots_kept") is None
            and "slots_kept" not in self.errors
        ):
            self.add_error("slots_kept", "Enter how many slots the clinic keeps")
        if (
            data.get("action") == ChangeAction.BACKFILL
            and data.get("backfill_clinician") is None
            and "backfill_clinician" not in self.errors
        ):
            self.add_error("backfill_clinician", "Choose who runs the clinic instead")
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve"), ("refuse", "Refuse")],
        error_messages={"required": "Choose approve or refuse"},
    )
    reason = forms.CharField(
        label="Reason (needed to refuse)",
        required=False,
        max_length=300,
        error_messages={"max_length": "Give the reason in 300 characters or fewer"},
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "refuse" and not data.get("reason", "").strip():
            self.add_error("reason", "Say why the change is refused: the coordinator is told")
        return data


class PolicyForm(forms.Form):
    notice_weeks = forms.IntegerField(
        label="Notice window, in weeks",
        help_text="A clinic changed less than this far ahead needs a service manager's approval",
        min_value=0,
        max_value=52,
        error_messages={
            "required": "Enter the notice window in weeks",
            "invalid": "Enter a whole number of weeks",
            "min_value": "Enter 0 or more weeks",
            "max_value": "Enter 52 weeks or fewer",
        },
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
