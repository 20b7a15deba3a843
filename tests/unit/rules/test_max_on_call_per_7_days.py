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


def test_a_period_that_ended_before_the_seven_days_is_not_in_them():
    # Mon, Wed, Fri, then the Monday after: the first Monday's period (17:00 to 09:00) is
    # over by 09:00 Tuesday, so the 7 days from Wednesday hold three
    day_on_call = [on_call(MON + timedelta(days=d), "09:00", "17:00") for d in (0, 2, 4, 7)]
    assert breaches(RULE, day_on_call) == []


def test_a_period_from_the_evening_before_counts_in_the_seven_days_it_ends_in():
    # Mon 17:00 to Tue 09:00, then Wed, Fri and Mon: the 7 days from Tue 4 Aug hold the
    # end of the first period and three more
    (breach,) = breaches(RULE, _on(0, 2, 4, 7))
    assert breach.value == 4
    assert breach.message == (
        "Dr Patel is on call 4 times in the 7 days from Tue 4 Aug 2026; the limit is 3"
    )
    assert breach.start == _on(0)[0].start  # the period that began the evening before
    assert breach.end == _on(7)[0].end


def test_the_ninth_day_starts_a_new_seven():
    assert breaches(RULE, _on(0, 2, 4, 8)) == []


def test_a_period_ending_as_the_seven_days_open_is_not_in_them():
    # Sun 17:00 to Mon 00:00 touches the 7 days from Monday without falling in them; a
    # minute later it falls in them
    sunday = MON - timedelta(days=1)
    then = _on(1, 3, 6)
    ending_at_midnight = [on_call(sunday, "17:00", "00:00"), *then]
    assert breaches(RULE, ending_at_midnight, start=sunday - timedelta(days=6), days=35) == []
    a_minute_later = [on_call(sunday, "17:00", "00:01"), *then]
    assert len(breaches(RULE, a_minute_later, start=sunday - timedelta(days=6), days=35)) == 1


@pytest.mark.parametrize("change", [OCTOBER_CHANGE, MARCH_CHANGE])
def test_seven_days_are_calendar_days_across_a_clock_change(change):
    first = change - timedelta(days=6)
    four = [on_call(first + timedelta(days=d)) for d in (0, 2, 4, 6)]
    assert len(breaches(RULE, four, start=first)) == 1
    spaced = [on_call(first + timedelta(days=d)) for d in (0, 2, 4, 8)]
    assert breaches(RULE, spaced, start=first) == []
