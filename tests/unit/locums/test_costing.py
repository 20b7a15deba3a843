"""The arithmetic of a locum booking: the kind of hours, the rate in effect on a day, a
shift's real length across clock changes, and its cost in whole pence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rotaplan.engine.clock import local_datetime
from rotaplan.locums.costing import (
    DAY,
    NIGHT,
    WEEKEND,
    cost_pence,
    hours_kind,
    hours_of,
    pence_from_text,
    pounds,
    rate_in_effect,
    shift_minutes,
)


@dataclass(frozen=True)
class Row:
    effective_from: date
    effective_to: date | None
    pence: int


@pytest.mark.parametrize(
    ("day", "at", "kind"),
    [
        (date(2026, 11, 2), time(8, 0), DAY),  # a Monday
        (date(2026, 11, 2), time(20, 0), NIGHT),
        (date(2026, 11, 3), time(0, 30), NIGHT),
        (date(2026, 11, 7), time(9, 0), WEEKEND),  # a Saturday
        (date(2026, 11, 7), time(21, 0), NIGHT),  # a weekend night is a night
        (date(2026, 12, 28), time(8, 0), WEEKEND),  # Boxing Day's substitute bank holiday
    ],
)
def test_the_kind_of_hours_follows_the_start(day, at, kind):
    assert hours_kind(local_datetime(day, at)) == kind


def test_a_night_across_the_october_clock_change_is_an_hour_longer():
    start = local_datetime(date(2026, 10, 24), time(20, 0))
    end = local_datetime(date(2026, 10, 25), time(8, 0))
    assert shift_minutes(start, end) == 13 * 60
    assert hours_of(shift_minutes(start, end)) == Decimal("13.00")


def test_a_night_across_the_march_clock_change_is_an_hour_shorter():
    start = local_datetime(date(2027, 3, 27), time(20, 0))
    end = local_datetime(date(2027, 3, 28), time(8, 0))
    assert shift_minutes(start, end) == 11 * 60


def test_cost_is_rounded_half_up_to_the_penny():
    assert cost_pence(20, 6001) == 2000  # 2000.33p
    assert cost_pence(30, 6001) == 3001  # 3000.5p rounds up
    assert cost_pence(12 * 60 + 30, 7550) == 94375


@given(minutes=st.integers(0, 48 * 60), rate=st.integers(0, 100_000))
def test_cost_is_never_negative_and_within_half_a_penny(minutes, rate):
    cost = cost_pence(minutes, rate)
    assert cost >= 0
    assert abs(Decimal(cost) - Decimal(minutes * rate) / 60) <= Decimal("0.5")


@given(minutes=st.integers(0, 48 * 60), rate=st.integers(0, 100_000), more=st.integers(0, 600))
def test_a_longer_shift_never_costs_less(minutes, rate, more):
    assert cost_pence(minutes + more, rate) >= cost_pence(minutes, rate)


def test_a_negative_length_or_rate_is_refused():
    with pytest.raises(ValueError, match="never negative"):
        cost_pence(-1, 100)


rows = st.lists(
    st.builds(
        lambda start, length, pence: Row(
            start, None if length is None else start + timedelta(days=length), pence
        ),
        st.dates(date(2024, 1, 1), date(2028, 12, 31)),
        st.none() | st.integers(0, 800),
        st.integers(1, 20_000),
    ),
    max_size=8,
    unique_by=lambda r: r.effective_from,
)


@given(rows=rows, day=st.dates(date(2024, 1, 1), date(2029, 12, 31)))
def test_the_rate_in_effect_is_the_latest_row_started_on_or_before_the_day(rows, day):
    found = rate_in_effect(rows, day)
    live = [
        r
        for r in rows
        if r.effective_from <= day and (r.effective_to is None or day <= r.effective_to)
    ]
    if not live:
        assert found is None
        return
    assert found is not None
    assert found.effective_from <= day
    assert all(r.effective_from <= found.effective_from for r in live)


def test_a_rate_that_ended_does_not_apply_after_its_end():
    old = Row(date(2025, 4, 1), date(2026, 3, 31), 5000)
    assert rate_in_effect([old], date(2026, 3, 31)) is old
    assert rate_in_effect([old], date(2026, 4, 1)) is None


def test_money_is_written_in_pounds_and_pence():
    assert pounds(0) == "£0.00"
    assert pounds(123456) == "£1,234.56"
    assert pounds(-305) == "-£3.05"


@pytest.mark.parametrize(
    ("typed", "pence"),
    [("12.50", 1250), ("£1,200", 120000), ("7.5", 750), (" 3 ", 300), ("0.01", 1)],
)
def test_an_amount_typed_is_read_in_pence(typed, pence):
    assert pence_from_text(typed) == pence


@pytest.mark.parametrize("typed", ["", "abc", "1.234", "-5", "NaN", "Infinity", "£"])
def test_an_amount_that_is_not_money_is_refused(typed):
    assert pence_from_text(typed) is None


@given(pence=st.integers(0, 10**9))
def test_pounds_written_are_read_back(pence):
    assert pence_from_text(pounds(pence)) == pence


def test_times_must_know_their_zone():
    with pytest.raises(ValueError, match="time-zone-aware"):
        shift_minutes(datetime(2026, 1, 1, 8), datetime(2026, 1, 1, 20, tzinfo=UTC))
