from datetime import timedelta

from .build import BEFORE_2019, MARCH_CHANGE, MON, OCTOBER_CHANGE, breaches, check, every_day, shift

RULE = "max-consecutive-nights"


def test_four_nights_in_a_row_are_allowed():
    assert breaches(RULE, every_day(MON, 4, "20:00", "08:00")) == []


def test_five_nights_in_a_row_break_the_limit_once():
    (breach,) = breaches(RULE, every_day(MON, 5, "20:00", "08:00"))
    assert breach.message == "Dr Patel works 5 nights in a row from Mon 3 Aug 2026; the limit is 4"
    assert breach.value == 5


def test_three_hours_after_23_00_make_a_night():
    assert check([shift(MON, "20:00", "02:00")]).doctors["patel"].night_shifts == 1
    assert check([shift(MON, "20:00", "01:59")]).doctors["patel"].night_shifts == 0


def test_an_early_start_before_06_00_can_be_a_night():
    assert check([shift(MON, "03:00", "12:00")]).doctors["patel"].night_shifts == 1


def test_midnight_to_three_on_the_march_change_is_only_two_hours():
    report = check([shift(MARCH_CHANGE, "00:00", "03:00")], start=MARCH_CHANGE - timedelta(days=6))
    assert report.doctors["patel"].night_shifts == 0


def test_midnight_to_two_on_the_october_change_is_three_hours():
    report = check(
        [shift(OCTOBER_CHANGE, "00:00", "02:00")], start=OCTOBER_CHANGE - timedelta(days=6)
    )
    assert report.doctors["patel"].night_shifts == 1


def test_five_nights_across_the_october_change():
    first = OCTOBER_CHANGE - timedelta(days=3)
    assert len(breaches(RULE, every_day(first, 5, "20:00", "08:00"), start=first)) == 1


def test_the_limit_was_four_before_2019_too():
    assert len(breaches(RULE, every_day(BEFORE_2019, 5, "20:00", "08:00"), start=BEFORE_2019)) == 1


def test_five_nights_across_the_march_change():
    first = MARCH_CHANGE - timedelta(days=3)
    assert len(breaches(RULE, every_day(first, 5, "20:00", "08:00"), start=first)) == 1
    assert breaches(RULE, every_day(first, 4, "20:00", "08:00"), start=first) == []
