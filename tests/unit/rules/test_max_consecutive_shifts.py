from datetime import timedelta

from .build import (
    BEFORE_2019,
    MARCH_CHANGE,
    MON,
    OCTOBER_CHANGE,
    breaches,
    every_day,
    on_call,
    shift,
)

RULE = "max-consecutive-shifts"


def test_seven_shifts_in_a_row_are_allowed():
    assert breaches(RULE, every_day(MON, 7, "08:00", "16:00")) == []


def test_eight_shifts_in_a_row_break_the_limit_once():
    (breach,) = breaches(RULE, every_day(MON, 8, "08:00", "16:00"))
    assert breach.value == 8
    assert breach.message == "Dr Patel works 8 shifts in a row from Mon 3 Aug 2026; the limit is 7"


def test_on_call_periods_count_in_the_run():
    shifts = every_day(MON, 7, "08:00", "16:00")
    shifts.append(on_call(MON + timedelta(days=7), "09:00", "21:00"))
    assert len(breaches(RULE, shifts)) == 1


def test_nights_belong_to_the_day_they_start():
    # seven nights Mon-Sun end on the following Monday morning: still 7 days of starts
    assert breaches(RULE, every_day(MON, 7, "20:00", "06:00")) == []


def test_seven_in_a_row_then_48_hours_rest_is_enough():
    shifts = every_day(MON, 7, "08:00", "17:00")  # last ends Sun 9 Aug 17:00
    shifts.append(shift(MON + timedelta(days=8), "17:00", "22:00"))  # Tue 17:00
    assert breaches(RULE, shifts) == []


def test_seven_in_a_row_then_47_hours_59_minutes_rest_is_too_little():
    shifts = every_day(MON, 7, "08:00", "17:00")
    shifts.append(shift(MON + timedelta(days=8), "16:59", "22:00"))
    (breach,) = breaches(RULE, shifts)
    assert breach.limit == 48
    assert "47 h 59 min rest after 7 shifts in a row" in breach.message


def test_rest_after_a_run_across_the_october_change_is_real_time():
    first = OCTOBER_CHANGE - timedelta(days=7)  # Sun 18 Oct .. Sat 24 Oct
    shifts = every_day(first, 7, "08:00", "17:00")
    # Sat 17:00 BST to Mon 16:00 GMT: 47 h on the clock, 48 real hours
    shifts.append(shift(OCTOBER_CHANGE + timedelta(days=1), "16:00", "20:00"))
    assert breaches(RULE, shifts) == []


def test_before_2019_eight_in_a_row_were_allowed():
    assert breaches(RULE, every_day(BEFORE_2019, 8, "08:00", "16:00"), start=BEFORE_2019) == []
    (breach,) = breaches(RULE, every_day(BEFORE_2019, 9, "08:00", "16:00"), start=BEFORE_2019)
    assert breach.limit == 8


def test_runs_are_counted_in_calendar_days_across_the_march_change():
    first = MARCH_CHANGE - timedelta(days=3)
    assert breaches(RULE, every_day(first, 7, "08:00", "16:00"), start=first) == []
    assert len(breaches(RULE, every_day(first, 8, "08:00", "16:00"), start=first)) == 1
