"""PAs from a timetable, worked by hand from the contracts' rules (ADR 0029)."""

from __future__ import annotations

from datetime import time
from fractions import Fraction

import pytest

from rotaplan.engine.jobplan.contracts import UnknownContract, contract_terms
from rotaplan.engine.jobplan.pas import job_plan_pas, overlapping, pas_text
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

CONSULTANT = JobPlanContract.CONSULTANT_2003
SPECIALTY = JobPlanContract.SPECIALTY_DOCTOR_2021
SPECIALIST = JobPlanContract.SPECIALIST_2021
MON, TUE, SAT, SUN = 0, 1, 5, 6
EVERY = Weeks()


def activity(
    id: str = "a",
    weekday: int = MON,
    start: str = "09:00",
    end: str = "13:00",
    category: Category = Category.DCC,
    weeks: Weeks = EVERY,
) -> PlannedActivity:
    return PlannedActivity(
        id=id,
        category=category,
        description=f"Activity {id}",
        weekday=weekday,
        start=time.fromisoformat(start),
        end=time.fromisoformat(end),
        weeks=weeks,
    )


def one(item: PlannedActivity, contract: JobPlanContract = CONSULTANT, **kwargs):
    return job_plan_pas(JobPlanInput(contract, (item,), **kwargs)).activities[0]


def test_a_weekday_morning_is_one_pa_of_plain_time():
    found = one(activity())
    assert (found.plain_hours, found.premium_hours) == (4, 0)
    assert found.pas_per_occurrence == 1
    assert found.weekly_pas == 1


def test_a_monday_evening_clinic_is_partly_premium_for_a_consultant():
    found = one(activity(start="17:00", end="21:00"))
    assert (found.plain_hours, found.premium_hours) == (2, 2)
    assert found.pas_per_occurrence == Fraction(2, 4) + Fraction(2, 3) == Fraction(7, 6)


def test_saturday_morning_is_all_premium_three_hours_one_pa():
    found = one(activity(weekday=SAT, start="09:00", end="12:00"))
    assert (found.plain_hours, found.premium_hours) == (0, 3)
    assert found.pas_per_occurrence == 1


def test_sunday_is_premium_under_every_contract():
    for contract in JobPlanContract:
        assert one(activity(weekday=SUN), contract).pas_per_occurrence == Fraction(4, 3)


def test_an_early_start_is_premium_before_seven():
    found = one(activity(start="06:00", end="10:00"))
    assert (found.plain_hours, found.premium_hours) == (3, 1)
    assert found.pas_per_occurrence == Fraction(3, 4) + Fraction(1, 3)


def test_sas_2021_weekday_19_to_21_is_plain_time():
    for contract in (SPECIALTY, SPECIALIST):
        found = one(activity(start="19:00", end="21:00"), contract)
        assert (found.plain_hours, found.premium_hours) == (2, 0)
        assert found.pas_per_occurrence == Fraction(1, 2)
    consultant = one(activity(start="19:00", end="21:00"))
    assert consultant.pas_per_occurrence == Fraction(2, 3)


def test_sas_2021_after_nine_is_premium():
    found = one(activity(start="20:00", end="23:00"), SPECIALTY)
    assert (found.plain_hours, found.premium_hours) == (1, 2)


def test_minutes_are_counted_exactly():
    found = one(activity(start="18:30", end="19:15"))
    assert (found.plain_hours, found.premium_hours) == (Fraction(1, 2), Fraction(1, 4))
    assert found.pas_per_occurrence == Fraction(1, 8) + Fraction(1, 12)


def test_annualised_one_in_n_and_weeks_a_year():
    assert one(activity(weeks=Weeks(WeeksKind.ONE_IN, 2))).weekly_pas == Fraction(1, 2)
    assert one(activity(weeks=Weeks(WeeksKind.ONE_IN, 4))).weekly_pas == Fraction(1, 4)
    assert one(activity(weeks=Weeks(WeeksKind.PER_YEAR, 21))).weekly_pas == Fraction(1, 2)
    assert one(
        activity(weeks=Weeks(WeeksKind.PER_YEAR, 10)), weeks_a_year=40
    ).weekly_pas == Fraction(1, 4)


def test_on_call_work_is_three_hours_a_pa_in_dcc_with_the_supplement():
    plan = JobPlanInput(
        CONSULTANT,
        (activity(category=Category.SPA),),
        on_call=OnCall(6, OnCallCategory.A, Fraction(3), Fraction(3, 2)),
    )
    found = job_plan_pas(plan)
    assert found.on_call is not None
    assert (found.on_call.predictable, found.on_call.unpredictable) == (1, Fraction(1, 2))
    assert found.by_category[Category.DCC] == Fraction(3, 2)
    assert found.total == Fraction(5, 2)
    assert found.on_call.supplement_percent == 5
    assert found.on_call.supplement_verified is False


@pytest.mark.parametrize(
    ("one_in", "category", "percent"),
    [
        (1, OnCallCategory.A, 8),
        (4, OnCallCategory.A, 8),
        (5, OnCallCategory.A, 5),
        (8, OnCallCategory.A, 5),
        (9, OnCallCategory.A, 3),
        (30, OnCallCategory.A, 3),
        (3, OnCallCategory.B, 3),
        (6, OnCallCategory.B, 2),
        (12, OnCallCategory.B, 1),
    ],
)
def test_the_consultant_supplement_table(one_in, category, percent):
    assert contract_terms(CONSULTANT).supplement_percent(one_in, category) == percent


def test_every_category_is_in_the_breakdown_and_the_total_is_their_sum():
    found = job_plan_pas(JobPlanInput(CONSULTANT, ()))
    assert set(found.by_category) == set(Category)
    assert found.total == 0


def test_a_full_time_ten_pa_plan_has_no_warnings():
    days = [
        activity(f"d{day}{half}", weekday=day, start=start, end=end, category=category)
        for day in range(5)
        for half, (start, end) in enumerate((("09:00", "13:00"), ("13:00", "17:00")))
        for category in [Category.SPA if (day, half) in ((2, 1), (3, 1)) else Category.DCC]
    ]
    found = job_plan_pas(JobPlanInput(CONSULTANT, tuple(days)))
    assert found.total == 10
    assert found.by_category[Category.SPA] == 2
    assert found.warnings == ()


def codes(plan: JobPlanInput) -> list[str]:
    return [warning.code for warning in job_plan_pas(plan).warnings]


def test_a_full_timer_not_at_ten_is_warned():
    plan = JobPlanInput(CONSULTANT, (activity(category=Category.SPA, end="15:00"),))
    found = job_plan_pas(plan)
    assert [w.code for w in found.warnings] == ["not_ten"]
    assert "10 PAs a week; this one is 1.5" in found.warnings[0].message


def test_a_part_timer_is_not_held_to_ten():
    plan = JobPlanInput(
        CONSULTANT, (activity(category=Category.SPA, end="15:00"),), wte=Fraction(1, 2)
    )
    assert codes(plan) == []


def test_more_than_twelve_is_warned():
    items = tuple(
        activity(f"a{day}{n}", weekday=day, start=start, end=end, category=Category.SPA)
        for day in range(5)
        for n, (start, end) in enumerate(
            (("07:00", "11:00"), ("11:00", "15:00"), ("15:00", "19:00"))
        )
    )
    found = job_plan_pas(JobPlanInput(CONSULTANT, items))
    assert found.total == 15
    assert [w.code for w in found.warnings] == ["not_ten", "over_twelve"]
    assert "15 PAs a week, more than the 12" in found.warnings[1].message


def test_spa_under_policy_pro_rata_for_a_part_timer():
    plan = JobPlanInput(
        CONSULTANT,
        (activity("c"), activity("s", weekday=TUE, category=Category.SPA, end="11:00")),
        wte=Fraction(3, 5),
    )
    found = job_plan_pas(plan)
    assert [w.code for w in found.warnings] == ["spa_under_policy"]
    message = found.warnings[0].message
    assert "0.5 PAs a week, under the 0.9" in message
    assert "pro rata for 0.6 WTE" in message


def test_spa_at_the_policy_is_not_warned():
    plan = JobPlanInput(
        CONSULTANT,
        (activity("s", category=Category.SPA, end="15:00"),),
        wte=Fraction(1, 2),
        minimum_spa=Fraction(3),
    )
    assert codes(plan) == []


def test_no_pas_is_one_warning_not_three():
    assert codes(JobPlanInput(CONSULTANT, ())) == ["no_pas"]


def test_overlapping_activities_are_warned_by_id():
    plan = JobPlanInput(
        CONSULTANT,
        (
            activity("clinic", end="13:00"),
            activity("list", start="12:00", end="16:00", weeks=Weeks(WeeksKind.ONE_IN, 2)),
        ),
        wte=Fraction(1, 2),
    )
    found = job_plan_pas(plan)
    overlap = [w for w in found.warnings if w.code == "overlap"]
    assert len(overlap) == 1
    assert overlap[0].activity_ids == ("clinic", "list")
    assert "Activity clinic (Mon 09:00 to 13:00)" in overlap[0].message


def test_alternate_weeks_on_the_same_morning_do_not_overlap():
    alternating = (
        activity("theatre", weeks=Weeks(WeeksKind.ONE_IN, 2)),
        activity("clinic", weeks=Weeks(WeeksKind.ONE_IN, 2)),
    )
    assert overlapping(alternating, 42) == []
    three = (*alternating, activity("third", weeks=Weeks(WeeksKind.PER_YEAR, 1)))
    assert len(overlapping(three, 42)) == 0  # each pair still fits (1/2 + 1/42 <= 1)


def test_touching_times_do_not_overlap():
    assert overlapping((activity("a"), activity("b", start="13:00", end="17:00")), 42) == []
    assert overlapping((activity("a"), activity("b", weekday=TUE)), 42) == []


def test_times_that_end_at_or_before_they_start_are_refused():
    with pytest.raises(ValueError, match="before it starts"):
        activity(start="13:00", end="12:00")
    with pytest.raises(ValueError, match="ends as it starts"):
        activity(start="13:00", end="13:00")


def test_bad_inputs_are_refused_when_built():
    with pytest.raises(ValueError, match="weekday"):
        activity(weekday=7)
    with pytest.raises(ValueError, match="at least 1"):
        Weeks(WeeksKind.ONE_IN, 0)
    with pytest.raises(ValueError, match="more than the 42"):
        JobPlanInput(CONSULTANT, (activity(weeks=Weeks(WeeksKind.PER_YEAR, 43)),))
    with pytest.raises(ValueError, match="one in 0"):
        OnCall(0, OnCallCategory.A)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(7, 3), "2.33"),
        (Fraction(10), "10"),
        (Fraction(1, 2), "0.5"),
        (Fraction(7, 6), "1.17"),
        (Fraction(1, 8), "0.13"),
        (Fraction(0), "0"),
        (Fraction(5, 21), "0.24"),
        (Fraction(999, 1000), "1"),
    ],
)
def test_pas_text(value, text):
    assert pas_text(value) == text


def test_the_premium_time_is_said_with_its_source():
    text = job_plan_pas(JobPlanInput(CONSULTANT, ())).premium_time
    assert "07:00 to 19:00 Monday to Friday" in text
    assert "public holidays" in text
    assert "Source:" in text


def test_every_contract_has_figures_each_with_a_source():
    for contract in JobPlanContract:
        terms = contract_terms(contract)
        assert (terms.plain_pa_hours, terms.premium_pa_hours) == (4, 3)
        assert terms.on_call_hours_per_pa == 3
        for source in (
            terms.pa_hours_source,
            terms.premium_time.source,
            terms.on_call_source,
            terms.supplement_source,
        ):
            assert source.document
            assert source.url.startswith("https://")
    with pytest.raises(UnknownContract, match="known: consultant2003"):
        contract_terms("junior2016")
