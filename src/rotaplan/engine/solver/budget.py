"""How a search counts its time: by the wall clock, or by the deterministic time CP-SAT
reports, so that the same problem and settings give the same rota on any machine.

Wall-clock time is what a coordinator waits for. Deterministic time is CP-SAT's own
measure of the work done, which does not depend on how busy the machine is: with one
worker and a fixed seed a search counted in it is the same every time, which is what a
test needs. The search asks its budget how much is left and hands it each solver to
limit and, once solved, to charge.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod

from ortools.sat.python import cp_model


class SearchBudget(ABC):
    """``limit`` seconds, counted one way."""

    def __init__(self, limit: float) -> None:
        self.limit = limit

    @abstractmethod
    def elapsed(self) -> float:
        """Seconds counted so far."""

    def remaining(self) -> float:
        return self.limit - self.elapsed()

    @abstractmethod
    def limit_solver(self, solver: cp_model.CpSolver, seconds: float) -> None:
        """Let ``solver`` run for ``seconds``, counted this budget's way."""

    @abstractmethod
    def charge(self, solver: cp_model.CpSolver) -> None:
        """Count what ``solver`` spent, once it has solved."""

    def workers(self, asked: int) -> int:
        return max(asked, 1)


class WallClock(SearchBudget):
    """Seconds on the wall clock from the search's start."""

    def __init__(self, limit: float) -> None:
        super().__init__(limit)
        self.started = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def limit_solver(self, solver: cp_model.CpSolver, seconds: float) -> None:
        solver.parameters.max_time_in_seconds = seconds

    def charge(self, solver: cp_model.CpSolver) -> None:
        """Nothing to add: the wall clock counts itself."""


class DeterministicClock(SearchBudget):
    """CP-SAT's deterministic seconds, summed over the search's solves, on one worker:
    model building and a busy machine cost nothing, so the answer does not vary."""

    def __init__(self, limit: float) -> None:
        super().__init__(limit)
        self.spent = 0.0

    def elapsed(self) -> float:
        return self.spent

    def limit_solver(self, solver: cp_model.CpSolver, seconds: float) -> None:
        solver.parameters.max_deterministic_time = seconds

    def charge(self, solver: cp_model.CpSolver) -> None:
        self.spent += solver.response_proto.deterministic_time

    def workers(self, asked: int) -> int:
        return 1


def budget(limit: float, *, deterministic: bool) -> SearchBudget:
    return DeterministicClock(limit) if deterministic else WallClock(limit)
