"""The count that proves a shortfall: when the minimum cover asks more nights or hours
than a tier's doctors can work within the rules, the generator says how many shifts at
least cannot be filled, and no rota it offers ever fills more than that allows."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotaplan.engine.solver.capacity import capacity_shortfalls
from rotaplan.engine.solver.cells import RotaCells
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.problem import RotaProblem

from .rota_problems import MONDAY, days, half_timers_on_long_days, ward


def below_minimum(result, shift: str | None = None) -> int:
    return sum(g.missing for g in result.gaps if g.below == "minimum" and shift in (None, g.shift))


def test_two_registrars_cannot_cover_two_nights_a_night_and_the_count_says_so() -> None:
    """Four weeks, two registrars, two on every night: each can work at most 20 nights
    (four in a row, then 46 h off: the next night but one is too soon), so 40 of the 56."""
    problem = ward(doctors=2, weeks=4, grades=("ST3",), nights=2, long_days=0, day_ideal=0)

    result = generate(problem, time_limit=2, deterministic=True)

    (nights,) = [c for c in result.capacity if c.what == "night shifts"]
    assert (nights.needed, nights.most, nights.short) == (56, 40, 16)
    assert nights.message == (
        "At most 40 night shifts can be worked by the 2 doctors who may work them in these "
        "4 weeks within the rules (4 nights in a row at most, then 46 h of rest, and none on "
        "leave); 56 are needed: at least 16 cannot be filled."
    )
    assert below_minimum(result, "N") >= 16


def test_less_than_full_time_hours_held_pro_rata_are_named_as_a_policy() -> None:
    """Three half-timers for a long day every day: 28 long days of 12.5 h need 350 h;
    pro rata they may work 3 x 24 h x 4 = 288 h, under the contract 3 x 192 h."""
    problem = half_timers_on_long_days()

    (hours,) = capacity_shortfalls(RotaCells(problem))

    assert hours.what == "hours"
    assert "held to their hours pro rata (a policy)" in hours.message
    assert "at least 5 shifts go unfilled unless the policy is switched off" in hours.message
    switched_off = replace(problem, policies=frozenset())
    assert capacity_shortfalls(RotaCells(switched_off)) == ()


def test_a_covered_ward_has_no_count_against_it() -> None:
    assert capacity_shortfalls(RotaCells(ward(doctors=8, weeks=4))) == ()


@st.composite
def short_wards(draw: st.DrawFn) -> RotaProblem:
    doctors = draw(st.integers(1, 4))
    leave = {0: days(MONDAY + timedelta(days=draw(st.integers(0, 10))), draw(st.integers(0, 6)))}
    return ward(
        doctors=doctors,
        weeks=draw(st.integers(2, 4)),
        grades=("ST3",),
        nights=draw(st.integers(1, 2)),
        long_days=draw(st.integers(0, 2)),
        day_ideal=0,
        unavailable=leave,
        wte={p: draw(st.sampled_from([0.5, 0.8, 1.0])) for p in range(doctors)},
    )


@settings(
    max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(short_wards())
def test_no_rota_ever_fills_more_than_the_count_allows(problem: RotaProblem) -> None:
    """The count is a bound every compliant rota keeps: if it were wrong, a rota with
    fewer gaps than it claims would show it."""
    result = generate(problem, time_limit=1.5, deterministic=True)

    assert result.compliant, result.message
    for capacity in result.capacity:
        shift = "N" if capacity.what == "night shifts" else None
        assert below_minimum(result, shift) >= capacity.short
