from datetime import timedelta

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, breaches, on_call, shift

RULE = "min-rest-between-shifts"
TUE = MON + timedelta(days=1)


def test_eleven_hours_rest_between_shifts_is_enough():
    assert breaches(RULE, [shift(MON, "10:00", "21:00"), shift(TUE, "08:00", "17:00")]) == []


def test_ten_hours_59_minutes_rest_is_too_little():
    (breach,) = breaches(RULE, [shift(MON, "10:00", "21:00"), shift(TUE, "07:59", "17:00")])
    assert breach.value == 10.98
    assert breach.limit == 11
    assert breach.message == (
        "Dr Patel has 10 h 59 min rest between the shift ending Mon 3 Aug 2026 21:00 and the "
        "next starting Tue 4 Aug 2026 07:59; the minimum is 11 h"
    )


def test_rest_after_a_night_across_midnight_counts_from_the_morning():
    night = shift(MON, "20:00", "08:00")
    assert breaches(RULE, [night, shift(TUE, "19:00", "23:00")]) == []
    assert len(breaches(RULE, [night, shift(TUE, "18:59", "23:00")])) == 1


def test_october_clock_change_gives_an_extra_hour_of_rest():
    saturday = OCTOBER_CHANGE - timedelta(days=1)
    # 23:00 BST to 09:00 GMT is 11 real hours, though the clock moves 10
    assert (
        breaches(RULE, [shift(saturday, "13:00", "23:00"), shift(OCTOBER_CHANGE, "09:00", "17:00")])
        == []
    )
    assert (
        len(
            breaches(
                RULE, [shift(saturday, "13:00", "23:00"), shift(OCTOBER_CHANGE, "08:59", "17:00")]
            )
        )
        == 1
    )


def test_march_clock_change_takes_an_hour_of_rest():
    saturday = MARCH_CHANGE - timedelta(days=1)
    # 21:00 GMT to 08:00 BST looks like 11 h on the clock but is 10 h
    (breach,) = breaches(
        RULE, [shift(saturday, "10:00", "21:00"), shift(MARCH_CHANGE, "08:00", "17:00")]
    )
    assert breach.value == 10


def test_on_call_periods_are_excepted():
    assert (
        breaches(
            RULE,
            [
                shift(MON, "09:00", "17:00"),
                on_call(MON, "17:00", "09:00"),
                shift(TUE, "09:00", "17:00"),
            ],
        )
        == []
    )
