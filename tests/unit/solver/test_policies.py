"""Policies stricter than the contract, each a department's choice: switched off, the
generator may do what the contract allows and the policy did not, and no more."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from rotaplan.engine.rules import check_rota
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.engine.solver.problem import CoverDemand, Policy, ShiftTypeSpec

from .rota_problems import MONDAY, days, half_timers_on_long_days, ward
from .test_first_rota import model_accepts

DAY = ShiftTypeSpec("D", "Day", time(9), time(17))
EVENING = ShiftTypeSpec("E", "Evening", time(17), time(22))


def test_one_whole_free_day_in_a_fortnight_is_refused_only_while_the_policy_is_on() -> None:
    """Seven days, 48 h off, then an evening (11 h before the next day) and five days:
    within the 2016 terms (and
    their average hours, over the four weeks of the rota), but only Monday of the second
    week is a whole day free in the first fortnight."""
    fortnight = days(MONDAY, 14)
    line = [RotaShift("D1", day, "D") for day in fortnight[:7]]
    line += [RotaShift("D1", fortnight[8], "E")]
    line += [RotaShift("D1", day, "D") for day in fortnight[9:14]]
    demand = tuple(CoverDemand(day, code, 0, 1) for day in fortnight for code in ("D", "E"))
    problem = replace(ward(doctors=1, weeks=4, shift_types=(DAY, EVENING)), demand=demand)

    assert not model_accepts(problem, tuple(line))
    off = replace(problem, policies=frozenset(Policy) - {Policy.WHOLE_FREE_DAYS})
    assert model_accepts(off, tuple(line))


def test_half_timers_cover_more_when_their_hours_are_not_held_pro_rata() -> None:
    problem = half_timers_on_long_days()

    held = generate(problem, time_limit=2, deterministic=True)
    free = generate(
        replace(problem, policies=frozenset(Policy) - {Policy.LTFT_HOURS_PRO_RATA}),
        time_limit=2,
        deterministic=True,
    )

    short = [sum(g.missing for g in r.gaps if g.below == "minimum") for r in (held, free)]
    assert short[0] >= 5  # 288 h pro rata for 350 h of long days
    assert short[1] < short[0]
    assert free.compliant
    assert check_rota(free.rota).breaches == ()
    assert any("a policy of this rota" in reason for g in held.gaps for reason in g.reasons)
    assert not any("a policy" in reason for g in free.gaps for reason in g.reasons)
