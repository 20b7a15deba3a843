from datetime import timedelta

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, every_day, on_call, shift, wtr_breaches

RULE = "wtr-weekly-rest"


def _fortnight_with_gap(gap_start: str, gap_days: int) -> list:
    """Shifts 08:00-20:00 every day of the fortnight except for a break after the sixth
    day: the next shift starts ``gap_days`` later at ``gap_start``."""
    shifts = every_day(MON, 6, "08:00", "20:00")
    resume = MON + timedelta(days=5 + gap_days)
    shifts.append(shift(resume, gap_start, "21:00"))
    shifts += every_day(resume + timedelta(days=1), 13 - 5 - gap_days, "08:00", "20:00")
    return shifts


def test_48_hours_off_in_a_fortnight_is_enough():
    # Sat 20:00 to Mon 20:00
    assert wtr_breaches(RULE, _fortnight_with_gap("20:00", 2), days=14) == []


def test_47_hours_59_minutes_off_and_nothing_else_is_not():
    (breach,) = wtr_breaches(RULE, _fortnight_with_gap("19:59", 2), days=14)
    assert breach.limit == 48
    assert breach.message == (
        "Dr Patel has no 48 h rest, nor two of 24 h, in the 14 days from Mon 3 Aug 2026 00:00; "
        "the longest rest is 47 h 59 min"
    )


def test_two_rests_of_24_hours_are_enough():
    shifts = [
        *every_day(MON, 3, "08:00", "20:00"),  # Mon-Wed, then 24 h off to Thu 20:00
        shift(MON + timedelta(days=3), "20:00", "23:00"),
        *every_day(MON + timedelta(days=4), 5, "08:00", "20:00"),  # Fri-Tue, 24 h off
        shift(MON + timedelta(days=9), "20:00", "23:00"),
        *every_day(MON + timedelta(days=10), 4, "08:00", "20:00"),
    ]
    assert wtr_breaches(RULE, shifts, days=14) == []
    shifts[3] = shift(MON + timedelta(days=3), "19:59", "23:00")
    assert len(wtr_breaches(RULE, shifts, days=14)) == 1


def test_working_every_day_of_a_fortnight_breaches():
    assert len(wtr_breaches(RULE, every_day(MON, 14, "08:00", "20:00"), days=14)) == 1


def test_a_partial_last_fortnight_is_not_judged():
    assert wtr_breaches(RULE, every_day(MON, 13, "08:00", "20:00"), days=13) == []


def test_on_call_is_rest():
    shifts = [*every_day(MON, 14, "08:00", "17:00")]
    shifts.remove(shifts[6])
    shifts.remove(shifts[6])
    shifts += [on_call(MON + timedelta(days=6), "09:00", "09:00")]
    assert wtr_breaches(RULE, shifts, days=14) == []


def test_rest_across_the_october_change_is_an_hour_longer():
    first = OCTOBER_CHANGE - timedelta(days=6)  # Mon 19 Oct
    shifts = [
        *every_day(first, 5, "08:00", "20:00"),  # to Fri 20:00 BST
        *every_day(OCTOBER_CHANGE, 8, "19:00", "23:00"),  # from Sun 19:00 GMT: 48 real hours
    ]
    assert wtr_breaches(RULE, shifts, start=first, days=14) == []


def test_rest_across_the_march_change_is_an_hour_shorter():
    first = MARCH_CHANGE - timedelta(days=6)  # Mon 23 Mar
    work = every_day(first, 5, "08:00", "20:00")  # to Fri 20:00 GMT
    # Sun 21:00 BST is 48 real hours later; 20:59 is a minute short
    enough = [*work, *every_day(MARCH_CHANGE, 8, "21:00", "23:00")]
    assert wtr_breaches(RULE, enough, start=first, days=14) == []
    short = [*work, *every_day(MARCH_CHANGE, 8, "20:59", "23:00")]
    assert len(wtr_breaches(RULE, short, start=first, days=14)) == 1
