"""The form that switches a department's policies stricter than the contract."""

from __future__ import annotations

from django import forms

from rotaplan.engine.solver.problem import Policy


class PoliciesForm(forms.Form):
    kept = forms.MultipleChoiceField(
        label="Policies the rota generator keeps",
        choices=[(p.value, p.words[:1].upper() + p.words[1:]) for p in Policy],
        required=False,
        error_messages={"invalid_choice": "Choose policies from the list"},
    )

    def policies(self) -> frozenset[Policy]:
        return frozenset(Policy(p) for p in self.cleaned_data["kept"])
