"""How the add and remove pages read: the shift in question, the day's shifts with their
remove links, the days either side, and the changes saved despite breaches."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django import forms
from django.urls import reverse
from markupsafe import Markup

from rotaplan.engine.breaches import Breach
from rotaplan.engine.clock import format_moment
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.presenters import day as day_text

from ..models import Assignment, ComplianceOverride, Rota
from ..presenters import rota_status_tag, shift_times

DAY_HEAD = ("Doctor", "Shift", "Times", "Action")


def grid_at(rota: Rota, day: date) -> str:
    return f"{reverse('rotas:rota-grid', args=[rota.pk])}?from={day.isoformat()}"


def page_basics(
    rota: Rota, form: forms.Form, breaches: tuple[Breach, ...], refusal: str | None
) -> dict[str, Any]:
    return {
        "rota": rota,
        "status": rota_status_tag(rota.status),
        "refusal": refusal,
        "form": form,
        "page_errors": error_summary_items(form),
        "breach_messages": [b.message for b in breaches],
        "asking_reason": bool(breaches),
    }


def shift_summary(assignment: Assignment) -> list[dict[str, Any]]:
    """Summary list rows describing one shift."""
    return [
        {"key": {"text": "Doctor"}, "value": {"text": str(assignment.doctor)}},
        {"key": {"text": "Date"}, "value": {"text": day_text(assignment.date)}},
        {
            "key": {"text": "Shift"},
            "value": {"text": f"{assignment.shift_type.code} {assignment.shift_type.name}"},
        },
        {"key": {"text": "Times"}, "value": {"text": shift_times(assignment)}},
    ]


def day_rows(
    rota: Rota, assignments: Iterable[Assignment], *, removable: bool
) -> list[list[dict[str, Any]]]:
    """A day's shifts, each with a link to remove it if it can be removed, for the table
    macro."""
    return [
        [
            {"text": str(a.doctor)},
            {"text": a.shift_type.code},
            {"text": shift_times(a)},
        ]
        + ([{"html": remove_link(rota, a)}] if removable else [])
        for a in assignments
    ]


def remove_link(rota: Rota, assignment: Assignment) -> str:
    href = reverse("rotas:shift-remove", args=[rota.pk, assignment.pk])
    hidden = f" {assignment.doctor} {assignment.shift_type.code}"
    return Markup('<a href="{}">Remove<span class="nhsuk-u-visually-hidden">{}</span></a>').format(
        href, hidden
    )


def day_paging(rota: Rota, day: date) -> dict[str, Any] | None:
    """Previous and next day links for the pagination macro, within the rota."""
    base = reverse("rotas:shift-add", args=[rota.pk])
    params: dict[str, Any] = {}
    before, after = day - timedelta(days=1), day + timedelta(days=1)
    if before >= rota.period_start:
        params["previous"] = {"href": f"{base}?day={before}", "labelText": day_text(before)}
    if after <= rota.period_end:
        params["next"] = {"href": f"{base}?day={after}", "labelText": day_text(after)}
    return params or None


def override_rows(overrides: Iterable[ComplianceOverride]) -> list[list[dict[str, Any]]]:
    """Changes saved despite breaches: when, who, what, the breaches, why."""
    return [
        [
            {"text": format_moment(o.made_at)},
            {"text": o.made_by.display_name},
            {"text": o.change},
            {"text": " ".join(str(b.get("message", "")) for b in o.breaches)},
            {"text": o.reason},
        ]
        for o in overrides
    ]
