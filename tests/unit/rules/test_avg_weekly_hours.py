from datetime import timedelta

from .build import (
    MARCH_CHANGE,
    MON,
    OCTOBER_CHANGE,
    breaches,
    check,
    every_day,
    on_call,
    shift,
    terms,
)

RULE = "avg-weekly-hours"


def test_48_hours_a_week_on_average_is_allowed():
    assert breaches(RULE, every_day(MON, 4, "08:00", "20:00"), days=7) == []


def test_48_hours_and_a_minute_is_over():
    shifts = [*every_day(MON, 3, "08:00", "20:00"), shift(MON.replace(day=6), "08:00", "20:01")]
    (breach,) = breaches(RULE, shifts, days=7)
    assert breach.limit == 48
    assert breach.message == (
        "Dr Patel averages 48.0 h a week over the rota from Mon 3 Aug 2026 to Sun 9 Aug 2026; "
        "the limit is 48 h"
    )


def test_opted_out_doctor_may_average_56_hours():
    shifts = every_day(MON, 4, "08:00", "22:00")  # 56 h
    assert breaches(RULE, shifts, days=7, doctor=terms(opted_out=True)) == []
    assert len(breaches(RULE, shifts, days=7)) == 1


def test_ltft_doctors_are_held_to_the_same_maximum():
    shifts = every_day(MON, 4, "08:00", "20:30")
    assert len(breaches(RULE, shifts, days=7, doctor=terms(wte=0.6))) == 1


def test_on_call_periods_are_not_counted_as_hours():
    shifts = [*every_day(MON, 4, "08:00", "20:00"), on_call(MON.replace(day=8), "09:00", "09:00")]
    assert breaches(RULE, shifts, days=7) == []
    assert check(shifts, days=7).doctors["patel"].average_weekly_hours == 48


def test_average_is_over_the_whole_rota():
    heavy_week = every_day(MON, 5, "08:00", "20:00")  # 60 h, then three empty weeks
    assert breaches(RULE, heavy_week, days=28) == []
    assert check(heavy_week, days=28).doctors["patel"].average_weekly_hours == 15


def test_nights_across_the_clock_changes_are_counted_in_real_hours():
    october = OCTOBER_CHANGE - timedelta(days=6)  # Wed-Sat nights, Sat's has 13 h
    assert (
        len(
            breaches(
                RULE,
                every_day(october + timedelta(days=2), 4, "20:00", "08:00"),
                start=october,
                days=7,
            )
        )
        == 1
    )
    march = MARCH_CHANGE - timedelta(days=6)  # Wed-Sat nights, Sat's has 11 h, plus an hour
    shifts = [
        *every_day(march + timedelta(days=2), 4, "20:00", "08:00"),
        shift(MARCH_CHANGE, "14:00", "15:00"),
    ]
    assert breaches(RULE, shifts, start=march, days=7) == []
