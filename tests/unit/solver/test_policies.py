"""Policies stricter than the contract, each a department's choice: switched off, the
generator may do what the contract allows and the policy did not, and no more."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from rotaplan.engine.rota import RuleSetName
from rotaplan.engine.rules import check_rota
from rotaplan.engine.solver.cells import RotaCells
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.engine.solver.problem import CoverDemand, Policy, ShiftTypeSpec
from rotaplan.engine.solver.shortfall import gaps_in

from .rota_problems import MONDAY, NIGHT, days, half_timers_on_long_days, ward
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


def test_a_night_worker_in_training_keeps_the_night_average_only_while_the_policy_is_on() -> None:
    """One registrar who has opted out of the 48-hour week, on nights alone for two weeks:
    the night-work average (8 h in 24 over the 12 days less rest days, 96 h) allows 7
    nights of 12.5 h; without it their 56-hour average allows 8. The hospital derogation
    lifts the night average for doctors in training, so both rotas keep the contract."""
    base = ward(doctors=1, weeks=2, grades=("ST3",), shift_types=(NIGHT,))
    problem = replace(base, doctors=tuple(replace(d, opted_out=True) for d in base.doctors))

    held = generate(problem, time_limit=5, deterministic=True)
    free = generate(
        replace(problem, policies=frozenset(Policy) - {Policy.NIGHT_WORK_AVERAGE}),
        time_limit=5,
        deterministic=True,
    )

    assert [len(held.shifts), len(free.shifts)] == [7, 8]
    assert free.compliant
    assert check_rota(free.rota).breaches == ()
    assert [b.rule for b in check_rota(free.rota).derogated] == ["wtr-night-average"]
    assert check_rota(held.rota).derogated == ()


def test_a_doctor_on_the_regulations_alone_keeps_the_night_average_whatever_the_policy() -> None:
    base = ward(doctors=1, weeks=2, grades=("ST3",), shift_types=(NIGHT,))
    problem = replace(
        base,
        doctors=tuple(replace(d, opted_out=True, rule_set=RuleSetName.WTR) for d in base.doctors),
        policies=frozenset(Policy) - {Policy.NIGHT_WORK_AVERAGE},
    )

    result = generate(problem, time_limit=5, deterministic=True)

    assert len(result.shifts) == 7
    assert check_rota(result.rota).breaches == ()


def test_a_shift_left_short_by_a_policy_rather_than_the_contract_says_so() -> None:
    """The same registrar's eighth night, asked for the last Sunday: only the night-work
    average, a policy of this rota, stops them."""
    base = ward(doctors=1, weeks=2, grades=("ST3",), shift_types=(NIGHT,))
    problem = replace(base, doctors=tuple(replace(d, opted_out=True) for d in base.doctors))
    nights = days(MONDAY, 14)
    worked = [nights[i] for i in (0, 1, 2, 7, 8, 11, 12)]  # 7 nights, the most it allows
    shifts = tuple(RotaShift("D1", day, "N") for day in worked)
    cells = RotaCells(problem)

    (gap,) = [g for g in gaps_in(cells, shifts) if g.day == nights[13]]

    assert gap.reasons == (
        "Of the 1 qualified doctors: 1 at the night-work average (a policy of this rota).",
    )
