"""Repair a published rota after a new absence: the fewest changes that restore cover,
within the rules and fair, before any locum is booked.

Only the days around the absence may change (``REPAIR_MARGIN_DAYS`` either side), and each
shift added to or taken from a doctor's rota costs more than a shift left below its ideal,
so the proposal moves as few doctors as it can and leaves the rest of the rota as it was.
What cannot be covered comes back as gaps: the locum requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rotaplan.engine.solver.generate import ProgressCallback, StopCheck, solve
from rotaplan.engine.solver.outcome import GeneratedRota, RotaShift
from rotaplan.engine.solver.problem import RotaProblem
from rotaplan.engine.solver.rota_model import RotaModel

REPAIR_MARGIN_DAYS = 7


@dataclass(frozen=True, slots=True)
class Repair:
    """The proposal: shifts to take away and to add, and the rota they make."""

    removed: tuple[RotaShift, ...]
    added: tuple[RotaShift, ...]
    result: GeneratedRota


def repair(
    problem: RotaProblem,
    current: Sequence[RotaShift],
    absent: tuple[date, date],
    *,
    time_limit: float = 5.0,
    workers: int = 2,
    seed: int = 0,
    on_progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
) -> Repair:
    """``problem`` already holds the absence among the doctor's unavailable days;
    ``absent`` is its first and last day, around which shifts may move."""
    first = max((absent[0] - problem.period.start).days - REPAIR_MARGIN_DAYS, 0)
    last = min(
        (absent[1] - problem.period.start).days + REPAIR_MARGIN_DAYS, problem.period.days - 1
    )
    built = RotaModel(problem, current=current, free_days=range(first, last + 1))
    result = solve(
        built,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        on_progress=on_progress,
        should_stop=should_stop,
        hint=current,
    )
    if not result.compliant:
        return Repair((), (), result)
    before, after = set(current), set(result.shifts)
    return Repair(
        removed=tuple(sorted(before - after, key=_order)),
        added=tuple(sorted(after - before, key=_order)),
        result=result,
    )


def _order(shift: RotaShift) -> tuple[date, str, str]:
    return shift.day, shift.shift, shift.doctor
