"""Rules that need recorded actual work: registered, but silent on a plan."""

import pytest

from rotaplan.engine.rota import RuleSetName
from rotaplan.engine.rules import RULE_SETS, RULES_NOT_CHECKABLE_FROM_PLAN

from .build import MON, check, on_call, shift


@pytest.mark.parametrize("rule", ["on-call-rest", "breaks", "wtr-break"])
def test_rules_on_actual_work_are_listed_and_registered(rule):
    assert rule in RULES_NOT_CHECKABLE_FROM_PLAN
    assert rule in RULE_SETS[RuleSetName.TCS2016]


def test_wtr_break_is_in_the_wtr_rule_set():
    assert "wtr-break" in RULE_SETS[RuleSetName.WTR]
    assert "breaks" not in RULE_SETS[RuleSetName.WTR]


def test_a_long_day_without_break_records_reports_no_break_breach():
    report = check([shift(MON, "08:00", "20:00")])
    assert not [b for b in report.breaches if b.rule in RULES_NOT_CHECKABLE_FROM_PLAN]


def test_a_24_hour_on_call_reports_no_on_call_rest_breach():
    report = check([on_call(MON, "09:00", "09:00")])
    assert not [b for b in report.breaches if b.rule == "on-call-rest"]
