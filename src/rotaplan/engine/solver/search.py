"""How a rota is searched for: built a fortnight at a time, then improved by re-solving
windows of days with the rest of the rota held still.

One CP-SAT model of a whole 26-week rota is large (every 168-hour window, every run of
nights, for every doctor) and slow to presolve and to improve. A model in which only a
window of days may change is small: outside the window each doctor keeps the shifts they
have, so the rules there are constants and the model holds little more than the window.
Every step's answer is a whole rota within every rule, so the search can stop at any time
and still offer the best rota so far.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from rotaplan.engine.solver.model import RotaModel, Weights
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.engine.solver.problem import RotaProblem
from rotaplan.engine.solver.search_clock import SearchClock, search_clock

STOP_POLL_SECONDS = 0.5
BUILD_SHARE = 0.6
BUILD_SECONDS = 22.0
"""The first rota is built in this share of the time allowed, or these seconds if fewer,
so that a rota is ready within half a minute however long the search may go on."""
MIN_STEP_SECONDS = 1.5
MIN_WINDOW_DAYS = 7
VALUING_SHARE = 0.2
"""The share of the time kept for valuing the first rota: the build stops starting
fortnights when only this much is left, so a rota is offered within the time allowed."""
HINT_SECONDS = 2.0


@dataclass
class SearchState:
    """The best rota so far and what is known about it."""

    shifts: tuple[RotaShift, ...] | None = None
    objective: float = float("inf")
    bound: float = 0.0
    """The best objective proved possible; only a step over every day proves one."""
    first_at: float | None = None
    solutions: int = 0
    optimal: bool = False
    infeasible: bool = False
    """The rules and the fixed shifts leave no rota at all."""


@dataclass(frozen=True, slots=True)
class SearchSettings:
    time_limit: float
    workers: int = 2
    seed: int = 0
    window_days: int = 14
    step_seconds: float = 3.0
    deterministic: bool = False
    """Count time in CP-SAT's deterministic seconds on one worker (``search_clock``): the
    same problem and settings then give the same rota every time."""


@dataclass(frozen=True, slots=True)
class StepResult:
    status: cp_model.CpSolverStatus
    shifts: tuple[RotaShift, ...]
    objective: float
    bound: float


class RotaSearch:
    """Searches one problem; ``report`` is called with each better rota and
    ``should_stop`` is polled during every step."""

    def __init__(
        self,
        problem: RotaProblem,
        settings: SearchSettings,
        weights: Weights,
        report: Callable[[SearchState], None],
        should_stop: Callable[[], bool],
    ) -> None:
        self.problem = problem
        self.settings = settings
        self.weights = weights
        self.report = report
        self.should_stop = should_stop
        self.state = SearchState()
        self.clock: SearchClock = search_clock(deterministic=settings.deterministic)
        self.rng = random.Random(settings.seed)
        self.horizon = problem.period.days
        self.cover_only = replace(weights, nights_spread=0, weekends_spread=0, long_days_spread=0)

    def remaining(self) -> float:
        return self.settings.time_limit - self.clock.now()

    def run(self) -> SearchState:
        """Build a rota and improve it until the time is up, it is proved the best, or
        the caller asks to stop."""
        self._build_first()
        widest = min(self.settings.window_days * 2, self.horizon)
        window = widest
        while self.state.shifts is not None and not self.state.optimal:
            if self.remaining() < 0.5 or self.should_stop():
                break
            first = self.rng.randrange(0, self.horizon - window + 1)
            answered = self._improve(
                self.state.shifts, range(first, first + window), self.settings.step_seconds
            )
            # A window too big to answer in a step's time is halved (to a week at the
            # least) rather than tried again and again; one answered grows back.
            if answered:
                window = min(widest, window + window // 2)
            else:
                window = max(min(MIN_WINDOW_DAYS, widest), window // 2)
        return self.state

    def step(
        self,
        current: Sequence[RotaShift],
        free_days: range,
        seconds: float,
        weights: Weights,
        *,
        hint: bool = True,
        fair_until: int | None = None,
        cover_first: bool = False,
    ) -> StepResult:
        """Solve with only ``free_days`` free; every other day keeps ``current``, and the
        search starts from ``current`` where ``hint``. ``fair_until`` as in the model.
        With ``cover_first``, half the time goes to the best cover alone, and the rest to
        the whole objective with cover held at least that good."""
        built = RotaModel(
            self.problem, weights, current=current, free_days=free_days, fair_until=fair_until
        )
        if hint:
            self._hint(built)
        if cover_first:
            seconds -= self._cover_first(built, seconds / 2)
        solver = self._solver(seconds)
        status = self._solve(solver, built.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return StepResult(status, (), float("inf"), 0.0)
        shifts = tuple(
            RotaShift(
                self.problem.doctors[p].id,
                built.cells.date_of(d),
                self.problem.shift_types[s].code,
            )
            for p, (d, s) in built.worked(solver)
        )
        return StepResult(status, shifts, solver.objective_value, solver.best_objective_bound)

    def _solver(self, seconds: float) -> cp_model.CpSolver:
        return self.clock.solver(
            max(0.2, min(seconds, self.remaining())),
            self.clock.workers(self.settings.workers),
            self.rng.randrange(1 << 30),
        )

    def _cover_first(self, built: RotaModel, seconds: float) -> float:
        """Solve for cover and requests alone, then hold the model's cover to that and
        hint it with the answer; returns the seconds taken. Cover is the rota's purpose:
        fairness is then sought among the rotas that cover best."""
        started = self.clock.now()
        goals = [*built.objective.cover, *built.objective.requests]
        first = built.model.clone()
        first.minimize(sum(t.weight * t.var for t in goals))
        solver = self._solver(seconds)
        if self._solve(solver, first) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            cover = sum(t.weight * solver.value(t.var) for t in built.objective.cover)
            built.model.add(sum(t.weight * t.var for t in built.objective.cover) <= cover)
            values = list(solver.response_proto.solution)
            hint = built.model.proto.solution_hint
            hint.vars.clear()
            hint.values.clear()
            hint.vars.extend(range(len(values)))
            hint.values.extend(values)
        return self.clock.now() - started

    def _hint(self, built: RotaModel) -> None:
        """Start the step from the rota the model was built with: every variable hinted,
        found by solving the model with each free cell fixed as that rota has it (a quick
        solve: nothing is left to choose). A complete hint is the step's first solution
        at once; with the cells alone CP-SAT may not find it again within a short step."""
        fixed = built.model.clone()
        for p, cells in enumerate(built.allowed):
            for cell in cells - built.held[p]:
                domain = fixed.proto.variables[built.x(p, cell).index].domain
                domain[0] = domain[1] = int(cell in built.now[p])
        solver = self.clock.solver(max(0.2, min(HINT_SECONDS, self.remaining())), 1, 0)
        status = solver.solve(fixed)
        self.clock.charge(solver)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return  # current breaks a rule the step can mend: search without a hint
        values = list(solver.response_proto.solution)
        hint = built.model.proto.solution_hint
        hint.vars.extend(range(len(values)))
        hint.values.extend(values)

    def _solve(self, solver: cp_model.CpSolver, model: cp_model.CpModel) -> cp_model.CpSolverStatus:
        done = threading.Event()

        def poll() -> None:
            while not done.wait(STOP_POLL_SECONDS):
                if self.should_stop():
                    solver.stop_search()
                    return

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        try:
            return solver.solve(model)
        finally:
            done.set()
            poller.join()
            self.clock.charge(solver)

    def _build_first(self) -> None:
        """A fortnight at a time, each after the ones already built, fair so far (the
        fair share of the days built); then the whole rota is valued by a first
        improving step."""
        window = self.settings.window_days
        chunks = list(range(0, self.horizon, window))
        budget = min(self.settings.time_limit * BUILD_SHARE, BUILD_SECONDS)
        built: tuple[RotaShift, ...] = ()
        for done, first in enumerate(chunks):
            if self.should_stop():
                return
            if self.remaining() < self.settings.time_limit * VALUING_SHARE:
                break  # the fortnights left stay empty: the time left values the rota
            # Time a fortnight solved quickly passes on to the fortnights after it.
            spent = self.settings.time_limit - self.remaining()
            share = max((budget - spent) / (len(chunks) - done), MIN_STEP_SECONDS)
            days = range(first, min(first + window, self.horizon))
            result = self.step(
                built, days, share, self.weights, hint=False, fair_until=days.stop, cover_first=True
            )
            if result.status == cp_model.INFEASIBLE and first > 0:
                # What was built boxes this fortnight in: rebuild it with the one before.
                days = range(first - window, days.stop)
                result = self.step(built, days, share * 2, self.cover_only, hint=False)
            if result.status == cp_model.INFEASIBLE:
                self.state.infeasible = True
                return
            if result.status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                # No answer in its share of the time: the fortnight is left empty (a rota
                # with gaps is still a rota within the rules) and the improving steps come
                # back to it; giving up here offered no rota at all.
                continue
            built = result.shifts
        self._improve(built, range(0, min(window, self.horizon)), self.settings.step_seconds)
        if self.state.shifts is None:  # the valuing step ran out of time: offer the build
            self._improve(built, range(0, 0), self.remaining())

    def _improve(self, current: Sequence[RotaShift], free_days: range, seconds: float) -> bool:
        """One step from ``current``; whether it found an answer (better or not)."""
        result = self.step(current, free_days, seconds, self.weights)
        if result.status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if result.status == cp_model.INFEASIBLE and len(free_days) == self.horizon:
                self.state.infeasible = True
            return False
        whole = len(free_days) == self.horizon
        if whole:
            self.state.bound = max(self.state.bound, result.bound)
            self.state.optimal = result.status == cp_model.OPTIMAL
        if result.objective < self.state.objective - 1e-9:
            self.state.shifts = result.shifts
            self.state.objective = result.objective
            self.state.solutions += 1
            if self.state.first_at is None:
                self.state.first_at = self.clock.now()
            self.report(self.state)
        return True
