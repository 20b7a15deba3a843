"""Working days as leave is counted, leave years, completed years and night shifts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from rotaplan.engine.clock import bank_holidays
from rotaplan.engine.leave.working_days import (
    completed_years,
    is_night,
    leave_year_of,
    working_days,
)

LONDON = ZoneInfo("Europe/London")
DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))


def test_a_week_with_a_bank_holiday_is_four_working_days():
    # Mon 31 Aug 2026 is the summer bank holiday.
    assert (
        working_days(
            date(2026, 8, 31), date(2026, 9, 6), bank_holidays(date(2026, 8, 31), date(2026, 9, 6))
        )
        == 4
    )


def test_a_weekend_is_no_working_days():
    assert working_days(date(2026, 8, 8), date(2026, 8, 9), []) == 0


def test_the_leave_year_runs_from_1_april_by_default():
    assert leave_year_of(date(2026, 12, 7)) == (date(2026, 4, 1), date(2027, 3, 31))
    assert leave_year_of(date(2026, 3, 31)) == (date(2025, 4, 1), date(2026, 3, 31))
    assert leave_year_of(date(2026, 8, 5), 8, 5) == (date(2026, 8, 5), date(2027, 8, 4))


def test_completed_years_count_on_the_anniversary():
    assert completed_years(date(2021, 8, 4), date(2026, 8, 4)) == 5
    assert completed_years(date(2021, 8, 4), date(2026, 8, 3)) == 4
    assert completed_years(date(2027, 1, 1), date(2026, 8, 3)) == 0


def test_a_night_has_three_hours_between_23_and_6():
    night = datetime(2026, 8, 3, 20, tzinfo=LONDON), datetime(2026, 8, 4, 8, 30, tzinfo=LONDON)
    late = datetime(2026, 8, 3, 14, tzinfo=LONDON), datetime(2026, 8, 4, 1, tzinfo=LONDON)
    assert is_night(*night)
    assert not is_night(*late)  # two hours of night


@given(start=DAYS, length=st.integers(min_value=0, max_value=60))
def test_working_days_never_exceed_the_days_nor_fall_below_none(start, length):
    end = start + timedelta(days=length)
    found = working_days(start, end, bank_holidays(start, end))
    assert 0 <= found <= length + 1
    assert found <= working_days(start, end, [])


@given(start=DAYS, first=st.integers(0, 40), second=st.integers(0, 40))
def test_working_days_add_up_over_two_spans(start, first, second):
    middle = start + timedelta(days=first)
    end = middle + timedelta(days=1 + second)
    holidays = bank_holidays(start, end)
    assert working_days(start, end, holidays) == working_days(
        start, middle, holidays
    ) + working_days(middle + timedelta(days=1), end, holidays)


@given(day=DAYS)
def test_every_day_is_in_its_leave_year(day):
    first, last = leave_year_of(day)
    assert first <= day <= last
    assert (last - first).days in (364, 365)
