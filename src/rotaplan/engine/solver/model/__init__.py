"""The NHS rota as a CP-SAT model: every contract rule hard, cover, requests and fairness
soft, so that the solver always has a rota to offer and says what it could not cover.

Each rule family adds its own constraints in a module of its own (``rest``, ``runs``,
``hours``, ``weekends``, ``on_call``) and the soft ones return their penalty terms
(``cover``, ``requests``, ``fairness``, ``changes``), each named in words by doctor, date
and shift. Rules are built from the same limits the rules engine reads
(``rules.limits``) on the cells' own facts (``cells``), and the result is re-checked by
the rules engine before it is offered (``generate``). Where the contract's measure is
awkward on a daily grid the model is stricter than the rule, never looser; each such
place says so.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ortools.sat.python import cp_model

from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.cells import Cell
from rotaplan.engine.solver.model import (
    changes,
    cover,
    fairness,
    hours,
    local,
    on_call,
    requests,
    rest,
    runs,
    weekends,
)
from rotaplan.engine.solver.model.hours import hours_cap_minutes
from rotaplan.engine.solver.model.objective import Objective, Weights
from rotaplan.engine.solver.model.variables import RotaVariables
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.engine.solver.problem import RotaProblem

__all__ = ["Objective", "RotaModel", "Weights", "hours_cap_minutes"]


class RotaModel:
    """Builds the model for one problem: the variables, then each doctor's rules, then
    the soft terms, which make the objective."""

    def __init__(
        self,
        problem: RotaProblem,
        weights: Weights | None = None,
        *,
        current: Sequence[RotaShift] = (),
        free_days: range | None = None,
        free_doctors: Collection[int] | None = None,
    ) -> None:
        """``current``, ``free_days`` and ``free_doctors`` as in ``RotaVariables``."""
        self.weights = weights or Weights()
        self.variables = v = RotaVariables(
            problem, current=current, free_days=free_days, free_doctors=free_doctors
        )
        self.problem = problem
        self.cells = v.cells
        self.model = v.model
        self.objective = Objective(changes=changes.changes(v, self.weights))
        b.at_most_one_shift_a_day(v.grid)
        for p, doctor in enumerate(problem.doctors):
            if v.still(p):
                continue
            for cell in v.cells.fixed_cells(doctor) - v.held[p]:
                self.model.add(v.x(p, cell) == 1)
            tcs = v.cells.is_tcs(doctor)
            rest.between_shifts(v, p, tcs)
            rest.weekly(v, p)
            hours.average(v, p, doctor, tcs)
            weekends.marks(v, p)
            if tcs:
                runs.in_a_row(v, p)
                on_call.spacing(v, p)
                hours.in_any_168(v, p)
            local.per_doctor(v, p)
        local.between_doctors(v)
        self.objective.cover = cover.shortfalls(v, self.weights)
        self.objective.requests = requests.broken(v, self.weights)
        self.objective.fairness = fairness.shares(v, self.weights)
        b.objective(self.model, self.objective.terms())

    @property
    def allowed(self) -> list[set[Cell]]:
        return self.variables.allowed

    @property
    def held(self) -> list[set[Cell]]:
        return self.variables.held

    @property
    def now(self) -> list[set[Cell]]:
        return self.variables.now

    def x(self, p: int, cell: Cell) -> cp_model.IntVar:
        return self.variables.x(p, cell)

    def worked(self, solver: cp_model.CpSolver) -> list[tuple[int, Cell]]:
        return self.variables.worked(solver)

    def paid(self, solver: cp_model.CpSolver) -> list[str]:
        """What the solved rota pays for, in words (``Objective.paid``)."""
        return self.objective.paid(solver)
