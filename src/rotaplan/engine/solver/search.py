"""How a rota is searched for: written by hand first (``first_rota``), then improved by
re-solving windows of days with the rest of the rota held still.

One CP-SAT model of a whole 26-week rota is large (every 168-hour window, every run of
nights, for every doctor) and slow to presolve and to improve. A model in which only a
window of days may change is small: outside the window each doctor keeps the shifts they
have, so the rules there are constants and the model holds little more than the window.
Every step's answer is a whole rota within every rule, so the search can stop at any time
and still offer the best rota so far.
"""

from __future__ import annotations

import itertools
import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rotaplan.engine.solver.cells import RotaCells
from rotaplan.engine.solver.first_rota import first_rota
from rotaplan.engine.solver.model import RotaModel, Weights
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.engine.solver.problem import RotaProblem, available_share, qualified
from rotaplan.engine.solver.search_clock import SearchClock, search_clock
from rotaplan.engine.solver.tiers import tiers_of

STOP_POLL_SECONDS = 0.5
MIN_WINDOW_DAYS = 7
GROUP_DOCTORS = 4
MAX_GROUP_DOCTORS = 8
HINT_SECONDS = 2.0
ANSWERED = (cp_model.OPTIMAL, cp_model.FEASIBLE)


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
        clock: SearchClock | None = None,
    ) -> None:
        """``clock``: one shared with other searches (the parts of a problem); the search
        ends at ``deadline`` by it, the time limit unless the caller moves it."""
        self.problem = problem
        self.settings = settings
        self.weights = weights
        self.report = report
        self.should_stop = should_stop
        self.state = SearchState()
        self.clock: SearchClock = clock or search_clock(deterministic=settings.deterministic)
        self.deadline = settings.time_limit
        self.first_step_seconds = settings.step_seconds
        """The seconds of the step that values the written rota (a part's share, for
        the parts of a problem: every part's first rota is made before any is improved)."""
        self.rng = random.Random(settings.seed)
        self.horizon = problem.period.days
        tier = tiers_of(
            [
                {s for s, spec in enumerate(problem.shift_types) if qualified(d, spec)}
                for d in problem.doctors
            ]
        )
        self.mates = [[q for q, theirs in enumerate(tier) if theirs == mine] for mine in tier]
        """For each doctor, the doctors of their tier, them too."""
        self.cells = RotaCells(problem)
        self.shares = [available_share(problem, d) for d in problem.doctors]
        """Each doctor's full-time share of the days available, as fairness reckons it."""

    def remaining(self) -> float:
        return self.deadline - self.clock.now()

    def run(self) -> SearchState:
        """Build a rota and improve it until the time is up, it is proved the best, or
        the caller asks to stop: in turn, a window of days for every doctor (cover moves
        between days) and a few doctors of one tier for the whole rota (work moves
        between doctors, which shares it fairly)."""
        self.start()
        return self.improve()

    def start(self) -> SearchState:
        """The first rota: written by hand and valued (``_build_first``)."""
        self._build_first()
        return self.state

    def improve(self) -> SearchState:
        """Improve the rota until the deadline, a proof it is the best, or a stop."""
        widest = min(self.settings.window_days * 2, self.horizon)
        window = widest
        group = GROUP_DOCTORS
        for turn in itertools.count():
            if self.state.shifts is None or self.state.optimal:
                break
            if self.remaining() < 0.5 or self.should_stop():
                break
            if turn % 2:
                answered = (
                    self._improve(
                        self.state.shifts,
                        range(self.horizon),
                        self.settings.step_seconds,
                        doctors=self._tier_group(group),
                    )
                    in ANSWERED
                )
                group = group + 1 if answered else max(2, group // 2)
                group = min(group, MAX_GROUP_DOCTORS)
                continue
            first = self.rng.randrange(0, self.horizon - window + 1)
            answered = (
                self._improve(
                    self.state.shifts, range(first, first + window), self.settings.step_seconds
                )
                in ANSWERED
            )
            # A window too big to answer in a step's time is halved (to a week at the
            # least) rather than tried again and again; one answered grows back.
            if answered:
                window = min(widest, window + window // 2)
            else:
                window = max(min(MIN_WINDOW_DAYS, widest), window // 2)
        return self.state

    def _tier_group(self, size: int) -> frozenset[int]:
        """Doctors of one tier, between whom work can move: half the time (drawn) the one
        with the most nights or weekends for their share and the one with the fewest
        (where unfairness is mended), otherwise one drawn at random; then others of the
        tier drawn at random, up to ``size``."""
        first = self.rng.randrange(len(self.problem.doctors))
        chosen = [first]
        if self.rng.random() < 0.5 and self.state.shifts is not None:
            done = self._done_per_share(self.state.shifts, self.rng.choice(("nights", "weekends")))
            tier = [p for p in self.mates[first] if self.shares[p]]
            if len(tier) > 1:
                most = max(tier, key=done.__getitem__)
                chosen = [most, min((p for p in tier if p != most), key=done.__getitem__)]
        mates = [p for p in self.mates[chosen[0]] if p not in chosen]
        extra = self.rng.sample(mates, max(0, min(size - len(chosen), len(mates))))
        return frozenset([*chosen, *extra])

    def _done_per_share(self, shifts: Sequence[RotaShift], kind: str) -> list[float]:
        """Each doctor's nights, or weekends worked, per full-time share."""
        counts: list[set[object]] = [set() for _ in self.problem.doctors]
        index = self.cells.doctor_index
        for shift in shifts:
            facts = self.cells.facts[self.cells.cell_of(shift)].facts
            mine = counts[index[shift.doctor]]
            if kind == "nights" and facts.is_night:
                mine.add(shift.day)
            elif kind == "weekends":
                mine.update(facts.weekends)
        return [len(c) / s if s else 0.0 for c, s in zip(counts, self.shares, strict=True)]

    def step(
        self,
        current: Sequence[RotaShift],
        free_days: range,
        seconds: float,
        weights: Weights,
        *,
        hint: bool = True,
        doctors: frozenset[int] | None = None,
    ) -> StepResult:
        """Solve with only ``free_days`` free (of ``doctors`` alone, if given); every
        other cell keeps ``current``, and the search starts from ``current`` where
        ``hint``."""
        built = RotaModel(
            self.problem, weights, current=current, free_days=free_days, free_doctors=doctors
        )
        if hint:
            self._hint(built)
        solver = self._solver(seconds)
        status = self._solve(solver, built.model)
        if status not in ANSWERED:
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
        if status not in ANSWERED:
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
        """The rota written by hand, valued by a first improving step (or, when that step
        has too little time to answer, with every day held). Should the model refuse it
        (fixed shifts or times that break a rule between them, or a writer bug, which the
        tests guard against), the search starts over from the fixed shifts with every day
        free, and that step proves it when no rota at all is possible."""
        if self.should_stop():
            return
        written = self.written()
        window = range(0, min(self.settings.window_days, self.horizon))
        status = self._improve(written, window, self.first_step_seconds)
        if status in ANSWERED:
            return
        if status != cp_model.INFEASIBLE:
            status = self._improve(written, range(0, 0), max(self.remaining(), HINT_SECONDS))
            if status in ANSWERED:
                return
        self._improve((), range(0, self.horizon), self.remaining())

    def written(self) -> tuple[RotaShift, ...]:
        """The rota written by hand that the search starts from."""
        return first_rota(self.problem, self.cells, self.settings.seed)

    def _improve(
        self,
        current: Sequence[RotaShift],
        free_days: range,
        seconds: float,
        *,
        doctors: frozenset[int] | None = None,
    ) -> cp_model.CpSolverStatus:
        """One step from ``current``, kept if better; how the step ended."""
        result = self.step(current, free_days, seconds, self.weights, doctors=doctors)
        whole = len(free_days) == self.horizon and doctors is None
        if result.status not in ANSWERED:
            if result.status == cp_model.INFEASIBLE and whole:
                self.state.infeasible = True
            return result.status
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
        return result.status
