"""The Curtois & Qu benchmark as a CP-SAT model, built from the generic builders only.

Solutions are not checked here: callers re-check them with the independent evaluator
(:func:`.evaluate.evaluate`), which shares no code with this module.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.grid import ShiftGrid
from rotaplan.engine.solver.search_clock import SearchClock, search_clock

from .heuristic import Line, greedy_lines, plan_lines
from .instance import Instance, ShiftRequest
from .lns import Cell, LnsState, RosterLns


@dataclass(frozen=True, slots=True)
class SolveParams:
    time_limit: float = 10.0
    workers: int = 2
    seed: int = 0
    construct: bool = True
    """Start from a roster planned one staff member at a time (:mod:`.heuristic`)."""
    construct_share: float = 0.5
    """Most of the time limit (less building) the construction may take."""
    lns: bool = True
    """After a first full solve, improve the incumbent by large neighbourhood search."""
    first_phase: float = 0.35
    """Share of ``time_limit`` (less building) given to the first full solve when ``lns`` is
    on: CP-SAT's own search improves a poor roster fast, roster-shaped LNS a good one."""
    lns_step: float = 0.3
    """Seconds per LNS sub-solve: the LP bound is weak here, so a sub-solve rarely proves
    its neighbourhood optimal and mostly runs to this limit; many short ones beat few long."""
    deterministic: bool = False
    """Count every limit above in CP-SAT's deterministic time, on one worker with ``seed``
    (the engine's ``WorkClock``): the same roster on any machine, however busy."""

    def clock(self) -> SearchClock:
        return search_clock(deterministic=self.deterministic)


@dataclass(frozen=True, slots=True)
class NrpResult:
    roster: dict[tuple[str, int], str]
    objective: int | None
    """None when no solution was found."""
    bound: float
    status: str
    wall_time: float
    """Real seconds the solve took, whichever clock it ran by."""
    time_to_first: float | None
    """Seconds by the search's clock, as ``progress``."""
    time_to_best: float | None
    progress: list[tuple[float, int]] = field(default_factory=list)
    """(seconds by the search's clock, objective) for each improving solution."""
    penalties: list[tuple[str, int]] = field(default_factory=list)
    """(name, cost) of every penalty term that is non-zero in the solution."""


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, clock: SearchClock) -> None:
        super().__init__()
        self.clock = clock
        self.log: list[tuple[float, int]] = []

    def on_solution_callback(self) -> None:
        self.log.append((self.clock.during(self), round(self.objective_value)))


@dataclass(slots=True)
class NrpModel:
    instance: Instance
    model: cp_model.CpModel
    grid: ShiftGrid
    penalties: list[b.Penalty]


def _open(instance: Instance) -> set[tuple[int, int, int]]:
    """The cells anyone may work: not a day off, not a shift type with MaxShifts 0. Only
    these get variables, which keeps the big instances buildable (instance 24 would have
    1.8 million cells, most of them closed)."""
    out: set[tuple[int, int, int]] = set()
    for p, staff in enumerate(instance.staff):
        off = instance.days_off.get(staff.id, frozenset())
        shifts = [
            s for s, shift in enumerate(instance.shifts) if staff.max_shifts.get(shift.id, 1) > 0
        ]
        out.update((p, d, s) for d in range(instance.horizon) if d not in off for s in shifts)
    return out


def build_model(instance: Instance) -> NrpModel:
    """Every hard rule and soft term of the benchmark, one builder call each."""
    model = cp_model.CpModel()
    shift_index = {sid: i for i, sid in enumerate(instance.shift_ids)}
    person_index = {eid: i for i, eid in enumerate(instance.employee_ids)}
    grid = ShiftGrid(
        model, len(instance.staff), instance.horizon, len(instance.shifts), only=_open(instance)
    )
    minutes = {i: s.minutes for i, s in enumerate(instance.shifts)}
    pairs = [(shift_index[s.id], shift_index[t]) for s in instance.shifts for t in s.cannot_follow]

    b.at_most_one_shift_a_day(grid)
    for p, staff in enumerate(instance.staff):
        # Pairs with a shift type the person may never work are moot: those cells are closed.
        banned = {shift_index[sid] for sid, limit in staff.max_shifts.items() if limit <= 0}
        b.forbidden_successions_grouped(
            grid, p, [(s, t) for s, t in pairs if s not in banned and t not in banned]
        )
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


def line_model(
    instance: Instance,
) -> tuple[cp_model.CpModel, Callable[[cp_model.CpSolver], Line]]:
    """The model of a one-person instance, and how to read that person's line back."""
    m = build_model(instance)

    def read(solver: cp_model.CpSolver) -> Line:
        return {
            d: instance.shifts[s].id
            for (_, d, s), var in m.grid.cells()
            if solver.boolean_value(var)
        }

    return m.model, read


def _complete(
    m: NrpModel, lines: dict[str, Line], clock: SearchClock, time_limit: float
) -> list[int] | None:
    """Every model variable's value for the roster ``lines``: its cells are fixed and CP-SAT
    derives the rest (works, weekends, cover gaps) by propagation."""
    sub = cp_model.CpModel()
    sub.proto.copy_from(m.model.proto)
    variables = sub.proto.variables
    for (p, d, s), var in m.grid.cells():
        on = int(lines[m.instance.staff[p].id].get(d) == m.instance.shifts[s].id)
        domain = variables[var.index].domain
        domain[0] = domain[1] = on
    solver = clock.solver(time_limit, 1, 0)
    status = solver.solve(sub)
    clock.charge(solver)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return list(solver.response_proto.solution)


def _construct(
    m: NrpModel, clock: SearchClock, until: float, deadline: float, how: tuple[int, int]
) -> LnsState | dict[str, Line] | None:
    """A first roster from :func:`.heuristic.plan_lines` by ``until`` (or, failing that,
    from :func:`.heuristic.greedy_lines`), as a complete solution; only its lines when
    completing it does not finish by ``deadline`` (workers, seed)."""
    workers, seed = how
    lines = plan_lines(m.instance, line_model, clock, until, workers, seed)
    if lines is None:
        lines = greedy_lines(m.instance, clock, deadline)
    if lines is None:
        return None
    left = deadline - clock.now()
    solution = _complete(m, lines, clock, left) if left > 0 else None
    if solution is None:
        return lines
    return LnsState(solution, sum(pen.weight * solution[pen.var.index] for pen in m.penalties))


def _lines_objective(instance: Instance, lines: dict[str, Line]) -> int:
    """The benchmark objective of a roster given as lines, for when the model could not be
    completed for it in time (the same terms as :func:`build_model`'s penalties)."""
    count: dict[tuple[int, str], int] = {}
    for line in lines.values():
        for d, s in line.items():
            count[d, s] = count.get((d, s), 0) + 1
    total = 0
    for c in instance.cover:
        n = count.get((c.day, c.shift), 0)
        total += c.weight_under * max(c.requirement - n, 0)
        total += c.weight_over * max(n - c.requirement, 0)
    for r in instance.shift_on_requests:
        total += r.weight * (lines[r.employee].get(r.day) != r.shift)
    for r in instance.shift_off_requests:
        total += r.weight * (lines[r.employee].get(r.day) == r.shift)
    return total


def _cells(m: NrpModel) -> dict[Cell, list[int]]:
    """(person, day) → indices of that cell's shift variables, for fixing it in LNS."""
    out: dict[Cell, list[int]] = {}
    for (p, d, _), var in m.grid.cells():
        out.setdefault((p, d), []).append(var.index)
    return out


def _read_back(
    m: NrpModel, solution: list[int]
) -> tuple[dict[tuple[str, int], str], list[tuple[str, int]]]:
    inst = m.instance
    roster = {
        (inst.staff[p].id, d): inst.shifts[s].id
        for (p, d, s), var in m.grid.cells()
        if solution[var.index]
    }
    costs = [(pen.name, pen.weight * solution[pen.var.index]) for pen in m.penalties]
    return roster, [(name, cost) for name, cost in costs if cost]


def _hint(model: cp_model.CpModel, solution: list[int]) -> None:
    model.proto.clear_solution_hint()
    model.proto.solution_hint.vars.extend(range(len(solution)))
    model.proto.solution_hint.values.extend(solution)


def solve(instance: Instance, params: SolveParams | None = None) -> NrpResult:
    """Build, solve and read back a roster (empty when no solution is found).

    The time limit covers building too (instance 24 takes seconds to build). A constructed
    roster (``params.construct``) hints a full solve, which gets ``first_phase`` of what is
    left; unless it proves optimality, the rest goes to roster-shaped large neighbourhood
    search (:mod:`.lns`) from the best roster so far. Without any roster by then, the
    full solve simply continues: LNS needs an incumbent. A constructed roster for which the
    model could not be completed in time (the largest instances) only hints the full solve,
    and is returned itself, with its objective computed directly, unless that solve does
    better. Time is counted by ``params.clock()``."""
    params = params or SolveParams()
    began = time.perf_counter()
    clock = params.clock()
    workers = clock.workers(params.workers)
    progress = _Progress(clock)
    deadline = params.time_limit
    m = build_model(instance)
    state: LnsState | None = None
    # The constructed roster when the model could not be completed for it in time.
    lines: dict[str, Line] | None = None
    lines_at = 0.0
    if params.construct:
        share = params.construct_share * (deadline - clock.now())
        built = _construct(m, clock, clock.now() + share, deadline, (workers, params.seed))
        if isinstance(built, LnsState):
            state = built
        elif built is not None:
            lines = built
            lines_at = clock.now()
            if clock.now() >= deadline:
                return _lines_result(instance, lines, lines_at, began)
            # Hint its cells only: the search completes the rest.
            m.model.proto.clear_solution_hint()
            for (p, d, s), var in m.grid.cells():
                on = lines[instance.staff[p].id].get(d) == instance.shifts[s].id
                m.model.add_hint(var, on)
    if state is not None:
        _hint(m.model, state.solution)
        state.log.append((clock.now(), state.objective))
    left = deadline - clock.now()
    solver = clock.solver(left * (params.first_phase if params.lns else 1.0), workers, params.seed)
    status = solver.solve(m.model, progress)
    clock.charge(solver)
    if status == cp_model.UNKNOWN and state is None and params.lns:
        solver = clock.solver(deadline - clock.now(), workers, params.seed + 1)
        status = solver.solve(m.model, progress)
        clock.charge(solver)
    bound = solver.best_objective_bound
    status_name = solver.status_name(status)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = round(solver.objective_value)
        if state is None or found <= state.objective:
            log = sorted((state.log if state else []) + progress.log)
            state = LnsState(list(solver.response_proto.solution), found, log)
    if params.lns and state is not None and status != cp_model.OPTIMAL:
        lns = RosterLns(
            m.model, _cells(m), m.grid.persons, m.grid.horizon, params.seed, clock, workers
        )
        lns.run(state, deadline, params.lns_step)
    if state is not None and status != cp_model.OPTIMAL:
        # Only a full solve that found a solution has a bound worth comparing with.
        proved = status == cp_model.FEASIBLE and state.objective <= bound
        status_name = "OPTIMAL" if proved else "FEASIBLE"
    if lines is not None and (state is None or _lines_objective(instance, lines) < state.objective):
        return _lines_result(instance, lines, lines_at, began)
    roster, costs = _read_back(m, state.solution) if state else ({}, [])
    log = _improving(state.log) if state else []
    return NrpResult(
        roster=roster,
        objective=state.objective if state else None,
        bound=bound,
        status=status_name,
        wall_time=time.perf_counter() - began,
        time_to_first=log[0][0] if log else None,
        time_to_best=log[-1][0] if log else None,
        progress=log,
        penalties=costs,
    )


def _lines_result(
    instance: Instance, lines: dict[str, Line], found: float, began: float
) -> NrpResult:
    """The constructed roster itself (``found`` seconds into the search, which began at
    ``began`` on the wall clock), when no better model solution was had in time."""
    value = _lines_objective(instance, lines)
    return NrpResult(
        roster={(e, d): s for e, line in lines.items() for d, s in line.items()},
        objective=value,
        bound=0.0,
        status="FEASIBLE",
        wall_time=time.perf_counter() - began,
        time_to_first=found,
        time_to_best=found,
        progress=[(found, value)],
    )


def _improving(log: list[tuple[float, int]]) -> list[tuple[float, int]]:
    """The entries of ``log`` (in time order) that beat every earlier one."""
    out: list[tuple[float, int]] = []
    for t, value in sorted(log):
        if not out or value < out[-1][1]:
            out.append((t, value))
    return out
