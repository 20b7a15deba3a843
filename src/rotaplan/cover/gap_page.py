"""What a gap's page shows, gathered in one place for its view and for the forms that post
to it and show it again with their errors: the gap, its history, and for a coordinator
of its department the candidates to offer it to and the doctors still asked."""

from __future__ import annotations

from typing import Any

from django import forms

from rotaplan.people import access
from rotaplan.people.models import User

from .candidates import Candidate, cover_candidates
from .forms import CancelForm, OfferForm, PhoneAnswerForm
from .models import REPAIRABLE_CAUSES, UNFILLED, CoverOffer, Gap, OfferStatus
from .presenters import (
    candidate_choices,
    candidate_items,
    gap_summary,
    history_rows,
    shift_text,
)
from .repair.presenters import repair_rows
from .selectors import gap_offers

MOST_CANDIDATES = 30
"""Shown on the page: the fairest 30 are more than a coordinator phones in a morning."""


def candidates_for(gap: Gap) -> list[Candidate]:
    """The doctors who could fill the gap now, less those already asked and waiting."""
    if gap.status not in UNFILLED:
        return []
    asked = set(gap.offers.filter(status=OfferStatus.WAITING).values_list("doctor_id", flat=True))
    return cover_candidates(
        shift_type=gap.shift_type,
        day=gap.date,
        exclude_doctor_ids=frozenset(asked),
        limit=MOST_CANDIDATES,
        rota=gap.rota,
    )


def offer_form(gap: Gap, data: Any = None) -> tuple[OfferForm, list[Candidate]]:
    candidates = candidates_for(gap)
    form = OfferForm(
        data, doctor_choices=candidate_choices(candidates), initial={"version": gap.version}
    )
    return form, candidates


def phone_form(gap: Gap, offers: list[CoverOffer], data: Any = None) -> PhoneAnswerForm:
    waiting = [(o.pk, str(o.doctor)) for o in offers if o.status == OfferStatus.WAITING]
    return PhoneAnswerForm(data, offer_choices=waiting)


def page(
    user: User,
    gap: Gap,
    *,
    offering: OfferForm | None = None,
    candidates: list[Candidate] | None = None,
    phoned: PhoneAnswerForm | None = None,
) -> dict[str, Any]:
    offers = gap_offers(gap)
    can_act = access.coordinates(user, gap.department_id) and gap.status in UNFILLED
    context: dict[str, Any] = {
        "title": f"Gap: {shift_text(gap)}, {gap.department.name}",
        "gap": gap,
        "summary": gap_summary(gap),
        "history": history_rows(offers),
        "can_act": can_act,
        "can_repair": can_act and gap.cause in REPAIRABLE_CAUSES,
        "repairs": repair_rows(gap),
        "page_errors": [],
    }
    if can_act:
        if offering is None:
            offering, candidates = offer_form(gap)
        phoned = phoned or phone_form(gap, offers)
        context |= {
            "offer_form": offering,
            "candidate_items": candidate_items(candidates or [], offering["doctors"].value()),
            "phone_form": phoned,
            "waiting": [o for o in offers if o.status == OfferStatus.WAITING],
            "cancel_form": CancelForm(initial={"version": gap.version}),
            "page_errors": _errors(offering) + _errors(phoned),
        }
    return context


def _errors(form: forms.Form) -> list[dict[str, str]]:
    from rotaplan.web.nhs_forms import error_summary_items

    return error_summary_items(form) if form.is_bound else []
