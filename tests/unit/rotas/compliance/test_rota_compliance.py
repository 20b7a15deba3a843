"""The compliance presenter on engine data: no database needed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from rotaplan.engine.clock import LONDON
from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts, Shift
from rotaplan.engine.rules import check_rota
from rotaplan.rotas.compliance.presenters import (
    amount,
    days_touched,
    filter_items,
    filtered,
    present_compliance,
    rule_name,
    window_text,
)

AUGUST = Period(date(2026, 8, 3), date(2026, 8, 30))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 8, day, hour, minute, tzinfo=LONDON)


def nights(doctor: str, first: int, count: int) -> list[Shift]:
    return [
        Shift(doctor, at(first + n, 20), at(first + n, 20) + timedelta(hours=12.5))
        for n in range(count)
    ]


def checked(shifts: list[Shift]):
    rota = RotaShifts(
        AUGUST, (DoctorTerms("1", "Dr Ada Patel"), DoctorTerms("2", "Dr Bea Okafor")), tuple(shifts)
    )
    return present_compliance(rota, check_rota(rota))


def test_rules_have_short_plain_names():
    assert rule_name("max-consecutive-nights") == "Consecutive nights"
    assert rule_name("some-new-rule") == "some-new-rule"


def test_amounts_are_in_the_rules_unit():
    assert amount("max-consecutive-nights", 5) == "5 nights"
    assert amount("min-rest-between-shifts", 9.5) == "9.5 hours"
    assert amount("weekend-frequency", 0.6) == "60% of weekends"


def test_a_window_reads_in_london_time():
    assert window_text(at(3, 20), at(8, 8, 30)) == "Mon 3 Aug 2026 20:00 to Sat 8 Aug 2026 08:30"


def test_a_window_ending_at_midnight_does_not_touch_the_next_day():
    assert days_touched(at(3, 8), at(4, 0), AUGUST) == [date(2026, 8, 3)]


def test_days_touched_are_clipped_to_the_rota_period():
    start = datetime(2026, 7, 31, 20, tzinfo=LONDON)
    assert days_touched(start, at(4, 8), AUGUST) == [date(2026, 8, 3), date(2026, 8, 4)]


def test_five_nights_are_counted_by_doctor_and_rule_and_placed_on_their_days():
    compliance = checked(nights("1", 3, 5))
    assert not compliance.compliant
    assert "max-consecutive-nights" in {c.key for c in compliance.by_rule}
    assert [(c.key, c.name) for c in compliance.by_doctor] == [("1", "Dr Ada Patel")]
    assert compliance.summary == f"{len(compliance.breaches)} breaches for 1 doctor"
    nights_days = [
        day for (doctor, day), rules in compliance.days.items() if "Consecutive nights" in rules
    ]
    assert sorted(nights_days) == [date(2026, 8, d) for d in range(3, 9)]
    row = next(r for r in compliance.breaches if r.rule == "max-consecutive-nights")
    assert (row.doctor_id, row.doctor_name, row.measured, row.limit) == (
        1,
        "Dr Ada Patel",
        "5 nights",
        "4 nights",
    )


def test_a_compliant_rota_says_so_and_lists_the_rules_a_plan_cannot_show():
    compliance = checked(nights("1", 3, 2))
    assert compliance.summary == "Compliant"
    assert compliance.days == {}
    assert compliance.not_checked_text.startswith(
        "Not checked, as they need the hours actually worked, not the plan: "
    )
    assert "rest while on call" in compliance.not_checked_text
    assert "on-call-rest" not in compliance.not_checked_text


def test_filters_choose_a_doctor_and_a_rule():
    compliance = checked(nights("1", 3, 5) + nights("2", 17, 5))
    assert {r.doctor_id for r in filtered(compliance, doctor="2")} == {2}
    only = filtered(compliance, doctor="1", rule="max-consecutive-nights")
    assert [(r.doctor_id, r.rule) for r in only] == [(1, "max-consecutive-nights")]
    items = filter_items(compliance.by_doctor, "2", "All doctors")
    assert items[0] == {"value": "", "text": "All doctors", "selected": False}
    assert [i["value"] for i in items if i["selected"]] == ["2"]


def test_what_the_hospital_derogation_owes_is_listed_apart_from_breaches():
    # four nights of 12 h 30 min in the rota's first week: over the WTR night-work average
    # for Dr Patel (a doctor in training: owed, not a breach)... and over 48 h a week too,
    # which stays a breach; the page lists each in its place, with how each rule is read
    shifts = [
        Shift("1", at(3 + n, 20), at(3 + n, 20) + timedelta(hours=12, minutes=30)) for n in range(4)
    ]
    rota = RotaShifts(
        Period(date(2026, 8, 3), date(2026, 8, 9)),
        (DoctorTerms("1", "Dr Ada Patel"),),
        tuple(shifts),
    )
    compliance = present_compliance(rota, check_rota(rota))
    assert [row.rule_name for row in compliance.owed] == ["Night work average (WTR)"]
    assert "a night worker is offered a free health assessment" in compliance.owed[0].message
    assert "Night work average (WTR)" not in {row.rule_name for row in compliance.breaches}
    readings = {r.rule_name: r.help for r in compliance.readings}
    assert "Average weekly hours" in readings
    assert "hospital derogation" in readings["Night work average (WTR)"]
