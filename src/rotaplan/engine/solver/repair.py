"""Repair a published rota after a new absence: the fewest changes that restore cover,
within the rules and fair, before any locum is booked.

Only the days around the absence may change (``REPAIR_MARGIN_DAYS`` either side), and each
shift added to or taken from a doctor's rota costs more than a shift left below its ideal,
so the proposal moves as few doctors as it can and leaves the rest of the rota as it was.
What cannot be covered comes back as gaps: the locum requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from ortools.sat.python import cp_model

from rotaplan.engine.solver.generate import StopCheck, no_rota, offer
from rotaplan.engine.solver.model import Weights
from rotaplan.engine.solver.outcome import GeneratedRota, RotaShift, SolveStatus
from rotaplan.engine.solver.problem import Reason, RotaProblem, Unavailable
from rotaplan.engine.solver.search import RotaSearch, SearchSettings

REPAIR_MARGIN_DAYS = 7

#: A change costs more than a shift below its ideal and less than one below its minimum:
#: the repair restores every minimum it can, moving as few shifts as it can.
REPAIR_WEIGHTS = Weights(change=2_000)


@dataclass(frozen=True, slots=True)
class Repair:
    """The proposal: shifts to take away and to add, and the rota they make."""

    removed: tuple[RotaShift, ...]
    added: tuple[RotaShift, ...]
    result: GeneratedRota


def with_absence(
    problem: RotaProblem, doctor: str, days: Sequence[date], reason: Reason = Reason.OTHER
) -> RotaProblem:
    """The problem with ``doctor`` unavailable on ``days`` as well: how a new absence
    reaches ``repair``. A day already unavailable keeps the reason it had."""
    doctors = []
    for entry in problem.doctors:
        if entry.id == doctor:
            held = {u.day for u in entry.unavailable}
            added = tuple(Unavailable(d, reason) for d in days if d not in held)
            entry = replace(
                entry, unavailable=tuple(sorted(entry.unavailable + added, key=lambda u: u.day))
            )
        doctors.append(entry)
    return replace(problem, doctors=tuple(doctors))


def repair(
    problem: RotaProblem,
    current: Sequence[RotaShift],
    absent: tuple[date, date],
    *,
    time_limit: float = 5.0,
    workers: int = 2,
    seed: int = 0,
    should_stop: StopCheck | None = None,
    deterministic: bool = False,
) -> Repair:
    """``problem`` already holds the absence among the doctor's unavailable days;
    ``absent`` is its first and last day, around which shifts may move.
    ``deterministic`` as in ``generate``."""
    first = max((absent[0] - problem.period.start).days - REPAIR_MARGIN_DAYS, 0)
    last = min(
        (absent[1] - problem.period.start).days + REPAIR_MARGIN_DAYS, problem.period.days - 1
    )
    weights = REPAIR_WEIGHTS
    search = RotaSearch(
        problem,
        SearchSettings(time_limit, workers, seed, deterministic=deterministic),
        weights,
        lambda state: None,
        should_stop or (lambda: False),
    )
    step = search.step(current, range(first, last + 1), time_limit, weights)
    seconds = search.clock.now()
    if not step.shifts and step.objective == float("inf"):
        return Repair((), (), no_rota(problem, SolveStatus.NO_ROTA, seconds, _NO_REPAIR))
    result = offer(
        problem,
        step.shifts,
        status=SolveStatus.OPTIMAL if step.status == cp_model.OPTIMAL else SolveStatus.FEASIBLE,
        objective=step.objective,
        bound=step.bound,
        seconds=seconds,
        seconds_to_first=seconds,
    )
    if not result.compliant:
        return Repair((), (), result)
    before, after = set(current), set(result.shifts)
    return Repair(
        removed=tuple(sorted(before - after, key=_order)),
        added=tuple(sorted(after - before, key=_order)),
        result=result,
    )


_NO_REPAIR = (
    "No change near the absence keeps every doctor within the rules; the rota around it may "
    "already break a rule, or the time allowed was too short."
)


def _order(shift: RotaShift) -> tuple[date, str, str]:
    return shift.day, shift.shift, shift.doctor
