from datetime import timedelta

from rotaplan.engine.rota import RuleSetName

from .build import MARCH_CHANGE, MON, OCTOBER_CHANGE, breaches, check, every_day, shift, terms

RULE = "wtr-avg-48h"


def test_48_hours_a_week_on_average_is_allowed():
    assert breaches(RULE, every_day(MON, 4, "08:00", "20:00"), days=7) == []


def test_48_hours_and_a_minute_is_over():
    shifts = [
        *every_day(MON, 3, "08:00", "20:00"),
        shift(MON + timedelta(days=3), "08:00", "20:01"),
    ]
    assert len(breaches(RULE, shifts, days=7)) == 1


def test_an_opted_out_worker_has_no_48_hour_limit():
    shifts = every_day(MON, 5, "08:00", "20:00")
    assert breaches(RULE, shifts, days=7, doctor=terms(opted_out=True)) == []


def test_tcs_doctor_breaches_both_the_tcs_and_the_wtr_average():
    report = check(every_day(MON, 5, "08:00", "20:00"), days=7)
    rules = {b.rule for b in report.breaches}
    assert {"avg-weekly-hours", RULE} <= rules


def test_wtr_rule_set_has_no_tcs_rules():
    report = check(
        every_day(MON, 5, "08:00", "20:00"), days=7, doctor=terms(rule_set=RuleSetName.WTR)
    )
    assert {b.rule for b in report.breaches} == {RULE}


def test_the_october_change_adds_an_hour():
    first = OCTOBER_CHANGE - timedelta(days=6)  # four 12 h nights ending Sun morning
    shifts = every_day(first + timedelta(days=2), 4, "20:00", "08:00")
    assert len(breaches(RULE, shifts, start=first, days=7)) == 1


def test_the_march_change_takes_an_hour():
    first = MARCH_CHANGE - timedelta(days=6)
    shifts = [
        *every_day(first + timedelta(days=2), 4, "20:00", "08:00"),
        shift(MARCH_CHANGE, "14:00", "15:00"),
    ]
    assert breaches(RULE, shifts, start=first, days=7) == []
