"""Whether the solver's own model takes a planted rota as it is.

The rules engine judges the contract; the solver's model is stricter in places (ADR 0015:
two whole free days a fortnight, hours pro rata over every reference period, 11 hours
between any two shifts). A planted rota the model refuses is full cover the contract
allows and the solver's policies rule out: the benchmark says which, so a shortfall on it
is read as the policies' doing, not the search's (issue 17, item 6).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from rotaplan.engine.solver.model import RotaModel, Weights

from .planting import PlantedProblem


def within_solver_policies(planted: PlantedProblem, seconds: float = 60.0) -> bool | None:
    """True if the model accepts the planted rota with every cell fixed as planted, False
    if it proves it cannot, None if it cannot tell in ``seconds``."""
    problem = planted.problem
    built = RotaModel(
        problem, Weights(), current=planted.planted, free_days=range(problem.period.days)
    )
    for p, cells in enumerate(built.allowed):
        for cell in cells - built.held[p]:
            domain = built.model.proto.variables[built.x(p, cell).index].domain
            domain[0] = domain[1] = int(cell in built.now[p])
    if any(built.now[p] - built.allowed[p] for p in range(len(built.allowed))):
        return False  # a planted shift the model has no cell for
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.max_deterministic_time = seconds  # the same answer on a busy machine
    solver.parameters.num_workers = 1
    status = solver.solve(built.model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if status == cp_model.INFEASIBLE else None
