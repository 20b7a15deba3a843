"""Parts of a rota problem that share nothing, solved as problems of their own.

Juniors' and registrars' shifts are two tiers (``tiers_of``): no doctor works both, so
cover, fairness and every rule of one tier are untouched by the other, and the objective
is their sum. A local rule that ties a doctor of one tier to a doctor of another (always
together, never together) joins them into one part. Each part is a smaller model (fewer
doctors in every step, the step's effort where that part needs it), and a part proved
the best is left alone while the search goes on with the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rotaplan.engine.solver.model import Weights
from rotaplan.engine.solver.problem import FixedShift, ProblemDoctor, RotaProblem, qualified
from rotaplan.engine.solver.search import RotaSearch, SearchSettings, SearchState
from rotaplan.engine.solver.search_clock import SearchClock, search_clock
from rotaplan.engine.solver.tiers import parts_of, tiers_of


def problem_parts(problem: RotaProblem) -> list[RotaProblem]:
    """The problem's independent parts, each with its doctors, their shift types, the
    cover and requests for those shifts and the local rules among its doctors, in the
    order of their first doctor; the problem itself, alone, when it has one part. A
    doctor who may work nothing, and cover for a shift nobody may work, are in no part:
    that cover is a gap whatever the rota."""
    codes = [s.code for s in problem.shift_types]
    may_work = [_may_work(problem, d, codes) for d in problem.doctors]
    tier = tiers_of(may_work)
    index = {d.id: p for p, d in enumerate(problem.doctors)}
    local = problem.local
    ties = [
        (index[a], index[b])
        for a, b in (*local.apart, *local.together)
        if a in index and b in index
    ]
    groups = parts_of(tier, ties)
    if len(groups) <= 1:
        return [problem]
    return [_part(problem, sorted(group), may_work) for group in groups]


def _may_work(problem: RotaProblem, doctor: ProblemDoctor, codes: list[str]) -> set[int]:
    """The shift types the doctor may work, and those they are fixed to (a fixed shift
    needs no qualification)."""
    fixed = {f.shift for f in doctor.fixed if isinstance(f, FixedShift)}
    return {
        s
        for s, spec in enumerate(problem.shift_types)
        if qualified(doctor, spec) or codes[s] in fixed
    }


def _part(problem: RotaProblem, members: list[int], may_work: list[set[int]]) -> RotaProblem:
    doctors = tuple(problem.doctors[p] for p in members)
    ids = {d.id for d in doctors}
    types = sorted({s for p in members for s in may_work[p]})
    shift_types = tuple(problem.shift_types[s] for s in types)
    codes = {s.code for s in shift_types}
    local = problem.local
    return replace(
        problem,
        doctors=doctors,
        shift_types=shift_types,
        demand=tuple(d for d in problem.demand if d.shift in codes),
        requests=tuple(
            r for r in problem.requests if r.doctor in ids and (not r.shift or r.shift in codes)
        ),
        local=replace(
            local,
            never_alone=tuple(
                rule for rule in local.never_alone if not rule.shifts or rule.shifts & codes
            ),
            apart=tuple(pair for pair in local.apart if set(pair) <= ids),
            together=tuple(pair for pair in local.together if set(pair) <= ids),
            fixed=tuple(f for f in local.fixed if f.doctor in ids),
        ),
    )


MIN_FIRST_STEP = 1.0
"""The least time a part's written rota is valued in: the parts' first rota is ready in
about the time one step takes for the whole problem."""


class PartsSearch:
    """The search of each part (``RotaSearch``), on one clock: every part's first rota
    (each valued in its share of a step), then each part in turn improved with its share
    of the time left (by its doctors), a part that finishes early (proved the best)
    leaving its time to the rest. ``report`` is called with the whole rota's state once
    every part has a rota, and after each better one."""

    def __init__(
        self,
        parts: list[RotaProblem],
        settings: SearchSettings,
        weights: Weights,
        report: Callable[[SearchState], None],
        should_stop: Callable[[], bool],
    ) -> None:
        self.clock: SearchClock = search_clock(deterministic=settings.deterministic)
        self.settings = settings
        self.report = report
        self.should_stop = should_stop
        self.searches = [
            RotaSearch(part, settings, weights, self._part_reported, should_stop, self.clock)
            for part in parts
        ]
        self.state = SearchState()
        self._started = False

    def run(self) -> SearchState:
        doctors = sum(len(s.problem.doctors) for s in self.searches)
        for i, search in enumerate(self.searches):
            search.deadline = self._deadline(i)
            share = len(search.problem.doctors) / doctors
            search.first_step_seconds = max(MIN_FIRST_STEP, self.settings.step_seconds * share)
            search.start()
        self._started = True
        self._part_reported(SearchState())
        for i, search in enumerate(self.searches):
            if self.should_stop() or self.state.shifts is None:
                break
            search.deadline = self._deadline(i)
            search.improve()
        return self.state

    def _deadline(self, i: int) -> float:
        """Part ``i``'s share of the time left, by its doctors, with the parts after it."""
        sizes = [len(s.problem.doctors) for s in self.searches[i:]]
        left = self.settings.time_limit - self.clock.now()
        return self.clock.now() + left * sizes[0] / max(1, sum(sizes))

    def _part_reported(self, _: SearchState) -> None:
        """The whole rota's state from its parts' (once every part has a rota)."""
        if not self._started:
            return
        states = [s.state for s in self.searches]
        whole = SearchState(
            infeasible=any(s.infeasible for s in states),
            solutions=sum(s.solutions for s in states),
            first_at=self.state.first_at,
        )
        if all(s.shifts is not None for s in states):
            whole.shifts = tuple(shift for s in states for shift in s.shifts or ())
            whole.objective = sum(s.objective for s in states)
            whole.bound = sum(s.bound for s in states)
            whole.optimal = all(s.optimal for s in states)
            whole.first_at = self.state.first_at or self.clock.now()
        self.state = whole
        if whole.shifts is not None:
            self.report(whole)
