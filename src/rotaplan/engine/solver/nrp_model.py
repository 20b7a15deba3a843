"""The Curtois & Qu benchmark as a CP-SAT model, built from the generic builders only.

Solutions are not checked here: callers re-check them with the independent evaluator
(:func:`rotaplan.engine.nrp.evaluate.evaluate`), which shares no code with this module.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rotaplan.engine.nrp.instance import Instance, ShiftRequest
from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.grid import ShiftGrid


@dataclass(frozen=True, slots=True)
class SolveParams:
    time_limit: float = 10.0
    workers: int = 2
    seed: int = 0
    greedy_hint: bool = True
    lns: bool = True
    """After a first full solve, improve the incumbent by large neighbourhood search."""
    first_phase: float = 0.5
    """Share of ``time_limit`` given to the first full solve when ``lns`` is on."""


@dataclass(frozen=True, slots=True)
class NrpResult:
    roster: dict[tuple[str, int], str]
    objective: int | None
    """None when no solution was found."""
    bound: float
    status: str
    wall_time: float
    time_to_first: float | None
    time_to_best: float | None
    progress: list[tuple[float, int]] = field(default_factory=list)
    """(seconds, objective) for each improving solution."""
    penalties: list[tuple[str, int]] = field(default_factory=list)
    """(name, cost) of every penalty term that is non-zero in the solution."""


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self) -> None:
        super().__init__()
        self.start = time.perf_counter()
        self.log: list[tuple[float, int]] = []

    def on_solution_callback(self) -> None:
        self.log.append((time.perf_counter() - self.start, round(self.objective_value)))


@dataclass(slots=True)
class NrpModel:
    instance: Instance
    model: cp_model.CpModel
    grid: ShiftGrid
    penalties: list[b.Penalty]


def build_model(instance: Instance) -> NrpModel:
    """Every hard rule and soft term of the benchmark, one builder call each."""
    model = cp_model.CpModel()
    shift_index = {sid: i for i, sid in enumerate(instance.shift_ids)}
    person_index = {eid: i for i, eid in enumerate(instance.employee_ids)}
    grid = ShiftGrid(model, len(instance.staff), instance.horizon, len(instance.shifts))
    minutes = {i: s.minutes for i, s in enumerate(instance.shifts)}
    pairs = [(shift_index[s.id], shift_index[t]) for s in instance.shifts for t in s.cannot_follow]

    b.at_most_one_shift_a_day(grid)
    for p, staff in enumerate(instance.staff):
        b.forbidden_successions(grid, p, pairs)
        for sid, limit in staff.max_shifts.items():
            b.max_shifts_of_type(grid, p, shift_index[sid], limit)
        b.total_minutes_between(grid, p, minutes, staff.min_total_minutes, staff.max_total_minutes)
        b.max_consecutive_working_days(grid, p, staff.max_consecutive_shifts)
        b.min_consecutive_working_days(grid, p, staff.min_consecutive_shifts)
        b.min_consecutive_days_off(grid, p, staff.min_consecutive_days_off)
        b.max_weekends_worked(grid, p, staff.max_weekends)
        b.days_off(grid, p, instance.days_off.get(staff.id, frozenset()))

    penalties: list[b.Penalty] = []
    for c in instance.cover:
        penalties += b.soft_cover(
            grid,
            c.day,
            shift_index[c.shift],
            c.requirement,
            c.weight_under,
            c.weight_over,
            name=f"cover day {c.day} {c.shift}",
        )

    def req(requests: tuple[ShiftRequest, ...]) -> list[tuple[int, int, int, int]]:
        return [(person_index[r.employee], r.day, shift_index[r.shift], r.weight) for r in requests]

    penalties += b.soft_requests(
        grid, on=req(instance.shift_on_requests), off=req(instance.shift_off_requests)
    )
    b.objective(model, penalties)
    return NrpModel(instance, model, grid, penalties)


def greedy_hint(m: NrpModel) -> None:
    """Hint a quick roster: day by day, fill each cover row with free staff who may work it
    (day off, one shift a day, rotation and per-type maximum respected; other rules not)."""
    inst = m.instance
    shift_index = {sid: i for i, sid in enumerate(inst.shift_ids)}
    used = {(p, s): 0 for p in range(m.grid.persons) for s in range(m.grid.shifts)}
    assigned: dict[tuple[int, int], int] = {}
    for c in sorted(inst.cover, key=lambda c: (c.day, -c.weight_under)):
        s = shift_index[c.shift]
        need = c.requirement
        for p, staff in enumerate(inst.staff):
            if need <= 0:
                break
            if (p, c.day) in assigned or c.day in inst.days_off.get(staff.id, frozenset()):
                continue
            limit = staff.max_shifts.get(c.shift, inst.horizon)
            prev = assigned.get((p, c.day - 1))
            if used[p, s] >= limit or (
                prev is not None and c.shift in inst.shifts[prev].cannot_follow
            ):
                continue
            assigned[p, c.day] = s
            used[p, s] += 1
            need -= 1
    for p in range(m.grid.persons):
        for d in m.grid.days():
            for s in range(m.grid.shifts):
                m.model.add_hint(m.grid.cell(p, d, s), assigned.get((p, d)) == s)


def _solver(time_limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.01)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    return solver


def _neighbourhood(m: NrpModel, rng: random.Random, size: float) -> set[tuple[int, int]]:
    """The (person, day) cells to free: a random group of staff, or a window of days for
    everyone, or a window of days for a random half of the staff."""
    persons, horizon = m.grid.persons, m.grid.horizon
    kind = rng.randrange(3)
    if kind == 0:
        k = max(2, min(persons, round(persons * size)))
        chosen = rng.sample(range(persons), k)
        return {(p, d) for p in chosen for d in range(horizon)}
    if kind == 1:
        width = max(3, min(horizon, round(horizon * size)))
        start = rng.randrange(horizon - width + 1)
        return {(p, d) for p in range(persons) for d in range(start, start + width)}
    width = max(7, min(horizon, round(horizon * size * 2)))
    start = rng.randrange(horizon - width + 1)
    chosen = rng.sample(range(persons), max(2, persons // 2))
    return {(p, d) for p in chosen for d in range(start, start + width)}


def _lns(
    m: NrpModel,
    solution: list[int],
    objective: int,
    params: SolveParams,
    deadline: float,
    start: float,
    log: list[tuple[float, int]],
) -> tuple[list[int], int]:
    """Large neighbourhood search: fix every grid cell outside a neighbourhood to the
    incumbent, re-solve the rest briefly (hinted with the incumbent), keep improvements."""
    rng = random.Random(params.seed)
    cells = [(key, var.index) for key, var in m.grid.cells()]
    size = 0.1
    while True:
        left = deadline - time.perf_counter()
        if left < 0.2:
            break
        free = _neighbourhood(m, rng, size)
        sub = m.model.clone()
        proto = sub.proto
        proto.solution_hint.vars.clear()
        proto.solution_hint.values.clear()
        for (p, d, _), idx in cells:
            if (p, d) not in free:
                domain = proto.variables[idx].domain
                domain[0] = domain[1] = solution[idx]
        proto.solution_hint.vars.extend(range(len(solution)))
        proto.solution_hint.values.extend(solution)
        solver = _solver(min(1.0, left), params.workers, rng.randrange(1 << 30))
        status = solver.solve(sub)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            value = round(solver.objective_value)
            if value <= objective:
                solution = list(solver.response_proto.solution)
                if value < objective:
                    log.append((time.perf_counter() - start, value))
                objective = value
        # Grow the neighbourhood while sub-problems are solved to optimality; shrink otherwise.
        grow = status == cp_model.OPTIMAL
        size = min(0.5, size * 1.1) if grow else max(0.05, size / 1.1)
    return solution, objective


def solve(instance: Instance, params: SolveParams | None = None) -> NrpResult:
    """Build, solve and read back a roster (empty when no solution is found).

    With ``params.lns`` a first full solve gets ``first_phase`` of the time limit; unless it
    proves optimality, the rest goes to large neighbourhood search from its best roster."""
    params = params or SolveParams()
    m = build_model(instance)
    if params.greedy_hint:
        greedy_hint(m)
    first = params.time_limit * (params.first_phase if params.lns else 1.0)
    solver = _solver(first, params.workers, params.seed)
    progress = _Progress()
    deadline = progress.start + params.time_limit
    status = solver.solve(m.model, progress)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    log = list(progress.log)
    solution: list[int] = list(solver.response_proto.solution) if found else []
    objective = round(solver.objective_value) if found else None
    bound = solver.best_objective_bound
    status_name = solver.status_name(status)
    if params.lns and status == cp_model.FEASIBLE and objective is not None:
        solution, objective = _lns(m, solution, objective, params, deadline, progress.start, log)
        status_name = "OPTIMAL" if objective <= bound else "FEASIBLE"
    wall = time.perf_counter() - progress.start
    roster: dict[tuple[str, int], str] = {}
    costs: list[tuple[str, int]] = []
    if found:
        for (p, d, s), var in m.grid.cells():
            if solution[var.index]:
                roster[instance.staff[p].id, d] = instance.shifts[s].id
        for pen in m.penalties:
            cost = pen.weight * solution[pen.var.index]
            if cost:
                costs.append((pen.name, cost))
    best = min((o for _, o in log), default=None)
    return NrpResult(
        roster=roster,
        objective=objective,
        bound=bound,
        status=status_name,
        wall_time=wall,
        time_to_first=log[0][0] if log else None,
        time_to_best=next((t for t, o in log if o == best), None),
        progress=log,
        penalties=costs,
    )
