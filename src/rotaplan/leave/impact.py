"""What a leave request or an absence would do before anyone says yes: the shifts left
below their minimum and who could cover each, the days minimum staffing is broken, the
nights and on-call it clashes with, and lines other areas add through ``IMPACT_HOOKS``
(the clinics area will list the sessions affected)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rotaplan.cover.shortfall import ShiftShort, left_below_minimum
from rotaplan.engine.clock import format_day
from rotaplan.people.models import Doctor
from rotaplan.rotas.models import ShiftType

from .selectors import rota_clashes, staffing_breaks

# Callables (doctor, start, end) -> lines in words; the clinics area appends its own.
IMPACT_HOOKS: list[Callable[[Doctor, date, date], list[str]]] = []

NO_CANDIDATES_YET = "Cover candidates not available yet"
# The best few of each shift: the coordinator offers it to one of them or opens the gap.
CANDIDATES_SHOWN = 5


@dataclass(frozen=True)
class ShortShift:
    """A shift that would fall below its minimum, and the doctors who could cover it
    (``None`` when the cover candidates cannot be found yet)."""

    short: ShiftShort
    candidates: list[Any] | None

    @property
    def words(self) -> str:
        return (
            f"{self.short.name} ({self.short.code}) on {format_day(self.short.date)}: "
            f"{self.short.on} on, at least {self.short.minimum} needed"
        )


@dataclass(frozen=True)
class Impact:
    shorts: list[ShortShift]
    staffing: list[str]
    clashes: list[str]
    other: list[str] = field(default_factory=list)
    candidates_note: str = ""

    @property
    def nothing(self) -> bool:
        return not (self.shorts or self.staffing or self.clashes or self.other)


def leave_impact(*, doctor: Doctor, start: date, end: date) -> Impact:
    shorts = left_below_minimum(doctor.pk, start, end)
    finder = _candidates_finder()
    found = []
    for short in shorts:
        candidates = None
        if finder is not None:
            shift_type = ShiftType.objects.get(pk=short.shift_type_id)
            candidates = list(
                finder(
                    shift_type=shift_type,
                    day=short.date,
                    exclude_doctor_ids=frozenset({doctor.pk}),
                    limit=CANDIDATES_SHOWN,
                )
            )
        found.append(ShortShift(short, candidates))
    other = [line for hook in IMPACT_HOOKS for line in hook(doctor, start, end)]
    return Impact(
        shorts=found,
        staffing=staffing_breaks(doctor, start, end),
        clashes=rota_clashes(doctor, start, end),
        other=other,
        candidates_note="" if finder is not None or not shorts else NO_CANDIDATES_YET,
    )


def _candidates_finder() -> Callable[..., Any] | None:
    """The cover area's ``cover_candidates``, written by another part of the project: the
    impact is shown without it until it exists."""
    try:
        from rotaplan.cover.candidates import cover_candidates
    except ImportError:
        return None
    finder: Callable[..., Any] = cover_candidates
    return finder
