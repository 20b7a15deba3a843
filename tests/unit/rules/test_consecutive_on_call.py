from datetime import timedelta

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, breaches, on_call

RULE = "consecutive-on-call"
SAT = MON + timedelta(days=5)


def test_saturday_then_sunday_is_allowed():
    assert (
        breaches(
            RULE,
            [on_call(SAT, "09:00", "09:00"), on_call(SAT + timedelta(days=1), "09:00", "09:00")],
        )
        == []
    )


def test_friday_then_saturday_is_not():
    (breach,) = breaches(RULE, [on_call(SAT - timedelta(days=1)), on_call(SAT, "09:00", "09:00")])
    assert breach.message == (
        "Dr Patel is on call on 2 days in a row from Fri 7 Aug 2026; on-call periods may not "
        "fall on consecutive days, except Saturday then Sunday"
    )


def test_sunday_then_monday_is_not():
    sunday = SAT + timedelta(days=1)
    assert (
        len(
            breaches(RULE, [on_call(sunday, "09:00", "09:00"), on_call(sunday + timedelta(days=1))])
        )
        == 1
    )


def test_a_day_between_is_enough():
    assert breaches(RULE, [on_call(MON), on_call(MON + timedelta(days=2))]) == []


def test_overnight_on_call_belongs_to_the_day_it_starts():
    # Mon 17:00 to Tue 09:00, then Wed: not consecutive days
    assert breaches(RULE, [on_call(MON, "17:00", "09:00"), on_call(MON + timedelta(days=2))]) == []


def test_weekend_on_call_across_the_october_change_is_allowed():
    saturday = OCTOBER_CHANGE - timedelta(days=1)
    shifts = [on_call(saturday, "09:00", "09:00"), on_call(OCTOBER_CHANGE, "09:00", "09:00")]
    assert breaches(RULE, shifts, start=saturday) == []


def test_friday_then_saturday_across_the_march_change_is_not_allowed():
    saturday = MARCH_CHANGE - timedelta(days=1)
    shifts = [on_call(saturday - timedelta(days=1)), on_call(saturday, "09:00", "09:00")]
    assert len(breaches(RULE, shifts, start=saturday - timedelta(days=5))) == 1
