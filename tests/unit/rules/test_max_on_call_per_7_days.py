from datetime import timedelta

import pytest

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, breaches, on_call

RULE = "max-on-call-per-7-days"


def _on(*days):
    return [on_call(MON + timedelta(days=d)) for d in days]


def test_three_on_calls_in_seven_days_are_allowed():
    assert breaches(RULE, _on(0, 2, 4)) == []


def test_four_in_seven_days_break_the_limit():
    (breach,) = breaches(RULE, _on(0, 2, 4, 6))
    assert breach.value == 4
    assert (
        breach.message
        == "Dr Patel is on call 4 times in the 7 days from Mon 3 Aug 2026; the limit is 3"
    )


def test_the_eighth_day_starts_a_new_seven():
    assert breaches(RULE, _on(0, 2, 4, 7)) == []


def test_a_long_busy_stretch_is_one_breach():
    (breach,) = breaches(RULE, _on(0, 2, 4, 6, 8, 10, 12))
    assert breach.value == 4


def test_overnight_on_call_is_counted_on_the_day_it_starts():
    # on-call from Sun 17:00 runs into the next week but belongs to Sunday
    assert len(breaches(RULE, _on(0, 2, 4, 6))) == 1
    assert breaches(RULE, _on(0, 2, 4, 7)) == []


@pytest.mark.parametrize("change", [OCTOBER_CHANGE, MARCH_CHANGE])
def test_seven_days_are_calendar_days_across_a_clock_change(change):
    first = change - timedelta(days=6)
    four = [on_call(first + timedelta(days=d)) for d in (0, 2, 4, 6)]
    assert len(breaches(RULE, four, start=first)) == 1
    spaced = [on_call(first + timedelta(days=d)) for d in (0, 2, 4, 7)]
    assert breaches(RULE, spaced, start=first) == []
