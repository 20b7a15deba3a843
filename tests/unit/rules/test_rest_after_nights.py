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

RULE = "rest-after-nights"
THU = MON + timedelta(days=3)


def test_single_night_needs_46_hours_rest():
    night = shift(MON, "20:00", "08:00")  # ends Tue 08:00
    assert breaches(RULE, [night, shift(THU, "06:00", "14:00")]) == []
    (breach,) = breaches(RULE, [night, shift(THU, "05:59", "14:00")])
    assert breach.message == (
        "Dr Patel has 45 h 59 min rest after a single night from Mon 3 Aug 2026, before the "
        "shift starting Thu 6 Aug 2026 05:59; the minimum is 46 h"
    )


def test_rest_is_counted_after_the_last_night_of_a_run():
    nights = every_day(MON, 4, "20:00", "08:00")  # last ends Fri 08:00
    friday = MON + timedelta(days=4)
    assert breaches(RULE, [*nights, shift(friday + timedelta(days=1), "20:00", "08:00")]) != []
    assert breaches(RULE, [*nights, shift(friday + timedelta(days=2), "06:00", "12:00")]) == []


def test_on_call_after_nights_interrupts_rest():
    assert (
        len(breaches(RULE, [shift(MON, "20:00", "08:00"), on_call(MON + timedelta(days=1))])) == 1
    )


def test_rest_across_the_october_change_is_real_time():
    friday = OCTOBER_CHANGE - timedelta(days=2)
    # Sat 08:00 BST to Mon 05:00 GMT: 45 h on the clock, 46 real hours
    shifts = [
        shift(friday, "20:00", "08:00"),
        shift(OCTOBER_CHANGE + timedelta(days=1), "05:00", "12:00"),
    ]
    assert breaches(RULE, shifts) == []


def test_a_night_without_a_next_shift_is_not_judged():
    assert breaches(RULE, [shift(MON, "20:00", "08:00")]) == []


def test_before_2019_rest_was_owed_only_after_three_nights():
    two = every_day(BEFORE_2019, 2, "20:00", "08:00")
    day_after = shift(BEFORE_2019 + timedelta(days=3), "08:00", "17:00")
    assert breaches(RULE, [*two, day_after], start=BEFORE_2019) == []
    three = every_day(BEFORE_2019, 3, "20:00", "08:00")
    later = shift(BEFORE_2019 + timedelta(days=4), "08:00", "17:00")
    assert len(breaches(RULE, [*three, later], start=BEFORE_2019)) == 1


def test_rest_across_the_march_change_is_an_hour_shorter():
    friday = MARCH_CHANGE - timedelta(days=2)
    monday = MARCH_CHANGE + timedelta(days=1)
    # Sat 08:00 GMT to Mon 07:00 BST: 47 h on the clock, 46 real hours
    assert breaches(RULE, [shift(friday, "20:00", "08:00"), shift(monday, "07:00", "12:00")]) == []
    late = [shift(friday, "20:00", "08:00"), shift(monday, "06:59", "12:00")]
    assert len(breaches(RULE, late)) == 1
