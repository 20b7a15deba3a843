"""A night shift belongs to the night it works: one starting at or after midnight is the
night that began the evening before (docs/contract-rules.md, "consecutive"). So the runs of
nights, the rest after them and the runs of shifts all see it where the doctor does."""

from datetime import timedelta

import pytest

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, breaches, check, every_day, shift

TUE, WED, SAT = (MON + timedelta(days=d) for d in (1, 2, 5))


def test_a_midnight_start_after_a_23_00_start_is_the_next_night_not_a_night_of_its_own():
    # Mon 23:00 to Tue 07:00, then Wed 00:00 to 08:00 (Tuesday's night), then 46 h off
    monday_night = shift(MON, "23:00", "07:00")
    tuesday_night = shift(WED, "00:00", "08:00")
    after = shift(WED + timedelta(days=1), "08:00", "08:01")  # ~ 24 h later: too soon
    rest_fails = breaches("rest-after-nights", [monday_night, tuesday_night, after])
    (breach,) = rest_fails
    assert "2 nights in a row from Mon 3 Aug 2026" in breach.message
    # a single-night reading would demand 46 h after Monday's night, before Wednesday 00:00
    assert breaches("rest-after-nights", [monday_night, tuesday_night]) == []


def test_a_fifth_night_starting_00_00_saturday_is_the_fifth():
    nights = [*every_day(MON, 4, "23:00", "07:00"), shift(SAT, "00:00", "08:00")]
    (breach,) = breaches("max-consecutive-nights", nights)
    assert breach.value == 5
    assert breach.message == (
        "Dr Patel works 5 nights in a row from Mon 3 Aug 2026; the limit is 4"
    )


def test_four_nights_then_a_night_starting_00_00_sunday_is_a_new_run():
    nights = [
        *every_day(MON, 4, "23:00", "07:00"),
        shift(SAT + timedelta(days=1), "00:00", "08:00"),
    ]
    assert breaches("max-consecutive-nights", nights) == []
    # but the rest after the four is 41 h, not 46
    assert len(breaches("rest-after-nights", nights)) == 1


def test_a_midnight_night_counts_as_the_day_before_in_a_run_of_shifts():
    # Mon to Sat days, then Sunday's night from 00:00 Mon 10 Aug: seven in a row, so 48 h
    # rest is owed after it; a day shift on Tue 11 Aug at 08:00 comes after 24 h
    days = every_day(MON, 6, "08:00", "16:00")
    sunday_night = shift(MON + timedelta(days=7), "00:00", "08:00")
    tuesday = shift(MON + timedelta(days=8), "08:00", "16:00")
    (breach,) = breaches("max-consecutive-shifts", [*days, sunday_night, tuesday])
    assert breach.value == 24
    assert "7 shifts in a row from Mon 3 Aug 2026" in breach.message


def test_a_night_starting_after_midnight_can_be_a_night_worked_at_the_weekend():
    report = check([shift(SAT, "00:00", "08:00")])
    assert report.doctors["patel"].weekends_worked == 1
    assert report.doctors["patel"].night_shifts == 1


@pytest.mark.parametrize("change", [OCTOBER_CHANGE, MARCH_CHANGE])
def test_midnight_nights_run_on_across_a_clock_change(change):
    # Thu and Fri nights from 23:00, then Saturday's night from 00:00 on the Sunday of the
    # clock change, Sunday's from 00:00 Mon and Monday's from 00:00 Tue: five in a row
    first = change - timedelta(days=3)
    nights = [
        *every_day(first, 2, "23:00", "07:00"),
        *every_day(change, 3, "00:00", "07:00"),
    ]
    (breach,) = breaches("max-consecutive-nights", nights, start=first - timedelta(days=3))
    assert breach.value == 5


def test_rest_after_a_run_ending_with_a_midnight_night_is_from_its_end():
    # Monday's night from 23:00, Tuesday's from 00:00 Wed to 08:00 Wed: 46 h from then is
    # 06:00 Friday
    nights = [shift(MON, "23:00", "07:00"), shift(WED, "00:00", "08:00")]
    friday = MON + timedelta(days=4)
    assert breaches("rest-after-nights", [*nights, shift(friday, "06:00", "14:00")]) == []
    (breach,) = breaches("rest-after-nights", [*nights, shift(friday, "05:59", "14:00")])
    assert breach.value == 45.98
