"""Tiers and fairness within them: juniors and registrars are judged apart, a doctor who
may work both joins them, and the spread is per full-time share of the days available
(WTE less leave), not per WTE alone."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import time

from hypothesis import given
from hypothesis import strategies as st

from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.outcome import Fairness, FairnessRow
from rotaplan.engine.solver.problem import CoverDemand, ShiftTypeSpec
from rotaplan.engine.solver.tiers import parts_of, tiers_of

from .rota_problems import MONDAY, days, ward


def test_juniors_and_registrars_are_two_tiers_until_one_doctor_works_both() -> None:
    juniors, registrars = {0, 1}, {2, 3}
    assert tiers_of([juniors, juniors, registrars, registrars]) == [0, 0, 2, 2]
    assert tiers_of([juniors, {1, 2}, registrars, set()]) == [0, 0, 0, None]


@given(st.lists(st.sets(st.integers(0, 8), max_size=3), max_size=10))
def test_doctors_who_share_a_shift_type_share_a_tier(may_work: list[set[int]]) -> None:
    tier = tiers_of(may_work)
    for p, mine in enumerate(may_work):
        assert (tier[p] is None) == (not mine)
        for q, theirs in enumerate(may_work):
            if mine & theirs:
                assert tier[p] == tier[q]


def test_tiers_tied_by_a_pair_of_doctors_are_one_part() -> None:
    tier = [0, 0, 2, 2, 5, None]

    assert parts_of(tier) == [frozenset({0, 1}), frozenset({2, 3}), frozenset({4})]
    assert parts_of(tier, [(1, 2)]) == [frozenset({0, 1, 2, 3}), frozenset({4})]
    assert parts_of(tier, [(4, 5)]) == [frozenset({0, 1}), frozenset({2, 3}), frozenset({4})]


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 5)), max_size=12),
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=6),
)
def test_parts_split_the_doctors_who_may_work_by_tier_and_ties(
    tier: list[int | None], ties: list[tuple[int, int]]
) -> None:
    ties = [(a, b) for a, b in ties if a < len(tier) and b < len(tier)]
    parts = parts_of(tier, ties)
    part_of = {p: i for i, part in enumerate(parts) for p in part}
    assert sorted(part_of) == [p for p, t in enumerate(tier) if t is not None]
    assert sum(len(part) for part in parts) == len(part_of)  # each doctor in one part
    for p, q in itertools.combinations(part_of, 2):
        if tier[p] == tier[q]:
            assert part_of[p] == part_of[q]
    for a, b in ties:
        if a in part_of and b in part_of:
            assert part_of[a] == part_of[b]


def row(doctor: str, tier: str, nights: int, wte: float = 1.0, share: float = 1.0) -> FairnessRow:
    return FairnessRow(doctor, wte, nights, 0, 0, 40.0, share=share, tier=tier)


def test_spread_is_within_a_tier_and_per_share_of_the_days_available() -> None:
    fairness = Fairness(
        (
            row("J1", "Grades FY1 and FY2", 10),
            row("J2", "Grades FY1 and FY2", 9, wte=0.5, share=0.5),  # 18 per share
            row("R1", "Grades ST3", 30),
            # Half the period on leave: 15 nights is a full share of the days available.
            row("R2", "Grades ST3", 15, share=0.5),
        )
    )

    assert fairness.spread("nights", "Grades ST3") == 0.0
    assert fairness.spread("nights", "Grades FY1 and FY2") == 8.0
    assert fairness.spread("nights") == 8.0  # the widest of any tier


def test_two_tiers_of_the_same_grades_are_told_apart_by_their_shifts() -> None:
    """Registrars on the wards and registrars on call from home: the same grade, two
    tiers (no doctor works both), two tables."""
    wards = ShiftTypeSpec("D", "Ward day", time(9), time(17), competencies=frozenset({"ward"}))
    on_call = ShiftTypeSpec("OC", "On call", time(17), time(9), competencies=frozenset({"home"}))
    base = ward(doctors=4, weeks=1, shift_types=(wards, on_call), grades=("ST3",))
    problem = replace(
        base,
        doctors=tuple(
            replace(d, competencies=frozenset({"ward" if i < 2 else "home"}))
            for i, d in enumerate(base.doctors)
        ),
        demand=tuple(
            CoverDemand(day, code, 1, 1) for day in days(MONDAY, 7) for code in ("D", "OC")
        ),
    )

    result = generate(problem, time_limit=1, deterministic=True)

    assert result.fairness.tiers() == [
        "Grades ST3, on On call (2)",
        "Grades ST3, on Ward day (1)",
    ]
