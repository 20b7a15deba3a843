from datetime import timedelta

from .build import MARCH_CHANGE, MON, breaches, check, on_call, shift

RULE = "weekend-frequency"
SAT = MON + timedelta(days=5)


def _saturdays(*weeks):
    return [shift(SAT + timedelta(weeks=w), "09:00", "17:00") for w in weeks]


def test_one_weekend_in_two_is_allowed():
    assert breaches(RULE, _saturdays(0, 2)) == []


def test_three_weekends_in_four_break_the_limit():
    (breach,) = breaches(RULE, _saturdays(0, 1, 2))
    assert breach.value == 0.75
    assert breach.message == (
        "Dr Patel works 3 of the 4 weekends of the rota from Mon 3 Aug 2026 to Sun 30 Aug 2026; "
        "the limit is 1 in 2"
    )


def test_friday_night_into_saturday_works_the_weekend():
    report = check([shift(SAT - timedelta(days=1), "20:00", "08:00")])
    assert report.doctors["patel"].weekends_worked == 1


def test_friday_shift_ending_at_midnight_does_not():
    report = check([shift(SAT - timedelta(days=1), "16:00", "00:00")])
    assert report.doctors["patel"].weekends_worked == 0


def test_sunday_evening_start_at_23_59_does_not():
    report = check([shift(SAT + timedelta(days=1), "23:59", "08:00")])
    assert report.doctors["patel"].weekends_worked == 0


def test_on_call_works_the_weekend():
    shifts = [on_call(SAT + timedelta(weeks=w), "09:00", "09:00") for w in (0, 1, 2)]
    assert len(breaches(RULE, shifts)) == 1


def test_weekend_of_the_october_change_counts_once():
    sunday = MON.replace(month=10, day=25)
    start = sunday - timedelta(days=6)
    report = check([shift(sunday, "00:00", "04:00")], start=start, days=7)
    assert report.doctors["patel"].weekends_worked == 1
    assert report.doctors["patel"].weekends_in_period == 1


def test_a_saturday_night_across_the_march_change_works_one_weekend():
    saturday = MARCH_CHANGE - timedelta(days=1)
    start = saturday - timedelta(days=5)
    report = check([shift(saturday, "20:00", "08:00")], start=start, days=7)
    assert report.doctors["patel"].weekends_worked == 1
