from datetime import timedelta

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, every_day, shift, terms, wtr_breaches

RULE = "wtr-night-average"


def test_night_worker_averaging_8_hours_in_24_is_allowed():
    # a 7-day period less one day of weekly rest: 6 days, so 48 h
    assert wtr_breaches(RULE, every_day(MON, 4, "20:00", "08:00"), days=7) == []


def test_a_minute_more_is_over():
    shifts = [
        *every_day(MON, 3, "20:00", "08:00"),
        shift(MON + timedelta(days=3), "20:00", "08:01"),
    ]
    (breach,) = wtr_breaches(RULE, shifts, days=7)
    assert breach.limit == 8
    assert breach.message.startswith("Dr Patel works nights and averages 8.0 h in 24 h")


def test_a_day_worker_is_not_a_night_worker():
    assert wtr_breaches(RULE, every_day(MON, 5, "08:00", "18:00"), days=7) == []


def test_the_opt_out_does_not_lift_the_night_limit():
    shifts = every_day(MON, 5, "20:00", "08:00")
    assert len(wtr_breaches(RULE, shifts, days=7, doctor=terms(opted_out=True))) == 1


def test_the_october_change_adds_an_hour_to_a_night():
    first = OCTOBER_CHANGE - timedelta(days=6)
    shifts = every_day(first + timedelta(days=2), 4, "20:00", "08:00")
    assert len(wtr_breaches(RULE, shifts, start=first, days=7)) == 1


def test_the_march_change_takes_an_hour_from_a_night():
    first = MARCH_CHANGE - timedelta(days=6)
    shifts = [
        *every_day(first + timedelta(days=2), 4, "20:00", "08:00"),
        shift(MARCH_CHANGE, "14:00", "15:00"),
    ]
    assert wtr_breaches(RULE, shifts, start=first, days=7) == []
