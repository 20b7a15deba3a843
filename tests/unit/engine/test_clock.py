from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rotaplan.engine.clock import (
    LONDON,
    bank_holidays,
    format_day,
    hours_between,
    is_bank_holiday,
    local_datetime,
    shift_bounds,
)


def test_dates_read_as_nhs_users_write_them():
    assert format_day(date(2026, 8, 3)) == "Mon 3 Aug 2026"
    assert format_day(date(2026, 12, 25)) == "Fri 25 Dec 2026"


def test_night_shift_crosses_midnight_to_the_next_day():
    start, end = shift_bounds(date(2026, 8, 3), time(20, 0), time(8, 0))
    assert start == datetime(2026, 8, 3, 20, 0, tzinfo=LONDON)
    assert end == datetime(2026, 8, 4, 8, 0, tzinfo=LONDON)
    assert hours_between(start, end) == 12


def test_night_across_october_clock_change_is_an_hour_longer():
    start, end = shift_bounds(date(2026, 10, 24), time(20, 0), time(8, 0))
    assert hours_between(start, end) == 13


def test_night_across_march_clock_change_is_an_hour_shorter():
    start, end = shift_bounds(date(2026, 3, 28), time(20, 0), time(8, 0))
    assert hours_between(start, end) == 11


def test_wall_clock_time_skipped_in_march_moves_forward():
    moment = local_datetime(date(2026, 3, 29), time(1, 30))
    assert moment.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert moment.hour == 2


def test_repeated_october_hour_takes_the_first_occurrence():
    moment = local_datetime(date(2026, 10, 25), time(1, 30))
    assert moment.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_24_hour_on_call_ends_next_morning():
    start, end = shift_bounds(date(2026, 8, 8), time(9, 0), time(9, 0))
    assert hours_between(start, end) == 24


def test_english_bank_holidays_come_from_the_holidays_package():
    assert is_bank_holiday(date(2026, 8, 31))  # summer bank holiday, England
    assert not is_bank_holiday(date(2026, 8, 3))  # Scotland's summer holiday is not England's
    assert bank_holidays(date(2026, 12, 1), date(2026, 12, 31)) == [
        date(2026, 12, 25),
        date(2026, 12, 28),
    ]


def test_hours_between_refuses_naive_times():
    with pytest.raises(ValueError, match="time-zone-aware"):
        hours_between(datetime(2026, 1, 1), datetime(2026, 1, 2))


@given(
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    start=st.times(),
    end=st.times(),
)
def test_every_shift_has_positive_length_of_at_most_25_hours(day, start, end):
    start = start.replace(second=0, microsecond=0)
    end = end.replace(second=0, microsecond=0)
    begins, ends = shift_bounds(day, start, end)
    assert 0 < hours_between(begins, ends) <= 25
