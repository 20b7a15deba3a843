"""How the rota model is searched: a first rota built a few weeks at a time, then improved
by re-solving windows of weeks with the rest of the rota held still.

One CP-SAT solve of a whole 26-week rota finds a rota quickly but improves it slowly: the
model is large and its objective sums over every day. Holding most of the rota still turns
each step into a small problem CP-SAT solves in a second or two, and every step's answer
is a whole rota that obeys every rule, so the search can stop at any moment.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.builders import Penalty
from rotaplan.engine.solver.rota_model import RotaModel

STOP_POLL_SECONDS = 0.5

Solution = list[int]
"""A value for every variable of the model, by index."""


@dataclass
class SearchState:
    """The best rota so far, and what the caller is told about it."""

    solution: Solution | None = None
    objective: float = float("inf")
    bound: float = 0.0
    first_at: float | None = None
    solutions: int = 0
    optimal: bool = False


@dataclass(frozen=True, slots=True)
class SearchSettings:
    time_limit: float
    workers: int
    seed: int
    window_days: int = 14
    step_seconds: float = 4.0


def _held(
    model: cp_model.CpModel,
    values: dict[int, int],
    hint: Solution | None,
    objective: list[Penalty] | None = None,
) -> cp_model.CpModel:
    """A copy of ``model`` with each variable in ``values`` fixed, hinted with ``hint``,
    minimising ``objective`` instead of the model's own if given."""
    sub = model.clone()
    if objective is not None:
        b.objective(sub, objective)
    proto = sub.proto
    for index, value in values.items():
        domain = proto.variables[index].domain  # a 0/1 cell: exactly two bounds
        domain[0] = domain[1] = value
    proto.solution_hint.vars.clear()
    proto.solution_hint.values.clear()
    if hint is not None:
        proto.solution_hint.vars.extend(range(len(hint)))
        proto.solution_hint.values.extend(hint)
    return sub


class RotaSearch:
    """Runs the search on one built model; ``should_stop`` is polled between steps and,
    through ``stop_check``, inside them."""

    def __init__(
        self,
        built: RotaModel,
        settings: SearchSettings,
        report: Callable[[SearchState], None],
        should_stop: Callable[[], bool],
    ) -> None:
        self.built = built
        self.settings = settings
        self.report = report
        self.should_stop = should_stop
        self.state = SearchState()
        self.started = time.monotonic()
        self.rng = random.Random(settings.seed)
        self.infeasible = False
        """Whether the rules and the fixed shifts leave no rota at all."""
        self.cells_by_day: dict[int, list[int]] = {}
        for (_, d, _), var in built.grid.cells():
            self.cells_by_day.setdefault(d, []).append(var.index)
        # Fixed shifts are never held empty while the rota is built.
        self.fixed = {
            built.x(p, cell).index
            for p, doctor in enumerate(built.problem.doctors)
            for cell in built.cells.fixed_cells(doctor)
        }

    def remaining(self) -> float:
        return self.settings.time_limit - (time.monotonic() - self.started)

    def run(self, start: dict[int, int] | None = None) -> SearchState:
        """Search until the time is up or ``should_stop``; ``start`` (values by variable
        index) is a rota to begin from instead of building one."""
        if start is None:
            self._build_first()
            if self.state.solution is None and not self.infeasible and not self.should_stop():
                self._whole(self.remaining() * 0.5)
        else:
            # A rota to begin from (a repair): the model is small, so solve it whole.
            hint = [start.get(i, 0) for i in range(len(self.built.model.proto.variables))]
            self._whole(self.remaining(), hint)
            return self.state
        polish = self.settings.time_limit * 0.15
        while self.remaining() > polish and not self.should_stop() and self.state.solution:
            self._improve_window()
        if not self.should_stop():
            self._whole(self.remaining())
        return self.state

    def _whole(self, seconds: float, hint: Solution | None = None) -> None:
        """The whole model, from the best rota so far: it may still improve it, and it is
        the only step whose bound holds for the whole rota."""
        model = _held(self.built.model, {}, hint or self.state.solution)
        status, solver = self._solve(model, seconds)
        self.infeasible = self.infeasible or status == cp_model.INFEASIBLE
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.state.bound = solver.best_objective_bound
            self._accept(solver)
            if status == cp_model.OPTIMAL:
                self.state.optimal = True

    def _solve(
        self, model: cp_model.CpModel, seconds: float
    ) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver]:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.2, min(seconds, self.remaining()))
        solver.parameters.num_workers = max(self.settings.workers, 1)
        solver.parameters.random_seed = self.rng.randrange(1 << 30)
        done = threading.Event()

        def poll() -> None:
            while not done.wait(STOP_POLL_SECONDS):
                if self.should_stop():
                    solver.stop_search()
                    return

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        try:
            status = solver.solve(model)
        finally:
            done.set()
            poller.join()
        return status, solver

    def _accept_solution(self, solution: Solution) -> None:
        """Take a rota found under another objective, valued by the model's own."""
        value = sum(t.weight * solution[t.var.index] for t in self.built.objective.terms())
        if value < self.state.objective - 1e-9:
            self.state.solution = solution
            self.state.objective = value
            self.state.solutions += 1
            if self.state.first_at is None:
                self.state.first_at = time.monotonic() - self.started
            self.report(self.state)

    def _accept(self, solver: cp_model.CpSolver) -> None:
        value = solver.objective_value
        if value < self.state.objective - 1e-9:
            self.state.solution = list(solver.response_proto.solution)
            self.state.objective = value
            self.state.solutions += 1
            if self.state.first_at is None:
                self.state.first_at = time.monotonic() - self.started
            self.report(self.state)

    def _build_first(self) -> None:
        """Weeks in order, ``window_days`` at a time: the days already built are held,
        the days after the window are left empty, and the window is solved."""
        horizon = self.built.grid.horizon
        window = self.settings.window_days
        chunks = list(range(0, horizon, window))
        share = max(self.settings.time_limit * 0.6 / max(len(chunks), 1), 1.0)
        previous: Solution | None = None
        for start in chunks:
            if self.should_stop():
                return
            values: dict[int, int] = {}
            for d in range(horizon):
                if d < start and previous is not None:
                    values.update({i: previous[i] for i in self.cells_by_day.get(d, [])})
                elif d >= start + window:
                    values.update(dict.fromkeys(self.cells_by_day.get(d, []), 0))
            # Cover and requests only: fairness is the later steps' work, and it slows this.
            first_goals = [*self.built.objective.cover, *self.built.objective.request_terms()]
            sub = _held(self.built.model, values, previous, first_goals)
            status, solver = self._solve(sub, share)
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                self.infeasible = status == cp_model.INFEASIBLE and start == 0
                return  # leave the rest to the whole-model search
            previous = list(solver.response_proto.solution)
        if previous is not None:
            self._accept_solution(previous)

    def _improve_window(self) -> None:
        """Re-solve a random window of days with every other day held."""
        assert self.state.solution is not None
        horizon = self.built.grid.horizon
        window = min(self.settings.window_days, horizon)
        start = self.rng.randrange(0, max(horizon - window + 1, 1))
        values = {
            i: self.state.solution[i]
            for d, indices in self.cells_by_day.items()
            if not start <= d < start + window
            for i in indices
        }
        status, solver = self._solve(
            _held(self.built.model, values, self.state.solution), self.settings.step_seconds
        )
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self._accept(solver)
