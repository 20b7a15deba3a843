"""How a search counts its time, so that the same code can race the clock or repeat itself
exactly: the NHS rota search and the Curtois & Qu benchmark's alike.

Every deadline is a reading of a ``SearchClock``, in seconds since the search began.
``WallClock`` reads real seconds: what a coordinator waits for, and what ``rotaplan bench
nrp`` measures, on all the workers asked for. ``WorkClock`` counts only the work CP-SAT
reports (its deterministic time) and gives every solve one worker and a fixed seed, so a
search run twice, on an idle or a loaded machine, takes the same steps and returns the same
rota: the tests use it.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod

from ortools.sat.python import cp_model

# The least a solve is counted as costing: a sub-problem that presolve settles reports no
# deterministic time at all, and a search loop must still come to its deadline.
LEAST_CHARGE = 0.001


class SearchClock(ABC):
    @abstractmethod
    def now(self) -> float:
        """Seconds since the search began, by this clock."""

    @abstractmethod
    def solver(self, seconds: float, workers: int, seed: int) -> cp_model.CpSolver:
        """A solver that stops after ``seconds`` by this clock."""

    @abstractmethod
    def during(self, callback: cp_model.CpSolverSolutionCallback) -> float:
        """``now`` while a solve is running, from inside its solution callback."""

    @abstractmethod
    def charge(self, solver: cp_model.CpSolver) -> None:
        """Count a finished solve."""

    @abstractmethod
    def workers(self, asked: int) -> int:
        """How many searches may run side by side."""


class WallClock(SearchClock):
    def __init__(self) -> None:
        self.start = time.perf_counter()

    def now(self) -> float:
        return time.perf_counter() - self.start

    def solver(self, seconds: float, workers: int, seed: int) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(seconds, 0.01)
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed
        return solver

    def during(self, callback: cp_model.CpSolverSolutionCallback) -> float:
        return self.now()

    def charge(self, solver: cp_model.CpSolver) -> None:
        """Real time passes by itself."""

    def workers(self, asked: int) -> int:
        return max(1, asked)


class WorkClock(SearchClock):
    """CP-SAT's deterministic time, summed over the solves so far; building models and the
    lines built without a solver count nothing, as they take the same steps every run."""

    def __init__(self) -> None:
        self.spent = 0.0

    def now(self) -> float:
        return self.spent

    def solver(self, seconds: float, workers: int, seed: int) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        solver.parameters.max_deterministic_time = max(seconds, 0.01)
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = seed
        return solver

    def during(self, callback: cp_model.CpSolverSolutionCallback) -> float:
        return self.spent + callback.deterministic_time

    def charge(self, solver: cp_model.CpSolver) -> None:
        self.spent += max(solver.deterministic_time, LEAST_CHARGE)

    def workers(self, asked: int) -> int:
        return 1


def search_clock(*, deterministic: bool) -> SearchClock:
    return WorkClock() if deterministic else WallClock()
