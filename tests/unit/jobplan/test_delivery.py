"""Planned against delivered: the arithmetic and the alerts' words."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from rotaplan.engine.jobplan.delivery import (
    DELIVERY_THRESHOLD,
    PlannedLine,
    Recorded,
    WeekRecord,
    clinician_delivery,
    delivered_words,
    line_delivery,
    pas_words,
)
from rotaplan.engine.jobplan.plan import Category

MONDAY = date(2026, 6, 1)


def weeks(*delivered: Fraction | None, **kwargs: object) -> tuple[WeekRecord, ...]:
    """A week each; None is a week away."""
    return tuple(
        WeekRecord(MONDAY + timedelta(weeks=i), working=d is not None, delivered=d or Fraction(0))
        for i, d in enumerate(delivered)
    )


def clinic(*delivered: Fraction | None, planned: Fraction = Fraction(2)) -> PlannedLine:
    return PlannedLine(
        "a1", "Clinic A", Category.DCC, planned, Recorded.SESSIONS, weeks(*delivered)
    )


def test_clinic_half_delivered_alerts_in_the_issue_s_words() -> None:
    line = clinic(*[Fraction(1)] * 8)
    done = line_delivery(line)
    assert done.delivered_weekly == 1
    assert done.short
    assert (
        done.alert == "Clinic A: job plan 2 PAs a week, delivered 1.0 a week over the last 8 weeks"
    )


def test_clinic_delivered_in_full_has_no_alert() -> None:
    done = line_delivery(clinic(*[Fraction(2)] * 8))
    assert done.delivered_weekly == 2
    assert not done.short
    assert done.alert is None


def test_weeks_away_are_left_out_not_counted_as_lost() -> None:
    done = line_delivery(clinic(Fraction(2), None, Fraction(2), None, Fraction(2)))
    assert done.working_weeks == 3
    assert done.leave_weeks == 2
    assert done.delivered_weekly == 2
    assert done.alert is None


def test_alert_names_the_working_weeks_when_some_were_away() -> None:
    done = line_delivery(clinic(Fraction(1), None, Fraction(1), Fraction(1)))
    assert done.alert == (
        "Clinic A: job plan 2 PAs a week, delivered 1.0 a week over the 3 working weeks "
        "of the last 4"
    )


def test_alert_with_dates_names_them() -> None:
    done = line_delivery(clinic(Fraction(1), Fraction(1)), "from Mon 1 Jun 2026 to Sun 14 Jun 2026")
    assert done.alert == (
        "Clinic A: job plan 2 PAs a week, delivered 1.0 a week over the 2 weeks "
        "from Mon 1 Jun 2026 to Sun 14 Jun 2026"
    )


def test_just_under_the_threshold_alerts_and_at_it_does_not() -> None:
    at = line_delivery(clinic(Fraction(9, 5), planned=Fraction(2)))
    assert not at.short
    under = line_delivery(clinic(Fraction(179, 100), planned=Fraction(2)))
    assert under.short


def test_one_pa_is_singular() -> None:
    done = line_delivery(clinic(Fraction(0), planned=Fraction(1)))
    assert done.alert is not None
    assert "job plan 1 PA a week" in done.alert


def spa(lost: list[bool], away: frozenset[int] = frozenset()) -> PlannedLine:
    return PlannedLine(
        "s1",
        "SPA",
        Category.SPA,
        Fraction(3, 2),
        Recorded.SPA,
        tuple(
            WeekRecord(
                MONDAY + timedelta(weeks=i),
                working=i not in away,
                delivered=Fraction(3, 2),
                lost=was_lost,
            )
            for i, was_lost in enumerate(lost)
        ),
    )


def test_spa_lost_in_the_issue_s_words() -> None:
    done = line_delivery(spa([True] * 6 + [False] * 4))
    assert done.lost_weeks == 6
    assert done.alert == "SPA lost 6 of the last 10 weeks"
    assert done.delivered_weekly == Fraction(3, 2) * 4 / 10


def test_spa_weeks_away_do_not_count_as_lost() -> None:
    done = line_delivery(spa([True, False, False, False], away=frozenset({0})))
    assert done.lost_weeks == 0
    assert done.alert is None


def test_spa_lost_once_in_ten_is_within_the_threshold() -> None:
    assert line_delivery(spa([True] + [False] * 9)).alert is None
    assert line_delivery(spa([True, True] + [False] * 8)).alert == "SPA lost 2 of the last 10 weeks"


def on_call(days: list[int], one_in: int = 4, planned: Fraction = Fraction(1)) -> PlannedLine:
    return PlannedLine(
        "on-call",
        "On-call",
        Category.DCC,
        planned,
        Recorded.ON_CALL,
        tuple(WeekRecord(MONDAY + timedelta(weeks=i), on_call_days=n) for i, n in enumerate(days)),
        one_in=one_in,
    )


def test_on_call_worked_as_planned_delivers_the_planned_pas() -> None:
    # 1 in 4: 7 days every 4 weeks.
    done = line_delivery(on_call([7, 0, 0, 0, 7, 0, 0, 0]))
    assert done.delivered_weekly == 1
    assert done.alert is None


def test_on_call_worked_half_as_often_delivers_half() -> None:
    done = line_delivery(on_call([7, 0, 0, 0, 0, 0, 0, 0]))
    assert done.delivered_weekly == Fraction(1, 2)
    assert done.alert == "On-call: job plan 1 PA a week, delivered 0.5 a week over the last 8 weeks"


def test_not_recorded_lines_are_not_guessed() -> None:
    line = PlannedLine(
        "w1", "Ward round", Category.DCC, Fraction(1), Recorded.NOT_RECORDED, weeks(Fraction(0))
    )
    done = line_delivery(line)
    assert done.delivered_weekly is None
    assert done.alert is None


def test_categories_compare_like_with_like() -> None:
    lines = [
        clinic(Fraction(1), Fraction(1)),
        PlannedLine(
            "w1",
            "Ward round",
            Category.DCC,
            Fraction(1),
            Recorded.NOT_RECORDED,
            weeks(Fraction(0), Fraction(0)),
        ),
        spa([False, False]),
    ]
    report = clinician_delivery(lines, weeks=2)
    dcc = next(c for c in report.categories if c.category is Category.DCC)
    assert dcc.planned == 3
    assert dcc.planned_recorded == 2
    assert dcc.delivered == 1
    assert report.planned == Fraction(9, 2)
    assert report.alerts == (
        "Clinic A: job plan 2 PAs a week, delivered 1.0 a week over the last 2 weeks",
    )
    assert {c.category for c in report.categories} == set(Category)


def test_words() -> None:
    assert pas_words(Fraction(7, 3)) == "2.33"
    assert pas_words(Fraction(2)) == "2"
    assert pas_words(Fraction(1, 2)) == "0.5"
    assert delivered_words(Fraction(1)) == "1.0"


# --- properties ---------------------------------------------------------------------

pas = st.fractions(min_value=0, max_value=5, max_denominator=12)


@given(st.lists(st.one_of(st.none(), pas), min_size=1, max_size=52), pas)
def test_delivered_is_the_mean_over_working_weeks(
    delivered: list[Fraction | None], planned: Fraction
) -> None:
    done = line_delivery(clinic(*delivered, planned=planned))
    worked = [d for d in delivered if d is not None]
    assert done.working_weeks == len(worked)
    assert done.leave_weeks == len(delivered) - len(worked)
    if worked:
        assert done.delivered_weekly == sum(worked, Fraction(0)) / len(worked)
        assert min(worked) <= done.delivered_weekly <= max(worked)
    else:
        assert done.delivered_weekly is None
        assert done.alert is None


@given(st.lists(st.one_of(st.none(), pas), min_size=1, max_size=52), pas)
def test_alert_exactly_when_short(delivered: list[Fraction | None], planned: Fraction) -> None:
    done = line_delivery(clinic(*delivered, planned=planned))
    expected = (
        done.delivered_weekly is not None and done.delivered_weekly < planned * DELIVERY_THRESHOLD
    )
    assert done.short == expected
    assert (done.alert is not None) == expected


@given(st.lists(st.one_of(st.none(), pas), min_size=1, max_size=20), pas)
def test_leave_weeks_change_nothing(delivered: list[Fraction | None], planned: Fraction) -> None:
    """A week away, wherever it falls, leaves the figure as if it were not there."""
    with_leave = line_delivery(clinic(*delivered, planned=planned))
    without = line_delivery(clinic(*[d for d in delivered if d is not None], planned=planned))
    assert with_leave.delivered_weekly == without.delivered_weekly


@given(st.lists(st.booleans(), min_size=1, max_size=52))
def test_spa_lost_weeks_counted_and_delivered_falls_with_them(lost: list[bool]) -> None:
    done = line_delivery(spa(lost))
    assert done.lost_weeks == sum(lost)
    assert done.delivered_weekly == Fraction(3, 2) * (len(lost) - sum(lost)) / len(lost)
    assert (done.alert is not None) == (
        Fraction(len(lost) - sum(lost), len(lost)) < DELIVERY_THRESHOLD
    )


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=10))
def test_on_call_as_planned_delivers_exactly_the_plan(one_in: int, cycles: int) -> None:
    days = ([7] + [0] * (one_in - 1)) * cycles
    done = line_delivery(on_call(days, one_in=one_in, planned=Fraction(3, 2)))
    assert done.delivered_weekly == Fraction(3, 2)
    assert done.alert is None


@given(st.lists(st.integers(min_value=0, max_value=7), min_size=1, max_size=52), st.integers(1, 12))
def test_on_call_delivered_grows_with_days_worked(days: list[int], one_in: int) -> None:
    done = line_delivery(on_call(days, one_in=one_in))
    more = line_delivery(on_call([*days[:-1], min(days[-1] + 1, 7)], one_in=one_in))
    assert done.delivered_weekly is not None
    assert more.delivered_weekly is not None
    assert more.delivered_weekly >= done.delivered_weekly


@given(st.lists(st.tuples(st.sampled_from(list(Category)), pas, pas), max_size=10))
def test_category_totals_add_up(parts: list[tuple[Category, Fraction, Fraction]]) -> None:
    lines = [
        PlannedLine(str(i), f"Line {i}", category, planned, Recorded.SESSIONS, weeks(delivered))
        for i, (category, planned, delivered) in enumerate(parts)
    ]
    report = clinician_delivery(lines, weeks=1)
    assert report.planned == sum((p for _, p, _ in parts), Fraction(0))
    assert report.delivered == sum((d for _, _, d in parts), Fraction(0))
    assert len(report.alerts) == sum(1 for line in report.lines if line.short)
