from datetime import timedelta

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, breaches, on_call, shift

RULE = "day-after-on-call"
TUE = MON + timedelta(days=1)


def test_ten_hour_shift_after_on_call_is_allowed():
    assert breaches(RULE, [on_call(MON, "17:00", "09:00"), shift(TUE, "10:00", "20:00")]) == []


def test_ten_hours_and_a_minute_is_too_long():
    (breach,) = breaches(RULE, [on_call(MON, "17:00", "09:00"), shift(TUE, "10:00", "20:01")])
    assert breach.message == (
        "Dr Patel's shift on Tue 4 Aug 2026, the day after an on-call period, lasts 10 h 1 min; "
        "the limit is 10 h"
    )


def test_a_shift_two_days_later_is_not_affected():
    assert breaches(RULE, [on_call(MON), shift(TUE + timedelta(days=1), "08:00", "20:00")]) == []


def test_a_ten_hour_night_across_the_october_change_is_eleven():
    saturday = OCTOBER_CHANGE - timedelta(days=1)
    friday = saturday - timedelta(days=1)
    shifts = [on_call(friday, "08:00", "18:00"), shift(saturday, "22:00", "08:00")]
    (breach,) = breaches(RULE, shifts, start=friday)
    assert breach.value == 11


def test_an_eleven_hour_night_on_the_clock_across_the_march_change_is_ten():
    saturday = MARCH_CHANGE - timedelta(days=1)
    friday = saturday - timedelta(days=1)
    shifts = [on_call(friday, "08:00", "18:00"), shift(saturday, "21:00", "08:00")]
    assert breaches(RULE, shifts, start=friday) == []
