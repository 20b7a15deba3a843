"""The 2016 limit on long late-evening shifts: at most 4 in a row of shifts over 10 hours
that finish after 23:00 and are not nights, then 48 hours' rest. From the 2019
amendments every long shift is limited to 4 in a row, so the limit is not applied."""

from datetime import timedelta

from .build import BEFORE_2019, MON, OCTOBER_CHANGE, breaches, check, every_day, shift

RULE = "max-consecutive-long-evening-shifts"
START = {"start": BEFORE_2019}


def _evenings(count, start="13:00", end="23:30", first=BEFORE_2019):
    return every_day(first, count, start, end)


def test_four_long_evenings_in_a_row_are_allowed():
    assert breaches(RULE, _evenings(4), **START) == []


def test_five_break_the_limit():
    (breach,) = breaches(RULE, _evenings(5), **START)
    assert breach.value == 5
    assert breach.message == (
        "Dr Patel works 5 long late-evening shifts in a row from Mon 6 Aug 2018; the limit is 4"
    )


def test_finishing_at_23_00_exactly_is_not_late():
    assert breaches(RULE, _evenings(5, "12:00", "23:00"), **START) == []


def test_finishing_at_23_01_is():
    assert len(breaches(RULE, _evenings(5, "12:30", "23:01"), **START)) == 1


def test_a_shift_of_10_hours_exactly_is_not_long():
    assert breaches(RULE, _evenings(5, "14:00", "00:00"), **START) == []


def test_finishing_after_midnight_still_counts_until_it_becomes_a_night():
    # 15:00 to 01:59 has 2 h 59 min between 23:00 and 06:00: a long evening, not a night
    assert len(breaches(RULE, _evenings(5, "15:00", "01:59"), **START)) == 1
    # 15:30 to 02:00 has 3 h: a night, judged by the nights rules instead
    assert breaches(RULE, _evenings(5, "15:30", "02:00"), **START) == []


def test_four_then_47_hours_rest_is_too_little():
    four = _evenings(4)  # last ends Thu 23:30
    after = shift(BEFORE_2019 + timedelta(days=5), "22:30", "23:00")  # Sat 22:30: 47 h
    (breach,) = breaches(RULE, [*four, after], **START)
    assert breach.value == 47
    assert breach.limit == 48
    assert (
        breaches(RULE, [*four, shift(BEFORE_2019 + timedelta(days=5), "23:30", "23:45")], **START)
        == []
    )


def test_from_2019_the_long_shift_limit_covers_them():
    report = check(_evenings(5, first=MON))
    assert [b for b in report.breaches if b.rule == RULE] == []
    assert [b.rule for b in report.breaches if b.rule.startswith("max-consecutive-long")] == [
        "max-consecutive-long-shifts"
    ]


def test_across_the_october_change_a_late_evening_is_real_time():
    # 13:00 to 23:00 on the Sunday the clocks go back is 11 real hours: long, and it
    # finishes at 23:00, not after, so it is not late
    first = OCTOBER_CHANGE.replace(year=2018, day=28) - timedelta(days=4)  # Wed 24 Oct 2018
    shifts = _evenings(5, "12:30", "23:00", first=first)
    assert breaches(RULE, shifts, start=first) == []
