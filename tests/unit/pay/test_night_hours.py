"""Night hours for pay at their edges: [21:00, 07:00), the long evening-start shift paid
in full until 10:00, and since 2019 the whole of a shift ending after 00:00 and by 04:00
(the BMA's and NHS Employers' reading; docs/pay.md, "Night hours"), across clock changes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from fractions import Fraction
from importlib import resources

import pytest

from rotaplan.engine.pay import load_table
from rotaplan.engine.pay.data import parse_table
from rotaplan.engine.pay.hours_summary import (
    elapsed,
    ends_after_midnight_by_4am,
    hours_made_night_by_the_whole_shift_rule,
    is_long_evening,
    night_hours,
    window_and_long_evening_hours,
)

from .builders import shift

RULE = load_table("2026/27").night
MON = date(2026, 8, 3)
# Clocks go back at 02:00 BST on Sun 25 Oct 2026 and forward at 01:00 GMT on Sun 29 Mar 2026.
BEFORE_OCTOBER_CHANGE = date(2026, 10, 24)
BEFORE_MARCH_CHANGE = date(2026, 3, 28)


def nights(start: str, end: str, day: date = MON) -> Fraction:
    return night_hours(shift("D1", day, start, end), RULE)


@pytest.mark.parametrize(
    ("start", "end", "expected", "why"),
    [
        ("07:00", "17:00", 0, "07:00 is the first day hour: the window is [21:00, 07:00)"),
        ("06:00", "14:00", 1, "06:00-07:00 only"),
        ("09:00", "21:00", 0, "ends as the window opens"),
        ("09:00", "22:00", 1, "21:00-22:00"),
        ("20:00", "08:00", 12, "12 h from 20:00: night in full until 10:00"),
        ("22:00", "09:00", 11, "11 h from 22:00: all of it, not just 22:00-07:00 (9 h)"),
        ("23:00", "11:00", 11, "until 10:00 only: 23:00-10:00; 10:00-11:00 is day"),
        ("23:59", "08:59", 9, "23:59 still starts in the evening"),
        ("19:59", "07:59", 10, "starts before 20:00 and ends after 04:00: only 21:00-07:00"),
        ("21:00", "04:30", Fraction(15, 2), "ends after 04:00: the window only, 7.5 h"),
        ("19:30", "04:30", Fraction(15, 2), "ends 04:30: 21:00-04:30, not the whole 9 h"),
    ],
)
def test_night_hours_of_the_2016_definitions(start, end, expected, why):
    assert nights(start, end) == expected, why


@pytest.mark.parametrize(
    ("start", "end", "expected", "why"),
    [
        # 16:00-00:00 ends at 00:00, not after it: only 21:00-00:00 (3 h)
        ("16:00", "00:00", 3, "ends exactly 00:00: not a shift ending after midnight"),
        # 17:00-00:01 is 7 h 1 min, all night (21:00-00:01 alone would be 3 h 1 min)
        ("17:00", "00:01", 7 + Fraction(1, 60), "ends 00:01: the whole shift"),
        ("16:00", "01:00", 9, "the reviewer's shift: 9 night hours, not 4"),
        ("16:00", "02:00", 10, "all 10 h, not 21:00-02:00 (5 h)"),
        ("16:00", "03:00", 11, "all 11 h, not 21:00-03:00 (6 h)"),
        ("19:00", "04:00", 9, "ends exactly 04:00: still the whole shift"),
        # 19:00-04:01 ends after 04:00: only 21:00-04:01 = 7 h 1 min of its 9 h 1 min
        ("19:00", "04:01", 7 + Fraction(1, 60), "ends 04:01: the window only"),
        ("20:00", "03:59", Fraction(479, 60), "7 h 59: too short for 10:00, but ends by 04:00"),
        ("20:30", "04:00", Fraction(15, 2), "7 h 30 from 20:30, ends 04:00: all of it"),
        ("22:00", "02:00", 4, "starts after 21:00: the whole shift is in the window anyway"),
        ("08:00", "00:30", Fraction(33, 2), "a 16 h 30 shift ending 00:30 is night in full"),
    ],
)
def test_the_whole_of_a_shift_ending_after_midnight_and_by_4am_is_night(start, end, expected, why):
    assert nights(start, end) == expected, why


@pytest.mark.parametrize(
    ("start", "end", "applies"),
    [
        ("16:00", "00:00", False),
        ("16:00", "00:01", True),
        ("16:00", "04:00", True),
        ("16:00", "04:01", False),
    ],
)
def test_ending_after_midnight_and_by_4am_at_its_edges(start, end, applies):
    assert ends_after_midnight_by_4am(shift("D1", MON, start, end), RULE) is applies


def test_a_shift_that_is_both_long_evening_start_and_ending_by_4am_counts_each_hour_once():
    both = shift("D1", MON, "20:00", "04:00")  # 8 h from 20:00, ending 04:00
    assert is_long_evening(both, RULE)
    assert ends_after_midnight_by_4am(both, RULE)
    assert night_hours(both, RULE) == 8  # not 8 + 8, nor 8 + 7
    assert hours_made_night_by_the_whole_shift_rule(both, RULE) == 0  # 10:00 rule did it


def test_the_hours_the_whole_shift_rule_adds_are_those_outside_the_window_and_10_00_rule():
    assert hours_made_night_by_the_whole_shift_rule(shift("D1", MON, "16:00", "01:00"), RULE) == 5
    assert hours_made_night_by_the_whole_shift_rule(shift("D1", MON, "22:00", "02:00"), RULE) == 0
    assert hours_made_night_by_the_whole_shift_rule(shift("D1", MON, "16:00", "00:00"), RULE) == 0
    reviewers = shift("D1", MON, "16:00", "01:00")
    assert window_and_long_evening_hours(reviewers, RULE) == 4  # 21:00-01:00


# Clock changes: real elapsed hours, the end read on the London wall clock.


def test_night_across_the_october_clock_change_counts_the_real_thirteen_hours():
    night = shift("D1", BEFORE_OCTOBER_CHANGE, "20:00", "08:00")
    assert elapsed(night.start, night.end) == 13
    assert night_hours(night, RULE) == 13


def test_night_window_across_the_october_clock_change_counts_real_hours():
    # 00:30 BST to 07:30 GMT is 8 real hours; night until 07:00 GMT is 7.5 of them.
    assert nights("00:30", "07:30", date(2026, 10, 25)) == Fraction(15, 2)
    # 23:00 BST to 06:00 GMT reads as 7 hours on the wall but is 8 real hours, all night.
    assert nights("23:00", "06:00", BEFORE_OCTOBER_CHANGE) == 8


@pytest.mark.parametrize(
    ("start", "end", "real_hours", "expected", "why"),
    [
        ("19:00", "02:00", 8, 8, "19:00 BST to 02:00 GMT: all 8 real hours (7 on the wall)"),
        ("17:00", "04:00", 12, 12, "17:00 BST to 04:00 GMT: ends by 04:00, all 12 hours"),
        # 21:00 BST (20:00 UTC) to 04:01 GMT (04:01 UTC) = 8 h 1 min of its 12 h 1 min
        ("17:00", "04:01", 12 + Fraction(1, 60), 8 + Fraction(1, 60), "04:01: window only"),
        ("16:00", "00:00", 8, 3, "ends 00:00 BST, before the change: 21:00-00:00 only"),
        ("20:00", "04:00", 9, 9, "long evening-start and ending 04:00 GMT: 9 real hours"),
    ],
)
def test_whole_shift_rule_across_the_october_clock_change(start, end, real_hours, expected, why):
    s = shift("D1", BEFORE_OCTOBER_CHANGE, start, end)
    assert elapsed(s.start, s.end) == real_hours
    assert night_hours(s, RULE) == expected, why


def test_night_across_the_march_clock_change_counts_the_real_eleven_hours():
    night = shift("D1", BEFORE_MARCH_CHANGE, "20:00", "08:00")
    assert elapsed(night.start, night.end) == 11
    assert night_hours(night, RULE) == 11


@pytest.mark.parametrize(
    ("start", "end", "real_hours", "expected", "why"),
    [
        ("18:00", "03:00", 8, 8, "18:00 GMT to 03:00 BST: all 8 real hours (9 on the wall)"),
        ("19:00", "04:00", 8, 8, "19:00 GMT to 04:00 BST: ends by 04:00, all 8 hours"),
        # 21:00 GMT (21:00 UTC) to 04:01 BST (03:01 UTC) = 6 h 1 min of its 8 h 1 min
        ("19:00", "04:01", 8 + Fraction(1, 60), 6 + Fraction(1, 60), "04:01: window only"),
        ("16:00", "00:00", 8, 3, "ends 00:00 GMT, before the change: 21:00-00:00 only"),
        ("20:00", "04:00", 7, 7, "7 real hours: not long, but ends by 04:00: all of it"),
    ],
)
def test_whole_shift_rule_across_the_march_clock_change(start, end, real_hours, expected, why):
    s = shift("D1", BEFORE_MARCH_CHANGE, start, end)
    assert elapsed(s.start, s.end) == real_hours
    assert night_hours(s, RULE) == expected, why


def test_a_pay_year_without_the_2019_rule_counts_only_the_2016_definitions():
    raw = json.loads(
        resources.files("rotaplan.engine.pay.tables").joinpath("2026-27.json").read_text("utf-8")
    )
    del raw["night_enhancement"]["whole_shift_ending_after_midnight"]
    table = parse_table("2026/27", raw)
    assert table.night.whole_shift is None
    assert table.whole_shift_about is None
    assert night_hours(shift("D1", MON, "16:00", "01:00"), table.night) == 4
    assert not ends_after_midnight_by_4am(shift("D1", MON, "16:00", "01:00"), table.night)


def test_the_whole_shift_rule_is_data_with_its_own_unverified_sources():
    for year in ("2025/26", "2026/27"):
        table = load_table(year)
        assert table.night.whole_shift is not None
        about = table.whole_shift_about
        assert about is not None
        assert about.verified is False  # the TCS Schedule 2 paragraph was not read
        assert "was not read" in about.warning
        documents = " ".join(source.document for source in about.sources)
        assert "Understanding your payslip" in documents
        assert "2018 junior doctor contract refresh" in documents


def test_the_night_rule_is_unchanged_apart_from_the_2019_rule():
    plain = replace(RULE, whole_shift=None)
    assert night_hours(shift("D1", MON, "20:00", "08:00"), plain) == 12
    assert night_hours(shift("D1", MON, "19:00", "04:00"), plain) == 7  # 21:00-04:00
