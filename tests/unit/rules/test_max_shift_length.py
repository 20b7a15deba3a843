from datetime import timedelta

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, breaches, on_call, shift

RULE = "max-shift-length"


def test_thirteen_hour_shift_is_allowed():
    assert breaches(RULE, [shift(MON, "08:00", "21:00")]) == []


def test_thirteen_hours_and_one_minute_is_too_long():
    (breach,) = breaches(RULE, [shift(MON, "08:00", "21:01")])
    assert breach.limit == 13
    assert breach.message == (
        "Dr Patel's shift from Mon 3 Aug 2026 08:00 to Mon 3 Aug 2026 21:01 lasts 13 h 1 min; "
        "the limit is 13 h"
    )


def test_night_across_midnight_is_measured_to_the_morning():
    assert breaches(RULE, [shift(MON, "20:00", "09:00")]) == []
    assert len(breaches(RULE, [shift(MON, "20:00", "09:01")])) == 1


def test_night_across_october_change_is_an_hour_longer():
    saturday = OCTOBER_CHANGE - timedelta(days=1)
    (breach,) = breaches(RULE, [shift(saturday, "20:00", "08:30")])  # 12.5 h on the clock
    assert breach.value == 13.5


def test_night_across_march_change_is_an_hour_shorter():
    saturday = MARCH_CHANGE - timedelta(days=1)
    assert breaches(RULE, [shift(saturday, "19:00", "09:00")]) == []  # 14 h on the clock


def test_on_call_is_not_a_shift_for_this_rule():
    assert breaches(RULE, [on_call(MON, "09:00", "09:00")]) == []
