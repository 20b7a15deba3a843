from datetime import timedelta

from .build import BEFORE_2019, MARCH_CHANGE, MON, OCTOBER_CHANGE, breaches, every_day, shift

RULE = "max-consecutive-long-shifts"


def test_four_long_days_in_a_row_are_allowed():
    assert breaches(RULE, every_day(MON, 4, "08:00", "20:30")) == []


def test_five_long_days_in_a_row_break_the_limit():
    (breach,) = breaches(RULE, every_day(MON, 5, "08:00", "20:30"))
    assert breach.message == (
        "Dr Patel works 5 long shifts in a row from Mon 3 Aug 2026; the limit is 4"
    )


def test_a_shift_of_exactly_ten_hours_is_not_long():
    assert breaches(RULE, every_day(MON, 6, "08:00", "18:00")) == []


def test_long_nights_across_midnight_count():
    assert len(breaches(RULE, every_day(MON, 5, "21:00", "08:00"))) == 1


def test_a_ten_hour_night_across_october_change_is_long():
    first = OCTOBER_CHANGE - timedelta(days=4)  # Wed..Sun, Sat night has 11 real hours
    shifts = [
        *every_day(first, 3, "08:00", "20:00"),
        shift(first + timedelta(days=3), "20:00", "06:00"),
    ]
    shifts.append(shift(first + timedelta(days=4), "19:00", "07:00"))
    assert len(breaches(RULE, shifts)) == 1


def test_four_long_days_then_47_hours_rest_is_too_little():
    shifts = every_day(MON, 4, "08:00", "20:00")  # last ends Thu 20:00
    shifts.append(shift(MON + timedelta(days=5), "19:00", "22:00"))  # Sat 19:00: 47 h
    (breach,) = breaches(RULE, shifts)
    assert breach.value == 47


def test_before_2019_five_long_days_were_allowed():
    assert breaches(RULE, every_day(BEFORE_2019, 5, "08:00", "20:30"), start=BEFORE_2019) == []
    assert len(breaches(RULE, every_day(BEFORE_2019, 6, "08:00", "20:30"), start=BEFORE_2019)) == 1


def test_an_eleven_hour_night_on_the_clock_across_the_march_change_is_not_long():
    first = MARCH_CHANGE - timedelta(days=4)  # Wed..Sun; Sat night has 10 real hours
    shifts = [
        *every_day(first, 3, "08:00", "20:00"),
        shift(first + timedelta(days=3), "20:00", "07:00"),
        shift(first + timedelta(days=4), "19:00", "07:00"),
    ]
    assert breaches(RULE, shifts, start=first) == []
