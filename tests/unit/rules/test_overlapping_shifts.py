from datetime import timedelta

from rotaplan.engine.rota import RuleSetName

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, PATEL, breaches, check, on_call, shift, terms

RULE = "overlapping-shifts"


def test_shifts_that_touch_do_not_overlap():
    assert breaches(RULE, [shift(MON, "08:00", "13:00"), shift(MON, "13:00", "17:00")]) == []


def test_one_minute_shared_is_an_overlap():
    (breach,) = breaches(RULE, [shift(MON, "08:00", "13:01"), shift(MON, "13:00", "17:00")])
    assert "two shifts at once" in breach.message
    assert breach.doctor == PATEL.id


def test_on_call_overlapping_a_shift_is_reported():
    assert len(breaches(RULE, [shift(MON, "08:00", "18:00"), on_call(MON, "17:00", "09:00")])) == 1


def test_overlaps_are_checked_under_the_wtr_rule_set_too():
    report = check(
        [shift(MON, "20:00", "08:00"), shift(MON, "22:00", "23:00")],
        doctor=terms(rule_set=RuleSetName.WTR),
    )
    assert [b.rule for b in report.breaches if b.rule == RULE] == [RULE]


def test_a_night_across_the_october_change_overlapping_an_early_start():
    saturday = OCTOBER_CHANGE - timedelta(days=1)
    night = shift(saturday, "20:00", "07:00")
    assert breaches(RULE, [night, shift(OCTOBER_CHANGE, "07:30", "12:00")], start=saturday) == []
    assert (
        len(breaches(RULE, [night, shift(OCTOBER_CHANGE, "06:59", "12:00")], start=saturday)) == 1
    )


def test_a_night_across_the_march_change_ends_on_the_wall_clock_it_names():
    # Sat 28 Mar 20:00 GMT to Sun 29 Mar 08:00 BST is 11 real hours; a day starting at
    # 08:00 BST touches it and one starting 07:59 BST shares a minute with it.
    saturday = MARCH_CHANGE - timedelta(days=1)
    night = shift(saturday, "20:00", "08:00")
    assert breaches(RULE, [night, shift(MARCH_CHANGE, "08:00", "16:00")], start=saturday) == []
    assert len(breaches(RULE, [night, shift(MARCH_CHANGE, "07:59", "16:00")], start=saturday)) == 1
