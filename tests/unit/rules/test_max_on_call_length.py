from dataclasses import replace
from datetime import timedelta

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, breaches, on_call

RULE = "max-on-call-length"


def test_24_hour_on_call_is_allowed():
    assert breaches(RULE, [on_call(MON, "09:00", "09:00")]) == []


def test_24_hours_and_a_minute_is_too_long():
    day = on_call(MON, "09:00", "09:00")
    longer = replace(day, end=day.end + timedelta(minutes=1))
    (breach,) = breaches(RULE, [longer])
    assert breach.message == (
        "Dr Patel's on-call period from Mon 3 Aug 2026 09:00 to Tue 4 Aug 2026 09:01 lasts "
        "24 h 1 min; the limit is 24 h"
    )


def test_24_hours_on_the_clock_across_the_october_change_is_25():
    saturday = OCTOBER_CHANGE - timedelta(days=1)
    (breach,) = breaches(RULE, [on_call(saturday, "09:00", "09:00")], start=saturday)
    assert breach.value == 25


def test_across_the_march_change_it_is_23():
    saturday = MARCH_CHANGE - timedelta(days=1)
    assert breaches(RULE, [on_call(saturday, "09:00", "10:00")], start=saturday) == []
