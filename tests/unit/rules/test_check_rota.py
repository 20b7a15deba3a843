from datetime import timedelta

from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts, RuleSetName
from rotaplan.engine.rules import RULE_SETS, check_rota

from .build import MON, check, every_day, on_call, shift

TCS_IDS = {
    "avg-weekly-hours", "max-72h-in-168h", "max-shift-length", "max-consecutive-shifts",
    "max-consecutive-long-shifts", "max-consecutive-long-evening-shifts",
    "max-consecutive-nights", "rest-after-nights",
    "min-rest-between-shifts", "weekend-frequency", "max-on-call-length",
    "consecutive-on-call", "max-on-call-per-7-days", "day-after-on-call", "on-call-rest",
    "breaks",
}  # fmt: skip
WTR_IDS = {"wtr-avg-48h", "wtr-daily-rest", "wtr-weekly-rest", "wtr-break", "wtr-night-average"}


def test_rule_sets_hold_exactly_the_documented_rule_ids():
    assert set(RULE_SETS[RuleSetName.TCS2016]) == TCS_IDS | WTR_IDS | {"overlapping-shifts"}
    assert set(RULE_SETS[RuleSetName.WTR]) == WTR_IDS | {"overlapping-shifts"}


def test_a_compliant_rota_has_no_breaches():
    shifts = [
        *every_day(MON, 5, "09:00", "17:00"),
        *every_day(MON + timedelta(days=7), 5, "09:00", "17:00"),
    ]
    assert check(shifts).compliant


def test_each_doctor_is_judged_on_their_own_shifts_and_terms():
    doctors = (DoctorTerms("a", "Dr A"), DoctorTerms("b", "Dr B", rule_set=RuleSetName.WTR))
    nights = [
        shift(MON + timedelta(days=k), "20:00", "08:00", doctor=d) for d in "ab" for k in range(5)
    ]
    rota = RotaShifts(Period(MON, MON + timedelta(days=27)), doctors, tuple(nights))
    report = check_rota(rota)
    assert {b.rule for b in report.breaches if b.doctor == "a"} >= {"max-consecutive-nights"}
    assert not [
        b for b in report.breaches if b.doctor == "b" and b.rule == "max-consecutive-nights"
    ]


def test_figures_count_nights_long_shifts_on_call_and_weekends():
    shifts = [
        *every_day(MON, 2, "20:00", "08:00"),
        shift(MON + timedelta(days=4), "08:00", "18:30"),
        on_call(MON + timedelta(days=5), "09:00", "09:00"),
    ]
    figures = check(shifts).doctors["patel"]
    assert figures.night_shifts == 2
    assert figures.long_shifts == 3
    assert figures.on_call_periods == 1
    assert figures.weekends_worked == 1
    assert figures.weekends_in_period == 4
    assert figures.average_weekly_hours == round(34.5 / 4, 2)
    assert figures.max_hours_in_168h == 34.5


def test_breaches_carry_aware_datetimes():
    report = check(every_day(MON, 5, "20:00", "08:00"))
    assert all(b.start.tzinfo and b.end.tzinfo for b in report.breaches)
