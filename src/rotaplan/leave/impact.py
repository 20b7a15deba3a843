"""What a leave request or an absence would do before anyone says yes: the shifts left
below their minimum and who could cover each, the days minimum staffing is broken, the
nights and on-call it clashes with, and lines other areas add through ``IMPACT_HOOKS``
(the clinics area will list the sessions affected)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rotaplan.cover.candidates import Candidate, cover_candidates
from rotaplan.cover.shortfall import ShiftShort, left_below_minimum
from rotaplan.engine.clock import format_day
from rotaplan.people.models import Doctor
from rotaplan.rotas.models import ShiftType

from .selectors import rota_clashes, staffing_breaks

# Callables (doctor, start, end) -> lines in words; the clinics area appends its own.
IMPACT_HOOKS: list[Callable[[Doctor, date, date], list[str]]] = []

# The best few of each shift: the coordinator offers it to one of them or opens the gap.
CANDIDATES_SHOWN = 5


@dataclass(frozen=True)
class ShortShift:
    """A shift that would fall below its minimum, and the doctors who could cover it."""

    short: ShiftShort
    candidates: list[Candidate]

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

    @property
    def nothing(self) -> bool:
        return not (self.shorts or self.staffing or self.clashes or self.other)


def leave_impact(*, doctor: Doctor, start: date, end: date) -> Impact:
    shorts = left_below_minimum(doctor.pk, start, end)
    shift_types = ShiftType.objects.in_bulk({short.shift_type_id for short in shorts})
    found = [
        ShortShift(
            short,
            cover_candidates(
                shift_type=shift_types[short.shift_type_id],
                day=short.date,
                exclude_doctor_ids=frozenset({doctor.pk}),
                limit=CANDIDATES_SHOWN,
            ),
        )
        for short in shorts
    ]
    other = [line for hook in IMPACT_HOOKS for line in hook(doctor, start, end)]
    return Impact(
        shorts=found,
        staffing=staffing_breaks(doctor, start, end),
        clashes=rota_clashes(doctor, start, end),
        other=other,
    )
