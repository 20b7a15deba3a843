from datetime import timedelta

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, on_call, shift, wtr_breaches

RULE = "wtr-daily-rest"


def test_a_13_hour_shift_leaves_11_hours_rest_in_the_day():
    assert wtr_breaches(RULE, [shift(MON, "08:00", "21:00")]) == []


def test_a_13_hour_1_minute_shift_does_not():
    (breach,) = wtr_breaches(RULE, [shift(MON, "08:00", "21:01")])
    assert breach.value == 10.98
    assert breach.message.startswith("Dr Patel has at most 10 h 59 min unbroken rest in the 24 h")


def test_a_split_day_with_a_short_break_counts_as_one_stretch():
    assert wtr_breaches(RULE, [shift(MON, "08:00", "12:00"), shift(MON, "14:00", "21:00")]) == []
    (breach,) = wtr_breaches(RULE, [shift(MON, "08:00", "12:00"), shift(MON, "14:00", "21:30")])
    assert breach.value == 10.5


def test_a_short_rest_between_two_days_breaches():
    shifts = [shift(MON, "08:00", "21:00"), shift(MON + timedelta(days=1), "07:00", "12:00")]
    assert len(wtr_breaches(RULE, shifts)) == 1


def test_a_night_across_midnight_is_one_stretch():
    assert wtr_breaches(RULE, [shift(MON, "20:00", "09:00")]) == []
    assert len(wtr_breaches(RULE, [shift(MON, "20:00", "09:01")])) == 1


def test_the_october_change_lengthens_a_night():
    saturday = OCTOBER_CHANGE - timedelta(days=1)
    assert len(wtr_breaches(RULE, [shift(saturday, "20:00", "08:30")], start=saturday)) == 1


def test_the_march_change_shortens_a_night():
    saturday = MARCH_CHANGE - timedelta(days=1)
    assert wtr_breaches(RULE, [shift(saturday, "19:00", "09:00")], start=saturday) == []


def test_non_resident_on_call_is_rest():
    assert wtr_breaches(RULE, [shift(MON, "08:00", "17:00"), on_call(MON, "17:00", "08:00")]) == []
