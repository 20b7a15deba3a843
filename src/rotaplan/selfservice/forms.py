"""Forms of doctor self-service, laid out by the NHS.UK macros (``web.nhs_forms``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from rotaplan.people.models import Doctor
from rotaplan.rotas.models import Assignment

from .presenters import shift_with_day

GIVE_AWAY = "give"


class SwapForm(forms.Form):
    """Step one chooses the colleague (sent as a GET, so the page can list their shifts);
    step two their shift, or none to give the shift away, and a note."""

    colleague = forms.TypedChoiceField(
        label="Colleague",
        coerce=int,
        error_messages={
            "required": "Choose the colleague to ask",
            "invalid_choice": "Choose a colleague from the list",
        },
    )
    colleague_assignment = forms.ChoiceField(
        label="Their shift you would work instead",
        required=False,
        error_messages={"invalid_choice": "Choose one of their shifts from the list"},
    )
    note = forms.CharField(
        label="Note to your colleague (optional)",
        max_length=300,
        required=False,
        error_messages={"max_length": "Keep the note to 300 characters or fewer"},
    )

    def __init__(
        self,
        data: Any = None,
        *,
        colleagues: Sequence[Doctor],
        their_shifts: Sequence[Assignment] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["colleague"].choices = [("", "Choose a colleague")] + [  # type: ignore[attr-defined]
            (d.pk, f"{d} ({d.get_grade_display()})") for d in colleagues
        ]
        self.fields["colleague_assignment"].choices = [  # type: ignore[attr-defined]
            (GIVE_AWAY, "None: give my shift away")
        ] + [(a.pk, shift_with_day(a)) for a in their_shifts]

    def clean_colleague_assignment(self) -> int | None:
        value = self.cleaned_data.get("colleague_assignment") or GIVE_AWAY
        return None if value == GIVE_AWAY else int(value)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("accept", "Accept"), ("decline", "Decline"), ("withdraw", "Withdraw")],
        error_messages={"required": "Choose an answer", "invalid_choice": "Choose an answer"},
    )
    version = forms.IntegerField(required=False, min_value=1)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[("approve", "Approve the swap"), ("refuse", "Refuse it")],
        error_messages={
            "required": "Choose whether to approve or refuse the swap",
            "invalid_choice": "Choose whether to approve or refuse the swap",
        },
    )
    reason = forms.CharField(
        label="Reason",
        max_length=300,
        required=False,
        error_messages={"max_length": "Keep the reason to 300 characters or fewer"},
    )
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why the swap is refused")
        return data


class OfferAnswerForm(forms.Form):
    offer = forms.IntegerField(min_value=1)
    answer = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])


class FeedForm(forms.Form):
    action = forms.ChoiceField(choices=[("create", "Create"), ("revoke", "Revoke")])
