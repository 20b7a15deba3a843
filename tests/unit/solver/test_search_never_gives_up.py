"""The search starts from the rota written by hand and never ends with no rota while one
exists: a step that finds no answer in its time leaves the rota as it was, a window too
big for a step is halved, and a written rota the model refuses (a writer bug) is dropped
for a search from the fixed shifts alone.

The unanswered step and the refused rota are injected: the search is made to see what
CP-SAT answers when its time runs out, or a rota that breaks a rule; everything else is
the real model and solver."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from ortools.sat.python import cp_model

from rotaplan.engine.rules import check_rota
from rotaplan.engine.solver.cells import RotaCells
from rotaplan.engine.solver.first_rota import first_rota
from rotaplan.engine.solver.generate import offer
from rotaplan.engine.solver.model import Weights
from rotaplan.engine.solver.outcome import RotaShift, SolveStatus
from rotaplan.engine.solver.problem import CoverDemand, ProblemDoctor, RotaProblem, ShiftTypeSpec
from rotaplan.engine.solver.search import RotaSearch, SearchSettings, SearchState, StepResult

from .rota_problems import days, ward

STEPS = 12


class SearchWithSlowSteps(RotaSearch):
    """The real search, but its first ``slow_windows`` windows of days (after the first
    rota is valued, or from the start with ``from_start``) and its first ``slow_groups``
    groups of doctors run out of time."""

    def __init__(
        self,
        problem: RotaProblem,
        *,
        slow_windows: int = 0,
        slow_groups: int = 0,
        from_start: bool = False,
        time_limit: float = 12,
    ) -> None:
        settings = SearchSettings(
            time_limit=time_limit, workers=1, step_seconds=1.0, deterministic=True
        )
        # Stopped after a dozen steps: steps this small are answered in presolve and
        # charge the deterministic clock next to nothing, so time alone would not end it.
        super().__init__(
            problem,
            settings,
            Weights(),
            self._first_reported,
            lambda: len(self.windows) + len(self.groups) >= STEPS,
        )
        self.slow_windows = slow_windows
        self.slow_groups = slow_groups
        self.from_start = from_start
        self.windows: list[int] = []
        self.groups: list[frozenset[int]] = []
        self.first_reported: tuple[RotaShift, ...] | None = None

    def _first_reported(self, state: SearchState) -> None:
        if self.first_reported is None:
            self.first_reported = state.shifts

    def step(self, current, free_days, seconds, weights, **options) -> StepResult:
        doctors = options.get("doctors")
        if doctors is not None:
            self.groups.append(doctors)
            if self.slow_groups > 0:
                self.slow_groups -= 1
                return StepResult(cp_model.UNKNOWN, (), float("inf"), 0.0)
        elif 0 < len(free_days) < self.horizon:
            self.windows.append(len(free_days))
            if (self.state.shifts is not None or self.from_start) and self.slow_windows > 0:
                self.slow_windows -= 1
                return StepResult(cp_model.UNKNOWN, (), float("inf"), 0.0)
        return super().step(current, free_days, seconds, weights, **options)


def test_a_first_step_with_no_answer_still_offers_the_written_rota() -> None:
    problem = ward(doctors=8, weeks=4)
    search = SearchWithSlowSteps(problem, slow_windows=1, from_start=True)

    state = search.run()

    assert state.shifts is not None
    assert search.first_reported is not None
    assert set(search.first_reported) == set(first_rota(problem, RotaCells(problem)))


def test_a_window_with_no_answer_is_halved_then_grows_back() -> None:
    problem = ward(doctors=8, weeks=8)
    search = SearchWithSlowSteps(problem, slow_windows=2)
    search.run()
    # The valuing step is a fortnight; then 28 days and 14 find no answer, so the
    # window halves to a week, and grows by half after each answer.
    assert search.windows[:6] == [14, 28, 14, 7, 10, 15]


def two_tiers() -> RotaProblem:
    """Four juniors and four registrars, each tier with its own day and night."""
    juniors = (
        ShiftTypeSpec("JD", "Junior day", time(9), time(17), grades=frozenset({"FY1"})),
        ShiftTypeSpec("JN", "Junior night", time(20), time(8, 30), grades=frozenset({"FY1"})),
    )
    registrars = tuple(
        replace(
            s,
            code="R" + s.code[1:],
            name=s.name.replace("Junior", "Registrar"),
            grades=frozenset({"ST3"}),
        )
        for s in juniors
    )
    base = ward(doctors=8, weeks=8, shift_types=(), nights=0, long_days=0, day_ideal=0)
    doctors = tuple(
        ProblemDoctor(f"D{i + 1}", f"Dr {i + 1}", "FY1" if i < 4 else "ST3") for i in range(8)
    )
    demand = tuple(
        CoverDemand(day, code, 1, 1)
        for day in days(base.period.start, 56)
        for code in ("JD", "JN", "RD", "RN")
    )
    return replace(base, doctors=doctors, shift_types=juniors + registrars, demand=demand)


def test_groups_of_doctors_are_drawn_within_a_tier_and_shrink_when_too_slow() -> None:
    problem = two_tiers()
    search = SearchWithSlowSteps(problem, slow_groups=2)

    search.run()

    juniors, registrars = frozenset(range(4)), frozenset(range(4, 8))
    assert len(search.groups) >= 4
    assert all(group <= juniors or group <= registrars for group in search.groups)
    # Four doctors, then two (halved) after each step with no answer, then one more
    # after each answer.
    assert [len(g) for g in search.groups[:4]] == [4, 2, 2, 3]


class SearchFromARefusedRota(RotaSearch):
    """The real search, handed a written rota that breaks the rules: one doctor on
    every night of the period."""

    def written(self) -> tuple[RotaShift, ...]:
        doctor = self.problem.doctors[0].id
        return tuple(RotaShift(doctor, day, "N") for day in days(self.problem.period.start, 28))


def test_a_written_rota_the_model_refuses_is_dropped_not_offered() -> None:
    problem = ward(doctors=8, weeks=4, grades=("ST3",))
    settings = SearchSettings(time_limit=5, workers=1, deterministic=True)
    search = SearchFromARefusedRota(problem, settings, Weights(), lambda _: None, lambda: False)

    state = search.run()

    assert state.shifts is not None
    assert not state.infeasible
    answer = offer(
        problem,
        state.shifts,
        status=SolveStatus.FEASIBLE,
        objective=state.objective,
        bound=state.bound,
        seconds=0.0,
        seconds_to_first=None,
    )
    assert answer.compliant, answer.message
    assert check_rota(answer.rota).breaches == ()
