"""How many doctors a cover pattern needs: the smallest team for which the solver finds a
rota meeting every minimum within the rules.

Doctors are taken as interchangeable and full time, qualified for every shift type, so
the answer is about hours and rules (nights, rest, weekends), not about skill mix; a
department with few doctors at a grade can see that in the gaps ``generate`` explains.
The lower bounds come from arithmetic (hours a doctor may work on average, weekends a
doctor may work), then each team size from there up is tried.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from rotaplan.engine.rules.limits import limits_on
from rotaplan.engine.solver.cells import RotaCells
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.problem import ProblemDoctor, RotaProblem, demand_by_day
from rotaplan.engine.weekends import saturdays_in


@dataclass(frozen=True, slots=True)
class SizeTrial:
    doctors: int
    covered: bool  # a rota meeting every minimum was found
    gaps: int  # doctor-shifts below minimum in the best rota found
    seconds: float


@dataclass(frozen=True, slots=True)
class RotaSize:
    doctors: int | None  # the smallest team found to cover; None if none tried did
    hours_bound: int  # doctors needed for the hours alone
    weekend_bound: int  # doctors needed for the weekends alone
    trials: tuple[SizeTrial, ...]
    stuck: tuple[str, ...] = ()
    """When more doctors stopped helping: why the first gap left is short."""


#: Team sizes in a row that leave as many gaps before giving up on headcount.
NO_BETTER_TRIALS = 3


def lower_bounds(problem: RotaProblem) -> tuple[int, int]:
    """Doctors needed for the demanded hours at the 48-hour average, and for the
    weekends at 1 in 2 (each weekend needs its busiest day's minimum)."""
    limits = limits_on(problem.period.start)
    cells = RotaCells(problem)
    minutes = 0
    busiest: dict[int, int] = {}
    for day, cover in demand_by_day(problem).items():
        for code, demand in cover.items():
            cell = (cells.index_of(day), cells.codes[code])
            if cell in cells.facts:
                minutes += demand.minimum * cells.facts[cell].minutes
        if day.weekday() >= 5:
            saturday = day.toordinal() - (day.weekday() - 5)
            busiest[saturday] = max(
                busiest.get(saturday, 0), sum(c.minimum for c in cover.values())
            )
    hours_bound = math.ceil(minutes / 60 / (limits["avg-weekly-hours"] * problem.period.weeks))
    weekends = len(saturdays_in(problem.period))
    allowed = int(limits["weekend-frequency"] * weekends + 1e-9)
    weekend_bound = math.ceil(sum(busiest.values()) / allowed) if allowed else 0
    return hours_bound, weekend_bound


def rota_size(
    problem: RotaProblem,
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    most: int = 200,
    on_trial: Callable[[SizeTrial], None] | None = None,
    deterministic: bool = False,
) -> RotaSize:
    """Try teams from the larger lower bound up, ``time_limit`` seconds each, until one
    covers every minimum (or ``most`` doctors). ``deterministic`` as in ``generate``."""
    hours_bound, weekend_bound = lower_bounds(problem)
    shift_types = tuple(
        replace(s, grades=frozenset(), competencies=frozenset()) for s in problem.shift_types
    )
    trials: list[SizeTrial] = []
    for n in range(max(hours_bound, weekend_bound, 1), most + 1):
        team = tuple(ProblemDoctor(f"doctor {i + 1}") for i in range(n))
        trial_problem = replace(problem, doctors=team, shift_types=shift_types, requests=())
        result = generate(
            trial_problem, time_limit=time_limit, workers=workers, deterministic=deterministic
        )
        short = sum(g.missing for g in result.gaps if g.below == "minimum")
        trial = SizeTrial(n, result.compliant and short == 0, short, result.seconds)
        trials.append(trial)
        if on_trial is not None:
            on_trial(trial)
        if trial.covered:
            return RotaSize(n, hours_bound, weekend_bound, tuple(trials))
        recent = [t.gaps for t in trials[-NO_BETTER_TRIALS - 1 :]]
        if len(recent) > NO_BETTER_TRIALS and min(recent[1:]) >= recent[0]:
            gap = next(g for g in result.gaps if g.below == "minimum")
            why = (f"{gap.shift} on {gap.day.isoformat()}", *gap.reasons)
            return RotaSize(None, hours_bound, weekend_bound, tuple(trials), why)
    return RotaSize(None, hours_bound, weekend_bound, tuple(trials))
