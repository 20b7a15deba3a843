"""The hospital derogation (WTR reg. 21(c)(i)): for doctors in training, WTR daily and
weekly rest and the night-work average are not breaches but what is owed instead; for a
doctor judged by the WTR alone they stay breaches (docs/contract-rules.md)."""

from datetime import timedelta

from rotaplan.engine.rota import RuleSetName

from .build import MON, breaches, check, every_day, owed, shift, terms, wtr_breaches

THIRTEEN_AND_A_MINUTE = [shift(MON, "08:00", "21:01")]


def test_short_daily_rest_is_compensatory_rest_due_for_a_doctor_in_training():
    assert breaches("wtr-daily-rest", THIRTEEN_AND_A_MINUTE) == []
    (due,) = owed("wtr-daily-rest", THIRTEEN_AND_A_MINUTE)
    assert due.message == (
        "Dr Patel has at most 10 h 59 min unbroken rest in the 24 h from Mon 3 Aug 2026 08:00 "
        "(work until Mon 3 Aug 2026 21:01 with shorter breaks); the minimum is 11 h in every "
        "24 h. Not a breach for a doctor in training in a hospital (Working Time Regulations, "
        "reg. 21): 1 min of compensatory rest is due (reg. 24)"
    )


def test_it_stays_a_breach_for_a_doctor_on_the_wtr_alone():
    assert len(wtr_breaches("wtr-daily-rest", THIRTEEN_AND_A_MINUTE)) == 1
    consultant = terms(rule_set=RuleSetName.WTR)
    assert owed("wtr-daily-rest", THIRTEEN_AND_A_MINUTE, doctor=consultant) == []


def test_the_contract_s_own_rest_rules_stay_breaches():
    # 10 h 59 min between two shifts: the TCS 11 h is a breach; the WTR's is owed rest
    shifts = [shift(MON, "08:00", "17:00"), shift(MON + timedelta(days=1), "03:59", "08:00")]
    assert len(breaches("min-rest-between-shifts", shifts)) == 1


def test_a_fortnight_without_weekly_rest_owes_the_rest_missed():
    fortnight = every_day(MON, 14, "08:00", "16:00")
    assert breaches("wtr-weekly-rest", fortnight, days=14) == []
    (due,) = owed("wtr-weekly-rest", fortnight, days=14)
    assert due.message.endswith("32 h of compensatory rest is due (reg. 24)")
    assert len(wtr_breaches("wtr-weekly-rest", fortnight, days=14)) == 1


def test_night_work_over_8_hours_in_24_is_not_a_breach_but_a_health_assessment_is_owed():
    nights = every_day(MON, 4, "20:00", "08:30")
    assert breaches("wtr-night-average", nights, days=7) == []
    (due,) = owed("wtr-night-average", nights, days=7)
    assert due.message.endswith(
        "the contract's limits on nights apply instead, and a night worker is offered a free "
        "health assessment (reg. 7)"
    )
    assert len(wtr_breaches("wtr-night-average", nights, days=7)) == 1


def test_what_is_owed_carries_its_rule_s_reading():
    (due,) = owed("wtr-daily-rest", THIRTEEN_AND_A_MINUTE)
    assert "hospital derogation" in due.help


def _nights_then_days():
    """17 weeks of four nights of 12 h 15 min (49 h a week, 8.2 h in 24 over six days),
    then 17 weeks of four 10-hour days: within every TCS limit (the worst 26 weeks average
    45.9 h), over the WTR night-work average in the first 17 weeks."""
    shifts = []
    for week in range(34):
        monday = MON + timedelta(weeks=week)
        times = ("20:00", "08:15") if week < 17 else ("08:00", "18:00")
        shifts += [shift(monday + timedelta(days=d), *times) for d in range(4)]
    return shifts


def test_a_rota_owing_only_compensatory_rest_or_protection_is_compliant():
    shifts = _nights_then_days()
    report = check(shifts, days=238)
    assert report.compliant
    assert [d.rule for d in report.derogated] == ["wtr-night-average"]
    consultant = check(shifts, days=238, doctor=terms(rule_set=RuleSetName.WTR))
    assert [b.rule for b in consultant.breaches] == ["wtr-night-average"]
