"""``involving``: a rota's report keeps the breaches that involve one of its own shifts."""

from __future__ import annotations

from datetime import UTC, datetime

from rotaplan.engine.breaches import Breach, ComplianceReport, DoctorFigures, involving
from rotaplan.engine.rota import Shift

FIGURES = DoctorFigures(48.0, 60.0, 1, 4, 2, 0, 0)


def at(day: int, hour: int = 0) -> datetime:
    return datetime(2026, 8, day, hour, tzinfo=UTC)


def breach(doctor: str, start: datetime, end: datetime, rule: str = "rule") -> Breach:
    return Breach(rule, doctor, start, end, 1.0, 2.0, "message")


def shift(doctor: str, start: datetime, end: datetime) -> Shift:
    return Shift(doctor=doctor, start=start, end=end)


def test_a_breach_over_one_of_the_shifts_is_kept():
    report = ComplianceReport((breach("1", at(3, 20), at(8, 8)),))
    assert involving(report, [shift("1", at(5, 20), at(6, 8))]).breaches == report.breaches


def test_a_breach_away_from_every_shift_is_left_out():
    report = ComplianceReport((breach("1", at(10, 20), at(14, 8)),))
    assert involving(report, [shift("1", at(3, 20), at(4, 8))]).breaches == ()


def test_a_breach_of_another_doctor_at_the_same_time_is_left_out():
    report = ComplianceReport((breach("2", at(3, 20), at(8, 8)),))
    assert involving(report, [shift("1", at(3, 20), at(4, 8))]).breaches == ()


def test_rest_that_begins_as_a_shift_ends_involves_that_shift():
    rest = breach("1", at(4, 8), at(5, 8), "rest-after-nights")
    report = ComplianceReport((rest,))
    assert involving(report, [shift("1", at(3, 20), at(4, 8))]).breaches == (rest,)


def test_rest_that_ends_as_a_shift_starts_involves_that_shift():
    rest = breach("1", at(4, 8), at(5, 8), "rest-after-nights")
    report = ComplianceReport((rest,))
    assert involving(report, [shift("1", at(5, 8), at(5, 20))]).breaches == (rest,)


def test_a_long_shift_that_began_earlier_still_reaches_the_breach():
    late = breach("1", at(3, 12), at(3, 13))
    shifts = [shift("1", at(2, 0), at(4, 0)), shift("1", at(2, 6), at(2, 7))]
    assert involving(ComplianceReport((late,)), shifts).breaches == (late,)


def test_derogated_limits_are_kept_the_same_way_and_figures_whole():
    ours = breach("1", at(4, 8), at(4, 18), "wtr-daily-rest")
    theirs = breach("1", at(20, 8), at(20, 18), "wtr-daily-rest")
    report = ComplianceReport((), {"1": FIGURES}, (ours, theirs))
    kept = involving(report, [shift("1", at(3, 20), at(4, 8))])
    assert kept.derogated == (ours,)
    assert kept.doctors == {"1": FIGURES}
