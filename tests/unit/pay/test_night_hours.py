"""Night hours for pay at their edges: [21:00, 07:00), the long evening-start shift paid
in full until 10:00, the twilight shift ending after 00:00 and by 04:00 (its hours from
21:00, as our written domain rules word the 2019 clause), clock changes."""

from __future__ import annotations

from datetime import date, time
from fractions import Fraction

import pytest

from rotaplan.engine.clock import local_datetime
from rotaplan.engine.pay import load_table
from rotaplan.engine.pay.hours_summary import (
    elapsed,
    is_long_evening,
    is_twilight,
    night_hours,
    twilight_hours,
)

from .builders import shift

RULE = load_table("2026/27").night
MON = date(2026, 8, 3)


def nights(start: str, end: str, day: date = MON) -> Fraction:
    return night_hours(shift("D1", day, start, end), RULE)


@pytest.mark.parametrize(
    ("start", "end", "expected", "why"),
    [
        ("07:00", "17:00", 0, "07:00 is the first day hour: the window is [21:00, 07:00)"),
        ("06:00", "14:00", 1, "06:00-07:00 only"),
        ("09:00", "21:00", 0, "ends as the window opens"),
        ("09:00", "22:00", 1, "21:00-22:00"),
        ("16:00", "00:00", 3, "ends at 00:00, not after it: no twilight rule; 21:00-24:00"),
        ("20:00", "08:00", 12, "12 h from 20:00: night in full until 10:00"),
        ("22:00", "09:00", 11, "11 h from 22:00: all of it, not just 22:00-07:00 (9 h)"),
        ("23:00", "11:00", 11, "until 10:00 only: 23:00-10:00; 10:00-11:00 is day"),
        ("23:59", "08:59", 9, "23:59 still starts in the evening"),
        ("19:59", "07:59", 10, "starts before 20:00: only 21:00-07:00"),
        (
            "20:00",
            "03:59",
            Fraction(419, 60),
            # 21:00-03:59 = 3 h + 3 h 59 = 6 h 59 = 419/60; 20:00-21:00 is day
            "7 h 59: too short for the 10:00 rule; twilight, so its hours from 21:00",
        ),
        ("21:00", "04:30", Fraction(15, 2), "ends after 04:00 and lasts 7.5 h: window only"),
        ("19:30", "04:30", Fraction(15, 2), "9 h from 19:30, ends 04:30: 21:00-04:30"),
        # 21:00-00:00 = 3 h, 00:00-03:00 = 3 h: 6 h; 16:00-21:00 (5 h) is day
        ("16:00", "03:00", 6, "ends 03:00: twilight, its hours from 21:00, not all 11 h"),
        # 21:00-00:01 = 3 h 1 min = 3 + 1/60 (not 7 h 1 min, the whole shift)
        ("17:00", "00:01", 3 + Fraction(1, 60), "ends one minute after midnight: twilight"),
        # 21:00-04:00 = 3 h + 4 h = 7 h (not 9 h, the whole shift)
        ("19:00", "04:00", 7, "ends exactly 04:00: twilight includes 04:00"),
        ("19:00", "04:01", 7 + Fraction(1, 60), "ends 04:01: not twilight; 21:00-04:01"),
        # 22:00-00:00 = 2 h, 00:00-02:00 = 2 h: 4 h, the whole shift
        ("22:00", "02:00", 4, "starts after 21:00: twilight from its start, 22:00-02:00"),
        # 20:30-21:00 is day; 21:00-04:00 = 7 h (the shift is 7 h 30: no 10:00 rule)
        ("20:30", "04:00", 7, "7 h 30 from 20:30: twilight from 21:00 only"),
        # 8 h from 20:00: night in full until 10:00, so 20:00-04:00 = 8 h; the twilight
        # hours 21:00-04:00 (7 h) lie inside it and are not counted twice: 8, not 15
        ("20:00", "04:00", 8, "both the 10:00 rule and twilight: merged"),
    ],
)
def test_night_hours_at_the_edges(start, end, expected, why):
    assert nights(start, end) == expected, why


def test_the_2019_twilight_rule_counts_the_hours_from_21_00_not_the_whole_shift():
    # rota-rules.md: a shift that ends between 00:00 and 04:00 "counts its hours from 21:00
    # as night". 16:00-02:00: 21:00-00:00 = 3 h + 00:00-02:00 = 2 h = 5 night hours, not
    # the whole 10 h (the TCS/BMA reading, reported second-hand and unverified).
    assert nights("16:00", "02:00") == 5


def test_the_twilight_hours_run_from_21_00_of_the_evening_before_the_end_or_the_start():
    tuesday = date(2026, 8, 4)
    from_nine = twilight_hours(shift("D1", MON, "16:00", "02:00"), RULE)
    assert from_nine == (local_datetime(MON, time(21, 0)), local_datetime(tuesday, time(2, 0)))
    late = shift("D1", MON, "22:00", "02:00")
    assert twilight_hours(late, RULE) == (late.start, late.end)
    assert twilight_hours(shift("D1", MON, "16:00", "00:00"), RULE) is None  # ends 00:00
    assert twilight_hours(shift("D1", MON, "19:00", "04:01"), RULE) is None  # ends 04:01


def test_kinds_of_night_shift_are_named():
    assert is_long_evening(shift("D1", MON, "20:00", "08:00"), RULE)
    assert not is_long_evening(shift("D1", MON, "20:00", "03:00"), RULE)  # 7 h
    assert is_twilight(shift("D1", MON, "20:00", "03:00"), RULE)
    assert not is_twilight(shift("D1", MON, "20:00", "08:00"), RULE)


def test_night_across_the_october_clock_change_counts_the_real_thirteen_hours():
    saturday = date(2026, 10, 24)  # clocks go back at 02:00 on Sun 25 Oct 2026
    night = shift("D1", saturday, "20:00", "08:00")
    assert elapsed(night.start, night.end) == 13
    assert night_hours(night, RULE) == 13


def test_night_window_across_the_october_clock_change_counts_real_hours():
    # 00:30 BST to 07:30 GMT is 8 real hours; night until 07:00 GMT is 7.5 of them.
    assert nights("00:30", "07:30", date(2026, 10, 25)) == Fraction(15, 2)
    # 23:00 BST to 06:00 GMT reads as 7 hours on the wall but is 8 real hours, all night.
    assert nights("23:00", "06:00", date(2026, 10, 24)) == 8


def test_twilight_hours_across_the_october_clock_change_are_real_hours():
    # 19:00 BST (18:00 UTC) to 02:00 GMT (02:00 UTC) is 8 real hours; it ends by 04:00, so
    # its hours from 21:00 BST (20:00 UTC) count: 20:00-02:00 UTC = 6 real hours (5 on the
    # wall clock). 19:00-21:00 BST is day.
    assert nights("19:00", "02:00", date(2026, 10, 24)) == 6


def test_night_across_the_march_clock_change_counts_the_real_eleven_hours():
    saturday = date(2026, 3, 28)  # clocks go forward at 01:00 on Sun 29 Mar 2026
    night = shift("D1", saturday, "20:00", "08:00")
    assert elapsed(night.start, night.end) == 11
    assert night_hours(night, RULE) == 11
