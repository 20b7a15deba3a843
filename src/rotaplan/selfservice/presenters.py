"""How a doctor's rota, swaps and offers read on a phone: a shift in words ("N Night
20:00 to 08:30"), days in the NHS style ("Mon 7 Dec 2026"), statuses as tags."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from rotaplan.cover.models import CoverOffer, OfferStatus
from rotaplan.engine.clock import format_day, format_moment, monday_of, to_london
from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.rotas.models import Assignment

from .models import ShiftSwap, SwapStatus

SWAP_COLOURS = {
    SwapStatus.WAITING: "yellow",
    SwapStatus.ACCEPTED: "blue",
    SwapStatus.APPROVED: "green",
    SwapStatus.DECLINED: "red",
    SwapStatus.REFUSED: "red",
    SwapStatus.WITHDRAWN: "grey",
}
OFFER_COLOURS = {
    OfferStatus.WAITING: "yellow",
    OfferStatus.ACCEPTED: "green",
    OfferStatus.DECLINED: "grey",
    OfferStatus.TAKEN: "grey",
    OfferStatus.WITHDRAWN: "grey",
}


def times_words(code: str, name: str, start: object, end: object) -> str:
    """ "N Night 20:00 to 08:30", in London wall-clock time."""
    begins, ends = to_london(start), to_london(end)  # type: ignore[arg-type]
    return f"{code} {name} {begins:%H:%M} to {ends:%H:%M}"


def shift_words(shift: Assignment) -> str:
    return times_words(shift.shift_type.code, shift.shift_type.name, shift.start, shift.end)


def shift_with_day(shift: Assignment) -> str:
    """ "Mon 7 Dec 2026, N Night 20:00 to 08:30"."""
    return f"{format_day(shift.date)}, {shift_words(shift)}"


@dataclass
class DayLine:
    text: str
    kind: str  # "shift", "leave" or "off"
    swap_href: str = ""
    swap_label: str = ""  # what "Swap" swaps, for a screen reader: "the night on Mon ..."


@dataclass
class RotaDay:
    day: date
    day_text: str
    today: bool
    lines: list[DayLine] = field(default_factory=list)


@dataclass
class RotaWeek:
    heading: str
    days: list[RotaDay]


def leave_words(record: LeaveRecord) -> str:
    label = LeaveType(record.leave_type).label
    return label if record.status == LeaveStatus.APPROVED else f"{label} (requested)"


def rota_weeks(
    *,
    today: date,
    weeks: int,
    shifts: Iterable[Assignment],
    leave: Iterable[LeaveRecord],
    swap_href: Callable[[Assignment], str],
    asked: Mapping[int, str] | None = None,
) -> list[RotaWeek]:
    """The weeks from this one, each day with its shifts and leave in words; days before
    today in the first week are left out."""
    by_day: dict[date, list[DayLine]] = defaultdict(list)
    for record in leave:
        for offset in range((record.end - record.start).days + 1):
            by_day[record.start + timedelta(days=offset)].append(
                DayLine(leave_words(record), "leave")
            )
    for shift in shifts:
        colleague = (asked or {}).get(shift.pk)
        if colleague is not None:  # one swap at a time: the page says who was asked
            by_day[shift.date].append(
                DayLine(f"{shift_words(shift)} (swap asked of {colleague})", "shift")
            )
            continue
        by_day[shift.date].append(
            DayLine(
                shift_words(shift),
                "shift",
                swap_href(shift),
                f"the {shift.shift_type.name.lower()} on {format_day(shift.date)}",
            )
        )
    first = monday_of(today)
    found = []
    for week in range(weeks):
        monday = first + timedelta(weeks=week)
        days = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            if day < today:
                continue
            lines = by_day.get(day) or [DayLine("No shift", "off")]
            days.append(RotaDay(day, format_day(day), day == today, lines))
        found.append(RotaWeek(f"Week from {format_day(monday)}", days))
    return found


def swap_status_tag(status: str) -> dict[str, str]:
    return {"text": SwapStatus(status).label, "colour": SWAP_COLOURS[SwapStatus(status)]}


def swap_gives(swap: ShiftSwap) -> str:
    words = times_words(swap.shift_type.code, swap.shift_type.name, swap.start, swap.end)
    return f"{format_day(swap.date)}, {words}"


def swap_takes(swap: ShiftSwap) -> str:
    if swap.colleague_shift_type is None or swap.colleague_date is None:
        return "Nothing: the shift is given away"
    return f"{format_day(swap.colleague_date)}, " + times_words(
        swap.colleague_shift_type.code,
        swap.colleague_shift_type.name,
        swap.colleague_start,
        swap.colleague_end,
    )


def swap_rows(
    swaps: Iterable[ShiftSwap], href: Callable[[ShiftSwap], str]
) -> list[dict[str, object]]:
    """One row a swap: who asks whom, the two shifts, the status."""
    return [
        {
            "who": f"{s.requester} with {s.colleague}",
            "gives": swap_gives(s),
            "takes": swap_takes(s),
            "status": swap_status_tag(s.status),
            "href": href(s),
            "label": f"View the swap of {s.requester} with {s.colleague}, {format_day(s.date)}",
        }
        for s in swaps
    ]


def swap_facts(swap: ShiftSwap) -> list[dict[str, dict[str, str]]]:
    """The swap as an NHS summary list."""
    rows = [
        ("Asked by", str(swap.requester)),
        ("Their shift", swap_gives(swap)),
        ("Asked of", str(swap.colleague)),
        ("In exchange", swap_takes(swap)),
        ("Rota", f"{swap.rota.name}, {swap.rota.department.name}"),
        ("Asked on", format_moment(swap.requested_at)),
    ]
    if swap.note:
        rows.append(("Note", swap.note))
    if swap.decided_by and swap.decided_at:
        who = swap.decided_by.display_name
        rows.append(("Decided by", f"{who} on {format_moment(swap.decided_at)}"))
    if swap.reason:
        rows.append(("Reason", swap.reason))
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def offer_rows(offers: Iterable[CoverOffer]) -> list[dict[str, object]]:
    rows = []
    for offer in offers:
        gap = offer.gap
        status = OfferStatus(offer.status)
        rows.append(
            {
                "id": offer.pk,
                "day": format_day(gap.date),
                "shift": times_words(gap.shift_type.code, gap.shift_type.name, gap.start, gap.end),
                "where": gap.department.name,
                "status": {"text": status.label, "colour": OFFER_COLOURS[status]},
                "waiting": status == OfferStatus.WAITING,
                "offered": format_moment(offer.offered_at),
                "note": offer.note,
            }
        )
    return rows


def note_link(link: str, *, sees_rotas: bool, own_rota: str) -> str:
    """Where a notification's "Open" leads: its link, but a rota's grid only for those
    who may see it (a doctor told of a change to their shifts opens their own rota)."""
    if link.startswith("/rotas/") and not sees_rotas:
        return own_rota
    return link
