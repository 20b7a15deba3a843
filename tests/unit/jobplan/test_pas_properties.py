"""Invariants of the PA arithmetic, over any timetable."""

from __future__ import annotations

from datetime import time
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from rotaplan.engine.jobplan.pas import job_plan_pas, overlapping
from rotaplan.engine.jobplan.plan import (
    Category,
    JobPlanContract,
    JobPlanInput,
    OnCall,
    OnCallCategory,
    PlannedActivity,
    Weeks,
    WeeksKind,
)


@st.composite
def slots(draw: st.DrawFn) -> tuple[time, time]:
    start = draw(st.integers(0, 24 * 60 - 2))
    end = draw(st.integers(start + 1, 24 * 60 - 1))
    return time(start // 60, start % 60), time(end // 60, end % 60)


weeks = st.one_of(
    st.just(Weeks()),
    st.builds(Weeks, st.just(WeeksKind.ONE_IN), st.integers(1, 52)),
    st.builds(Weeks, st.just(WeeksKind.PER_YEAR), st.integers(1, 40)),
)


@st.composite
def activities(draw: st.DrawFn, index: int = 0, kinds: st.SearchStrategy[Weeks] = weeks):
    start, end = draw(slots())
    return PlannedActivity(
        id=f"a{index}",
        category=draw(st.sampled_from(Category)),
        description="activity",
        weekday=draw(st.integers(0, 6)),
        start=start,
        end=end,
        weeks=draw(kinds),
    )


@st.composite
def plans(draw: st.DrawFn) -> JobPlanInput:
    count = draw(st.integers(0, 12))
    items = tuple(draw(activities(index)) for index in range(count))
    on_call = draw(
        st.none()
        | st.builds(
            OnCall,
            st.integers(1, 52),
            st.sampled_from(OnCallCategory),
            st.fractions(0, 40),
            st.fractions(0, 40),
        )
    )
    return JobPlanInput(
        contract=draw(st.sampled_from(JobPlanContract)),
        activities=items,
        wte=draw(st.sampled_from([Fraction(1), Fraction(1, 2), Fraction(3, 5)])),
        weeks_a_year=draw(st.integers(40, 52)),
        on_call=on_call,
    )


@given(plans())
def test_the_total_is_the_sum_of_the_categories_and_of_the_parts(plan):
    found = job_plan_pas(plan)
    assert set(found.by_category) == set(Category)
    assert found.total == sum(found.by_category.values())
    on_call = found.on_call.predictable + found.on_call.unpredictable if found.on_call else 0
    assert found.total == sum(item.weekly_pas for item in found.activities) + on_call


@given(plans())
def test_a_pa_is_between_hours_over_four_and_hours_over_three(plan):
    for item in job_plan_pas(plan).activities:
        hours = item.plain_hours + item.premium_hours
        assert item.plain_hours >= 0
        assert item.premium_hours >= 0
        assert hours / 4 <= item.pas_per_occurrence <= hours / 3


@given(activities(kinds=st.just(Weeks())), st.integers(1, 52), st.sampled_from(JobPlanContract))
def test_one_in_n_is_one_nth_of_every_week(activity, n, contract):
    every = job_plan_pas(JobPlanInput(contract, (activity,))).activities[0]
    sometimes = PlannedActivity(
        activity.id,
        activity.category,
        activity.description,
        activity.weekday,
        activity.start,
        activity.end,
        Weeks(WeeksKind.ONE_IN, n),
    )
    found = job_plan_pas(JobPlanInput(contract, (sometimes,))).activities[0]
    assert found.weekly_pas == every.weekly_pas / n
    assert found.pas_per_occurrence == every.pas_per_occurrence


@given(activities(0), activities(1), st.integers(1, 52))
def test_overlapping_is_symmetric(first, second, weeks_a_year):
    forwards = overlapping([first, second], weeks_a_year)
    backwards = overlapping([second, first], weeks_a_year)
    assert {frozenset(pair) for pair in forwards} == {frozenset(pair) for pair in backwards}


@given(activities(0, kinds=st.just(Weeks())), activities(1, kinds=st.just(Weeks())))
def test_two_weekly_activities_overlap_exactly_when_their_times_meet(first, second):
    meet = first.weekday == second.weekday and first.start < second.end and second.start < first.end
    assert bool(overlapping([first, second], 42)) == meet
