"""A step that finds no answer in its time does not end the search: the build leaves that
fortnight empty and goes on (a rota with gaps is still within the rules), and an improving
window too big for a step is halved rather than tried again and again.

The unanswered step is injected: one step of the real search is made to answer as CP-SAT
does when its time runs out, and everything else is the real model and solver."""

from __future__ import annotations

from datetime import timedelta

from ortools.sat.python import cp_model

from rotaplan.engine.solver.model import Weights
from rotaplan.engine.solver.search import RotaSearch, SearchSettings, StepResult

from .rota_problems import ward


class SearchWithSlowSteps(RotaSearch):
    """The real search, but the steps over the days in ``slow`` run out of time."""

    def __init__(self, problem, slow_first_day: int | None, slow_windows: int = 0) -> None:
        settings = SearchSettings(time_limit=5, workers=1, deterministic=True)
        super().__init__(problem, settings, Weights(), lambda _: None, lambda: False)
        self.slow_first_day = slow_first_day
        self.slow_windows = slow_windows
        self.windows: list[int] = []

    def step(self, current, free_days, seconds, weights, **options) -> StepResult:
        building = options.get("cover_first", False)
        if not building and 0 < len(free_days) < self.horizon:
            self.windows.append(len(free_days))
            if self.state.shifts is not None and self.slow_windows > 0:
                self.slow_windows -= 1
                return StepResult(cp_model.UNKNOWN, (), float("inf"), 0.0)
        if building and free_days.start == self.slow_first_day:
            return StepResult(cp_model.UNKNOWN, (), float("inf"), 0.0)
        return super().step(current, free_days, seconds, weights, **options)


def test_a_fortnight_with_no_answer_in_time_leaves_gaps_not_no_rota():
    problem = ward(doctors=8, weeks=4)
    search = SearchWithSlowSteps(problem, slow_first_day=14)
    state = search.run()
    assert state.shifts is not None
    assert not state.infeasible
    # The first fortnight was built; the improving steps may since have worked the second.
    assert any(s.day < problem.period.start + timedelta(days=14) for s in state.shifts)


def test_a_window_with_no_answer_is_halved_then_grows_back():
    problem = ward(doctors=8, weeks=8)
    search = SearchWithSlowSteps(problem, slow_first_day=None, slow_windows=2)
    search.run()
    # The valuing step after the build is a fortnight; then 28 days and 14 find no
    # answer, so the window halves to a week, and grows by half after each answer.
    assert search.windows[:6] == [14, 28, 14, 7, 10, 15]


class SearchWithCostlyFortnights(RotaSearch):
    """The real search, each fortnight of the build charged 1.5 s more of the 5 allowed."""

    def __init__(self, problem) -> None:
        settings = SearchSettings(time_limit=5, workers=1, deterministic=True)
        super().__init__(problem, settings, Weights(), lambda _: None, lambda: False)
        self.fortnights: list[int] = []

    def step(self, current, free_days, seconds, weights, **options) -> StepResult:
        if options.get("cover_first", False):
            self.fortnights.append(free_days.start)
            self.clock.spent += 1.5  # type: ignore[attr-defined]
        return super().step(current, free_days, seconds, weights, **options)


def test_the_build_stops_starting_fortnights_to_keep_time_to_value_the_rota():
    problem = ward(doctors=8, weeks=8)
    search = SearchWithCostlyFortnights(problem)
    state = search.run()
    # After three fortnights less than a fifth of the time is left: the fourth is not
    # started, and the rota built so far is offered.
    assert search.fortnights == [0, 14, 28]
    assert state.shifts is not None
