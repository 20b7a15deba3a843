"""Generate a rota: build the model, search within the time allowed, and offer the best rota
found only after the rules engine has checked it.

The search reports progress on each better rota and can be stopped from outside (a web
task's cancel button); stopping keeps the best rota so far.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from rotaplan.engine.compliance import ComplianceReport
from rotaplan.engine.rota import Rota
from rotaplan.engine.rules import check_rota
from rotaplan.engine.solver.fairness import fairness_of
from rotaplan.engine.solver.outcome import GeneratedRota, Progress, RotaShift, SolveStatus
from rotaplan.engine.solver.problem import RotaProblem
from rotaplan.engine.solver.rota_model import RotaModel, Weights
from rotaplan.engine.solver.search import RotaSearch, SearchSettings, SearchState
from rotaplan.engine.solver.shortfall import gaps_in, request_outcomes

ProgressCallback = Callable[[Progress], None]
StopCheck = Callable[[], bool]


def solve(
    built: RotaModel,
    *,
    time_limit: float,
    workers: int,
    seed: int,
    on_progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
    hint: Sequence[RotaShift] = (),
) -> GeneratedRota:
    """Search ``built`` and turn the best rota found into a checked :class:`GeneratedRota`."""
    problem = built.problem
    started = time.monotonic()

    def report(state: SearchState) -> None:
        if on_progress is not None:
            on_progress(
                Progress(time.monotonic() - started, state.objective, state.bound, state.solutions)
            )

    stop = should_stop or (lambda: False)
    search = RotaSearch(built, SearchSettings(time_limit, workers, seed), report, stop)
    state = search.run(start=_hint_solution(built, hint) if hint else None)
    seconds = time.monotonic() - started
    empty = Rota(problem.period, tuple(problem.terms(d) for d in problem.doctors))
    if state.solution is None:
        cancelled = stop()
        return GeneratedRota(
            status=SolveStatus.CANCELLED if cancelled else SolveStatus.NO_ROTA,
            shifts=(),
            rota=empty,
            report=ComplianceReport((), {}),
            seconds=seconds,
            message=(
                "Stopped before any rota was found."
                if cancelled
                else _no_rota_message(search.infeasible, time_limit)
            ),
        )
    solution = state.solution
    shifts = tuple(
        RotaShift(problem.doctors[p].id, built.cells.date_of(d), problem.shift_types[s].code)
        for (p, d, s), var in built.grid.cells()
        if solution[var.index]
    )
    rota = Rota(
        problem.period,
        empty.doctors,
        tuple(built.cells.shift_of(sh.doctor, built.cells.cell_of(sh)) for sh in shifts),
    )
    report_ = check_rota(rota)
    if report_.breaches:
        return GeneratedRota(
            status=SolveStatus.NO_ROTA,
            shifts=shifts,
            rota=rota,
            report=report_,
            seconds=seconds,
            message=(
                "The solver produced a rota that the rules engine rejects "
                f"({len(report_.breaches)} breaches, first: {report_.breaches[0].message}). "
                "This is a bug in Rotaplan; the rota is not offered."
            ),
        )
    return GeneratedRota(
        status=SolveStatus.OPTIMAL if state.optimal else SolveStatus.FEASIBLE,
        shifts=shifts,
        rota=rota,
        report=report_,
        gaps=gaps_in(built, shifts),
        requests=request_outcomes(built, shifts),
        fairness=fairness_of(built, rota, report_),
        objective=state.objective,
        bound=state.bound,
        seconds=seconds,
        seconds_to_first=state.first_at,
    )


def generate(
    problem: RotaProblem,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    on_progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
    weights: Weights | None = None,
) -> GeneratedRota:
    """The best compliant rota for ``problem`` (a :class:`~.problem.RotaProblem`) that
    the search finds in ``time_limit`` seconds, with its gaps explained."""
    return solve(
        RotaModel(problem, weights),
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        on_progress=on_progress,
        should_stop=should_stop,
    )


def _hint_solution(built: RotaModel, hint: Sequence[RotaShift]) -> dict[int, int]:
    """The grid's values for a rota given as shifts (a published rota to repair)."""
    index = {d.id: p for p, d in enumerate(built.problem.doctors)}
    chosen = {
        (index[h.doctor], built.cells.index_of(h.day), built.cells.codes[h.shift])
        for h in hint
        if h.doctor in index and h.shift in built.cells.codes
    }
    return {var.index: int(key in chosen) for key, var in built.grid.cells()}


def _no_rota_message(infeasible: bool, time_limit: float) -> str:
    if infeasible:
        return (
            "No rota can keep every doctor within the rules with the fixed shifts given: "
            "check the fixed shifts against each other and against leave."
        )
    return f"No rota was found within {time_limit:g} seconds; allow more time."
