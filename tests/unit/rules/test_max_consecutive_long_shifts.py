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


def test_four_long_nights_then_46_hours_off_is_enough():
    # four 12-hour nights, the last ending Fri 08:00; the next shift Sun 06:00: 46 h
    nights = every_day(MON, 4, "20:00", "08:00")
    after = shift(MON + timedelta(days=6), "06:00", "14:00")
    assert breaches(RULE, [*nights, after]) == []
    assert breaches("rest-after-nights", [*nights, after]) == []


def test_four_long_nights_then_45_hours_59_minutes_is_too_little_under_the_nights_rule():
    nights = every_day(MON, 4, "20:00", "08:00")
    after = shift(MON + timedelta(days=6), "05:59", "14:00")
    (breach,) = breaches(RULE, [*nights, after])
    assert breach.limit == 46
    assert len(breaches("rest-after-nights", [*nights, after])) == 1


def test_long_days_then_long_nights_are_one_run_of_long_shifts():
    # two long days and three long nights: five long shifts in a row
    shifts = [
        *every_day(MON, 2, "08:00", "20:30"),
        *every_day(MON + timedelta(days=3), 3, "20:00", "08:00"),
    ]
    shifts.insert(2, shift(MON + timedelta(days=2), "20:00", "08:00"))
    (breach,) = breaches(RULE, shifts)
    assert breach.value == 6


def test_four_long_days_owe_48_hours_not_46():
    days = every_day(MON, 4, "08:00", "20:00")  # last ends Thu 20:00
    after = shift(MON + timedelta(days=5), "19:00", "22:00")  # Sat 19:00: 47 h
    (breach,) = breaches(RULE, [*days, after])
    assert breach.limit == 48


def test_before_2019_five_long_nights_owe_46_hours():
    nights = [shift(BEFORE_2019 + timedelta(days=d), "20:00", "07:00") for d in range(5)]
    after = shift(BEFORE_2019 + timedelta(days=7), "05:00", "12:00")  # Sat 07:00 + 46 h
    assert breaches(RULE, [*nights, after], start=BEFORE_2019) == []
