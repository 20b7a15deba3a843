"""The gap register and a gap's page in words: dates as "Mon 3 Aug 2026", money in
pounds, a status as a coloured tag, what happened to each offer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rotaplan.engine.clock import format_day
from rotaplan.rotas.overlap import shift_words
from rotaplan.web.presenters import moment

from .candidates import Candidate
from .models import CoverOffer, Gap, GapStatus, OfferStatus

STATUS_COLOURS: dict[str, str] = {
    GapStatus.OPEN: "red",
    GapStatus.OFFERED: "yellow",
    GapStatus.FILLED_INTERNALLY: "green",
    GapStatus.BANK: "blue",
    GapStatus.AGENCY: "purple",
    GapStatus.CANCELLED: "grey",
}
OFFER_COLOURS: dict[str, str] = {
    OfferStatus.WAITING: "yellow",
    OfferStatus.ACCEPTED: "green",
    OfferStatus.DECLINED: "grey",
    OfferStatus.TAKEN: "grey",
    OfferStatus.WITHDRAWN: "grey",
}

HEADINGS = (
    "Date",
    "Shift",
    "Department",
    "Cause",
    "Status",
    "Reason",
    "Filled by",
    "Dealt with by",
    "Cost (£)",
)


def pounds(pence: int | None) -> str:
    return "" if pence is None else f"{pence // 100:,}.{pence % 100:02d}"


def person(user: Any) -> str:
    if user is None:
        return ""
    return user.display_name


def status_tag(gap: Gap) -> dict[str, str]:
    return {"text": gap.get_status_display(), "classes": f"nhsuk-tag--{STATUS_COLOURS[gap.status]}"}


def offer_tag(offer: CoverOffer) -> dict[str, str]:
    return {
        "text": offer.get_status_display(),
        "classes": f"nhsuk-tag--{OFFER_COLOURS[offer.status]}",
    }


def shift_text(gap: Gap) -> str:
    return f"{gap.shift_type.code} ({gap.shift_type.name})"


def why_open(gap: Gap) -> str:
    return gap.reason or gap.get_cause_display()


def register_values(gap: Gap) -> list[str]:
    """One gap as the register's columns, for the page and the downloads alike."""
    return [
        format_day(gap.date),
        shift_text(gap),
        gap.department.name,
        gap.get_cause_display(),
        gap.get_status_display(),
        why_open(gap) + (f" ({gap.note})" if gap.note else ""),
        str(gap.filled_by) if gap.filled_by else "",
        person(gap.dealt_with_by),
        pounds(gap.cost_pence),
    ]


@dataclass(frozen=True)
class RegisterRow:
    gap: Gap
    values: list[str]
    tag: dict[str, str]


def register_rows(gaps: Iterable[Gap]) -> list[RegisterRow]:
    return [RegisterRow(g, register_values(g), status_tag(g)) for g in gaps]


def gap_summary(gap: Gap) -> list[dict[str, dict[str, str]]]:
    rows = [
        ("Shift", f"{shift_text(gap)}, {shift_words(gap.shift_type.code, gap.start, gap.end)}"),
        ("Department", gap.department.name),
        ("Why it is open", f"{gap.get_cause_display()}: {why_open(gap)}"),
        ("Status", gap.get_status_display()),
    ]
    if gap.filled_by:
        rows.append(("Filled by", str(gap.filled_by)))
    if gap.dealt_with_by:
        rows.append(("Dealt with by", f"{person(gap.dealt_with_by)}, {moment(gap.dealt_with_at)}"))
    if gap.cost_pence is not None:
        rows.append(("Cost", f"£{pounds(gap.cost_pence)}"))
    if gap.note:
        rows.append(("Note", gap.note))
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def history_rows(offers: Sequence[CoverOffer]) -> list[list[dict[str, Any]]]:
    return [
        [
            {"text": str(o.doctor)},
            {"text": f"{moment(o.offered_at)} by {person(o.offered_by)}"},
            {"text": o.get_status_display()},
            {"text": moment(o.answered_at) if o.answered_at else ""},
        ]
        for o in offers
    ]


def rest_text(hours: float | None) -> str:
    return "No shift near" if hours is None else f"{hours:g} hours"


def candidate_choices(candidates: Sequence[Candidate]) -> list[tuple[int, str]]:
    return [(c.doctor.pk, str(c.doctor)) for c in candidates]


def candidate_items(candidates: Sequence[Candidate], chosen: Iterable[Any]) -> list[dict[str, Any]]:
    """The checkboxes of the offer form: each doctor with the line that ranks them."""
    ticked = {str(value) for value in chosen or []}
    return [
        {
            "value": str(c.doctor.pk),
            "text": f"{c.doctor} ({c.doctor.grade}, {c.doctor.wte:g} WTE)",
            "hint": {"text": c.why},
            "checked": str(c.doctor.pk) in ticked,
        }
        for c in candidates
    ]


def offer_summary(offer: CoverOffer) -> list[dict[str, dict[str, str]]]:
    gap = offer.gap
    rows = [
        ("Shift", f"{shift_text(gap)}, {shift_words(gap.shift_type.code, gap.start, gap.end)}"),
        ("Department", gap.department.name),
        ("Offered", moment(offer.offered_at)),
        ("Your answer", offer.get_status_display()),
    ]
    if offer.note:
        rows.append(("Note", offer.note))
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]
