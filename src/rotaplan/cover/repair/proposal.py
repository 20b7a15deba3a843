"""A repair's proposal as stored on its run: the shifts to take off and put on, each
with the doctor's id and name, the shift's code and name, and the day; and which
shifts it leaves a doctor more than before, the places it fills."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, TypedDict


class ProposedShift(TypedDict):
    doctor_id: int
    doctor: str
    code: str
    name: str
    date: str  # ISO day


def shifts(proposal: dict[str, Any], side: str) -> list[ProposedShift]:
    """``side`` is "remove" or "add"."""
    found: list[ProposedShift] = proposal.get(side, [])
    return found


def day_of(shift: ProposedShift) -> date:
    return date.fromisoformat(shift["date"])


def places_filled(proposal: dict[str, Any]) -> Counter[tuple[str, date]]:
    """Each shift (code, day) with more doctors after the repair than before, by how
    many: the gaps there it fills. A shift moved from one doctor to another on the same
    day fills nothing."""
    net: Counter[tuple[str, date]] = Counter()
    for shift in shifts(proposal, "add"):
        net[(shift["code"], day_of(shift))] += 1
    for shift in shifts(proposal, "remove"):
        net[(shift["code"], day_of(shift))] -= 1
    return Counter({place: n for place, n in net.items() if n > 0})


def changed_days(proposal: dict[str, Any]) -> list[date]:
    return sorted({day_of(s) for side in ("remove", "add") for s in shifts(proposal, side)})
