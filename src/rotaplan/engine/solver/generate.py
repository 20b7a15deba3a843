"""Generate a rota: search within the time allowed, and offer the best rota found only
after the rules engine has checked it.

The search reports progress on each better rota and can be stopped from outside (a web
task's cancel button); stopping keeps the best rota so far.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from rotaplan.engine.breaches import Breach, ComplianceReport
from rotaplan.engine.rota import RotaShifts
from rotaplan.engine.rules import check_rota
from rotaplan.engine.rules.local import local_breaches
from rotaplan.engine.solver.capacity import capacity_shortfalls
from rotaplan.engine.solver.cells import RotaCells
from rotaplan.engine.solver.fairness import fairness_of
from rotaplan.engine.solver.model import Weights
from rotaplan.engine.solver.outcome import GeneratedRota, Progress, RotaShift, SolveStatus
from rotaplan.engine.solver.parts import PartsSearch, problem_parts
from rotaplan.engine.solver.problem import FixedShift, RotaProblem
from rotaplan.engine.solver.search import RotaSearch, SearchSettings, SearchState
from rotaplan.engine.solver.shortfall import gaps_in, request_outcomes

ProgressCallback = Callable[[Progress], None]
StopCheck = Callable[[], bool]


def generate(
    problem: RotaProblem,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    on_progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
    weights: Weights | None = None,
    deterministic: bool = False,
) -> GeneratedRota:
    """The best compliant rota for ``problem`` that the search finds in ``time_limit``
    seconds, with its gaps explained. ``deterministic`` counts the seconds in CP-SAT's
    deterministic time on one worker: the same problem then gives the same rota on an
    idle or a busy machine (tests); by default they are the wall clock's (users)."""

    def report(state: SearchState) -> None:
        if on_progress is not None:
            on_progress(Progress(search.clock.now(), state.objective, state.bound, state.solutions))

    stop = should_stop or (lambda: False)
    settings = SearchSettings(time_limit, workers, seed, deterministic=deterministic)
    parts = problem_parts(problem)
    search: RotaSearch | PartsSearch = (
        RotaSearch(problem, settings, weights or Weights(), report, stop)
        if len(parts) == 1
        else PartsSearch(parts, settings, weights or Weights(), report, stop)
    )
    state = search.run()
    if state.shifts is None:
        cancelled = stop()
        return no_rota(
            problem,
            SolveStatus.CANCELLED if cancelled else SolveStatus.NO_ROTA,
            search.clock.now(),
            "Stopped before any rota was found."
            if cancelled
            else _no_rota_message(problem, state.infeasible, time_limit),
        )
    return offer(
        problem,
        state.shifts,
        status=SolveStatus.OPTIMAL if state.optimal else SolveStatus.FEASIBLE,
        objective=state.objective,
        bound=state.bound,
        seconds=search.clock.now(),
        seconds_to_first=state.first_at,
    )


def no_rota(
    problem: RotaProblem, status: SolveStatus, seconds: float, message: str
) -> GeneratedRota:
    """An answer with no rota in it, saying why."""
    empty = RotaShifts(problem.period, tuple(problem.terms(d) for d in problem.doctors))
    return GeneratedRota(
        status=status,
        shifts=(),
        rota=empty,
        report=ComplianceReport((), {}),
        seconds=seconds,
        message=message,
    )


def offer(
    problem: RotaProblem,
    shifts: tuple[RotaShift, ...],
    *,
    status: SolveStatus,
    objective: float,
    bound: float,
    seconds: float,
    seconds_to_first: float | None,
) -> GeneratedRota:
    """The rota as an answer, once the rules engine has checked it with the doctors' fixed
    times: a rota it rejects is a solver bug and is not offered. ``rota`` holds only the
    shifts generated."""
    cells = RotaCells(problem, extra=shifts)
    rota, report, new = _judged(problem, cells, shifts)
    new += report.local
    if new:
        return GeneratedRota(
            status=SolveStatus.NO_ROTA,
            shifts=shifts,
            rota=rota,
            report=report,
            seconds=seconds,
            message=(
                "The solver produced a rota that the rules engine rejects "
                f"({len(new)} breaches, first: {new[0].message}). "
                "This is a bug in Rotaplan; the rota is not offered."
            ),
        )
    return GeneratedRota(
        status=status,
        shifts=shifts,
        rota=rota,
        report=report,
        gaps=gaps_in(cells, shifts),
        capacity=capacity_shortfalls(cells),
        requests=request_outcomes(cells, shifts),
        fairness=fairness_of(cells, rota, report),
        objective=objective,
        bound=bound,
        seconds=seconds,
        seconds_to_first=seconds_to_first,
    )


def _judged(
    problem: RotaProblem, cells: RotaCells, shifts: tuple[RotaShift, ...]
) -> tuple[RotaShifts, ComplianceReport, list[Breach]]:
    """The shifts as a rota, its report (local rules too), and the contract's breaches
    it brings: judged with each doctor's fixed times, as the rules will judge the
    doctor's week, less what the fixed times break on their own."""
    rota = RotaShifts(
        problem.period,
        tuple(problem.terms(d) for d in problem.doctors),
        tuple(cells.shift_of(s.doctor, cells.cell_of(s)) for s in shifts),
    )
    context = tuple(s for d in problem.doctors for s in cells.context_shifts(d.id))
    report = check_rota(replace(rota, shifts=rota.shifts + context))
    already = (
        {_where(b) for b in check_rota(replace(rota, shifts=context)).breaches}
        if context
        else set()
    )
    new = [b for b in report.breaches if _where(b) not in already]
    return rota, replace(report, local=local_breaches(rota, problem.local)), new


def fixed_shift_breaches(problem: RotaProblem) -> list[Breach]:
    """The contract's breaches the doctors' fixed shifts bring on their own, beside their
    fixed times: no rota can mend one by adding shifts."""
    fixed = tuple(
        RotaShift(d.id, f.day, f.shift)
        for d in problem.doctors
        for f in d.fixed
        if isinstance(f, FixedShift)
    )
    return _judged(problem, RotaCells(problem), fixed)[2] if fixed else []


def _where(breach: Breach) -> tuple[str, str, datetime, datetime]:
    """A breach's rule, doctor and window: the fixed times' own breaches (accepted on a
    published rota) are not the generator's."""
    return breach.rule, breach.doctor, breach.start, breach.end


def _no_rota_message(problem: RotaProblem, infeasible: bool, time_limit: float) -> str:
    if infeasible:
        found = fixed_shift_breaches(problem)
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            return (
                "No rota can keep every doctor within the rules with the fixed shifts "
                f"given: {found[0].message}{more}. Change the fixed shifts or rota lines."
            )
        return (
            "No rota can keep every doctor within the rules with the fixed shifts given: "
            "check the fixed shifts against each other and against leave."
        )
    return f"No rota was found within {time_limit:g} seconds; allow more time."
