"""Large neighbourhood search (LNS) for the Curtois & Qu model in :mod:`.model`.

CP-SAT's own LNS picks neighbourhoods from the constraint graph and knows nothing of rosters.
These neighbourhoods follow the structure of the problem instead: each staff member's line is
tightly constrained (stretches, weekends, minutes) while staff are only coupled through cover,
so freeing a few whole lines lets a sub-solve re-plan them around everyone else, and freeing a
window of days for everyone lets it swap shifts between staff there. Each sub-problem is the
full model with the other cells fixed (by domain, so presolve removes them), hinted with the
incumbent, so any solution found is a whole roster and its objective is exact.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rotaplan.engine.solver.search_clock import SearchClock

Cell = tuple[int, int]
"""(person, day)."""


@dataclass(slots=True)
class _Kind:
    """One neighbourhood shape and its adaptive size (a share of staff or of days)."""

    name: str
    size: float
    low: float
    high: float
    pick: Callable[[random.Random, float], set[Cell]]

    def adapt(self, solved: bool) -> None:
        # Grow while sub-problems are closed within the limit, shrink when they time out.
        self.size = min(self.high, self.size * 1.15) if solved else max(self.low, self.size / 1.15)


@dataclass(slots=True)
class LnsState:
    """The incumbent roster (values of every model variable) and where it came from."""

    solution: list[int]
    objective: int
    log: list[tuple[float, int]] = field(default_factory=list)


class RosterLns:
    """Improve an incumbent by re-solving roster-shaped neighbourhoods until a deadline."""

    def __init__(
        self,
        model: cp_model.CpModel,
        cells: dict[Cell, list[int]],
        persons: int,
        horizon: int,
        seed: int,
        clock: SearchClock,
        workers: int,
    ) -> None:
        self.base = model.proto
        self.clock = clock
        self.cells = cells
        self.persons = persons
        self.horizon = horizon
        self.rng = random.Random(seed)
        self.workers = clock.workers(workers)
        self.lock = threading.Lock()
        self.kinds = [
            _Kind("staff", min(0.5, 3 / persons), 1 / persons, 1.0, self._staff),
            _Kind("days", min(0.5, 4 / horizon), 2 / horizon, 1.0, self._days),
            _Kind("block", 0.3, 0.1, 1.0, self._block),
        ]

    def _staff(self, rng: random.Random, size: float) -> set[Cell]:
        k = max(1, min(self.persons, round(self.persons * size)))
        chosen = rng.sample(range(self.persons), k)
        return {(p, d) for p in chosen for d in range(self.horizon)}

    def _window(self, rng: random.Random, width: int) -> range:
        width = max(1, min(self.horizon, width))
        start = rng.randrange(self.horizon - width + 1)
        return range(start, start + width)

    def _days(self, rng: random.Random, size: float) -> set[Cell]:
        days = self._window(rng, round(self.horizon * size))
        return {(p, d) for p in range(self.persons) for d in days}

    def _block(self, rng: random.Random, size: float) -> set[Cell]:
        """About ``size`` of the staff over about ``size`` of the days, wider than either
        alone: enough room to move stretches between staff."""
        k = max(2, min(self.persons, round(self.persons * size)))
        chosen = rng.sample(range(self.persons), k)
        days = self._window(rng, max(7, round(self.horizon * size)))
        return {(p, d) for p in chosen for d in days}

    def _sub_model(self, free: set[Cell], solution: list[int]) -> cp_model.CpModel:
        sub = cp_model.CpModel()
        sub.proto.copy_from(self.base)
        variables = sub.proto.variables
        for cell, indices in self.cells.items():
            if cell not in free:
                for i in indices:
                    domain = variables[i].domain
                    domain[0] = domain[1] = solution[i]
        sub.proto.clear_solution_hint()
        hint = sub.proto.solution_hint
        hint.vars.extend(range(len(solution)))
        hint.values.extend(solution)
        return sub

    def _step(self, state: LnsState, rng: random.Random, time_limit: float) -> None:
        """Re-solve one neighbourhood of the current incumbent; keep the result when it is no
        worse than the incumbent at that moment (equal moves let the search drift across
        plateaus; another thread may have improved it meanwhile)."""
        with self.lock:
            kind = rng.choice(self.kinds)
            free = kind.pick(rng, kind.size)
            base = state.solution
        sub = self._sub_model(free, base)
        solver = self.clock.solver(time_limit, 1, rng.randrange(1 << 30))
        status = solver.solve(sub)
        with self.lock:
            self.clock.charge(solver)
            kind.adapt(status == cp_model.OPTIMAL)
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                return
            value = round(solver.objective_value)
            if value <= state.objective:
                state.solution = list(solver.response_proto.solution)
                if value < state.objective:
                    state.log.append((self.clock.now(), value))
                state.objective = value

    def _loop(self, state: LnsState, seed: int, deadline: float, step: float) -> None:
        rng = random.Random(seed)
        while (left := deadline - self.clock.now()) > 0.1:
            self._step(state, rng, min(step, left))

    def run(self, state: LnsState, deadline: float, step_limit: float) -> None:
        """One search thread per worker, each solving its own neighbourhoods single-threaded:
        CP-SAT releases the GIL while solving, and on small sub-problems two independent
        searches find more than one search on two threads. With one worker the search runs
        here, its steps in a fixed order."""
        if self.workers == 1:
            self._loop(state, self.rng.randrange(1 << 30), deadline, step_limit)
            return
        threads = [
            threading.Thread(
                target=self._loop,
                args=(state, self.rng.randrange(1 << 30), deadline, step_limit),
            )
            for _ in range(self.workers)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
