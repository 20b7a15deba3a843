"""Hand-worked pay statements. Every expected figure is worked out in the comments from
the 2026/27 table (nodal point 3: £54,499), not by calling the code."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from rotaplan.engine.pay import UnknownDoctor, UnknownPayYear, load_table, pay_for
from rotaplan.engine.pay.figures import MINUS, TIMES, to_penny
from rotaplan.engine.pay.hours_summary import window_and_long_evening_hours
from rotaplan.engine.pay.night_enhancement import WHOLE_SHIFT_FIGURE
from rotaplan.engine.pay.statement import BadNodalPoint
from rotaplan.engine.rota import DoctorTerms, RotaShifts

from .builders import AUGUST, aug, august_rota, shift

EXTRA_NIGHTS = (10, 11, 24, 25, 27, 28, 29, 30)  # days D1 has no shift on


def money(text: str) -> Decimal:
    return Decimal(text)


def test_full_time_doctor_with_nights_weekends_and_on_call():
    statement = pay_for(august_rota(), "D1", nodal_point=3, pay_year="2026/27")
    amounts = {line.key: line.amount for line in statement.lines}
    # Basic: the nodal point, 40 h a week.
    assert amounts["basic"] == money("54499.00")
    # Additional hours: 177 h / 4 weeks = 44.25 h a week; 4.25 h above 40;
    # 4.25 / 40 x 54,499 = 0.10625 x 54,499 = 5,790.51875 -> £5,790.52.
    assert amounts["additional_hours"] == money("5790.52")
    # Night: 36 h / 4 weeks = 9 h a week; 37 % x 9 / 40 x 54,499 = 0.08325 x 54,499
    # = 4,537.04175 -> £4,537.04.
    assert amounts["night"] == money("4537.04")
    # Weekend: 2 of 4 weekends = 1 in 2 -> 15 %; 0.15 x 54,499 = £8,174.85.
    assert amounts["weekend"] == money("8174.85")
    # On-call: any on-call period -> 8 % x 54,499 = £4,359.92.
    assert amounts["on_call"] == money("4359.92")
    assert amounts["ltft"] == money("0.00")
    # 54,499.00 + 5,790.52 + 4,537.04 + 8,174.85 + 4,359.92 = 77,361.33
    assert statement.total == money("77361.33")


def test_full_time_formulas_carry_the_figures():
    statement = pay_for(august_rota(), "D1", nodal_point=3, pay_year="2026/27")
    # 54,499 / 52.143 / 40 = 26.1297... -> shown as £26.13
    night = statement.line("night")
    assert (
        night.formula
        == f"37 % {TIMES} £26.13 an hour {TIMES} 9 night hours a week {TIMES} 52.143 weeks"
    )
    additional = statement.line("additional_hours")
    assert additional.formula.startswith(
        f"(44.25 {MINUS} 40) = 4.25 h a week {TIMES} £26.13 an hour"
    )
    weekend = statement.line("weekend")
    assert "2 of 4 weekends worked (1 in 2)" in weekend.formula
    assert f"15 % {TIMES} £54,499" in weekend.formula


def test_less_than_full_time_doctor_is_paid_by_the_tcs_not_by_wte_alone():
    statement = pay_for(august_rota(), "D2", nodal_point=3, pay_year="2026/27")
    amounts = {line.key: line.amount for line in statement.lines}
    # Basic pro rata: 0.6 x 54,499 = £32,699.40 (24 contracted hours a week).
    assert amounts["basic"] == money("32699.40")
    # Additional: 105 h / 4 = 26.25 h a week, 2.25 above 24 (40 x 0.6);
    # 2.25 / 40 x 54,499 = 0.05625 x 54,499 = 3,065.56875 -> £3,065.57.
    assert amounts["additional_hours"] == money("3065.57")
    # Night at the FULL-TIME hourly rate: 24 h of nights + the whole 9 h of the shift
    # 16:00-01:00 (it ends after midnight and by 04:00) = 33 h, 33 / 4 = 8.25 a week;
    # 0.37 x 8.25 / 40 = 3.0525 / 40 = 0.0763125; 0.0763125 x 54,499 = 3,814.93 (0.07)
    # + 326.994 (0.006) + 16.3497 (0.0003) + 0.54499 (0.00001) + 0.1362475 (0.0000025)
    # = 4,158.9549375 -> £4,158.95.
    assert amounts["night"] == money("4158.95")
    # Weekend: D2 works 1 weekend; the full-time doctor on the rota (D1) works 2, i.e.
    # 1 in 2 -> 15 %. D2's share of the full-time commitment is 1/2, so
    # 0.5 x 15 % x 54,499 = 0.075 x 54,499 = 4,087.425 -> £4,087.43 (half up).
    # (The common error: own frequency 1 in 4 -> 7.5 % x 0.6 x 54,499 = £2,452.46.)
    assert amounts["weekend"] == money("4087.43")
    # On-call: D2 16 h against D1's 32 h -> share 0.5; 0.5 x 8 % x 54,499 = £2,179.96.
    assert amounts["on_call"] == money("2179.96")
    # LTFT allowance: flat £1,000.
    assert amounts["ltft"] == money("1000.00")
    # 32,699.40 + 3,065.57 = 35,764.97; + 4,158.95 = 39,923.92; + 4,087.43 = 44,011.35;
    # + 2,179.96 = 46,191.31; + 1,000.00 = 47,191.31
    assert statement.total == money("47191.31")


def test_a_shift_ending_after_midnight_is_named_on_the_night_line_and_marked_unverified():
    # D2's 16:00-01:00 shift is night in full: 5 of its hours (16:00-21:00) only by the
    # 2019 rule, whose contract paragraph was not read. D1 has no shift ending 00:00-04:00.
    d2_night = pay_for(august_rota(), "D2", nodal_point=3, pay_year="2026/27").line("night")
    assert any(
        "1 shift(s) end after midnight and by 04:00: the whole of each is paid at the night "
        "rate, which makes 5 hours night that would otherwise be day hours" in note
        for note in d2_night.notes
    )
    figures = [item.figure for item in d2_night.unverified]
    assert WHOLE_SHIFT_FIGURE in figures
    reason = next(i.reason for i in d2_night.unverified if i.figure == WHOLE_SHIFT_FIGURE)
    assert "TCS Schedule 2" in reason
    assert "was not read" in reason
    assert "and 1 ending after midnight and by 04:00" in d2_night.explanation
    assert any("Understanding your payslip" in source for source in d2_night.sources)
    d1_night = pay_for(august_rota(), "D1", nodal_point=3, pay_year="2026/27").line("night")
    assert WHOLE_SHIFT_FIGURE not in [item.figure for item in d1_night.unverified]
    assert not any("midnight" in note for note in d1_night.notes)


def test_a_shift_the_whole_shift_rule_adds_nothing_to_is_not_marked_by_it():
    # 22:00-02:00 lies inside the 21:00-07:00 window: the 2019 rule changes no hour of it.
    rota = RotaShifts(
        AUGUST, (DoctorTerms("D1", grade="ST1"),), (shift("D1", aug(4), "22:00", "02:00"),)
    )
    night = pay_for(rota, "D1", 3, "2026/27").line("night")
    assert WHOLE_SHIFT_FIGURE not in [item.figure for item in night.unverified]
    assert not night.notes


def test_four_shifts_16_to_01_in_four_weeks_differ_by_1858_79_a_year_between_the_readings():
    # The reviewer's figure, at nodal point 1 for 2026/27 (£40,190). Four 16:00-01:00
    # shifts in the four weeks of August 2026:
    # - whole shift (built): 4 x 9 = 36 night hours = 9 a week; 0.37 x 9 / 40 = 0.08325;
    #   0.08325 x 40,190 = 3,345.8175 -> £3,345.82.
    # - "its hours from 21:00" (the domain rules' words): 4 x 4 = 16 = 4 a week;
    #   0.37 x 4 / 40 = 0.037; 0.037 x 40,190 = £1,487.03.
    # The difference: 3,345.82 - 1,487.03 = £1,858.79 a year.
    shifts = tuple(shift("D1", aug(day), "16:00", "01:00") for day in (4, 11, 18, 25))
    rota = RotaShifts(AUGUST, (DoctorTerms("D1", grade="FY1"),), shifts)
    night = pay_for(rota, "D1", 1, "2026/27").line("night")
    assert night.amount == money("3345.82")
    rule = load_table("2026/27").night
    from_21_00 = sum(window_and_long_evening_hours(s, rule) for s in shifts)
    assert from_21_00 == 16
    other_reading = to_penny(Fraction(37, 100) * (from_21_00 / 4) / 40 * 40190)
    assert other_reading == money("1487.03")
    assert night.amount - other_reading == money("1858.79")


def test_ltft_basic_and_additional_hours_together_pay_every_average_hour_at_one_fortieth():
    statement = pay_for(august_rota(), "D2", nodal_point=3, pay_year="2026/27")
    # TCS: 26.25 / 40 x 54,499 = 35,764.96875; the two lines: 32,699.40 + 3,065.57.
    together = statement.line("basic").amount + statement.line("additional_hours").amount
    assert together == money("35764.97")


def test_named_comparator_is_used_for_ltft_weekend_share():
    statement = pay_for(august_rota(), "D2", nodal_point=3, pay_year="2026/27", comparator="D1")
    assert statement.line("weekend").amount == money("4087.43")
    assert "named full-time comparator D1" in statement.line("weekend").explanation


def test_ltft_without_full_time_comparator_assumes_a_pro_rata_share_and_says_so():
    rota = august_rota()
    alone = RotaShifts(
        AUGUST, (rota.doctors[1],), tuple(s for s in rota.shifts if s.doctor == "D2")
    )
    statement = pay_for(alone, "D2", nodal_point=3, pay_year="2026/27")
    weekend = statement.line("weekend")
    # 1 weekend at WTE 0.6 -> a full-time rota of 1/0.6 = 1.67 weekends of 4: 1 in 2.4
    # -> 10 %; 0.6 x 10 % x 54,499 = £3,269.94.
    assert weekend.amount == money("3269.94")
    assert not weekend.verified
    assert any("no full-time comparator" in reason for reason in weekend.unverified_because)
    on_call = statement.line("on_call")
    # 0.6 x 8 % x 54,499 = 0.048 x 54,499 = £2,615.95 (2,615.952)
    assert on_call.amount == money("2615.95")
    assert not on_call.verified


def test_hours_above_the_48_hour_limit_are_not_paid_and_the_line_says_why():
    rota = august_rota()
    # 8 more 12-hour night shifts for D1: 177 + 96 = 273 h = 68.25 h a week.
    extra = tuple(shift("D1", aug(d), "20:00", "08:00") for d in EXTRA_NIGHTS)
    heavy = replace(rota, shifts=rota.shifts + extra)
    statement = pay_for(heavy, "D1", nodal_point=3, pay_year="2026/27")
    additional = statement.line("additional_hours")
    # Capped at 48: 8 / 40 x 54,499 = £10,899.80.
    assert additional.amount == money("10899.80")
    assert any("above the 48 h limit" in note for note in additional.notes)


def test_opted_out_doctor_is_paid_additional_hours_up_to_56():
    rota = august_rota(opted_out=True)
    extra = tuple(shift("D1", aug(d), "20:00", "08:00") for d in EXTRA_NIGHTS)
    statement = pay_for(replace(rota, shifts=rota.shifts + extra), "D1", 3, "2026/27")
    # 273 h / 4 = 68.25 h a week, capped at 56: 16 / 40 x 54,499 = £21,799.60.
    assert statement.line("additional_hours").amount == money("21799.60")


def test_unknown_doctor_pay_year_and_nodal_point_are_refused_clearly():
    rota = august_rota()
    with pytest.raises(UnknownDoctor, match=r"D9.*D1, D2"):
        pay_for(rota, "D9", 3, "2026/27")
    with pytest.raises(UnknownPayYear, match="2025/26, 2026/27"):
        pay_for(rota, "D1", 3, "2024/25")
    with pytest.raises(BadNodalPoint, match="1 to 5"):
        pay_for(rota, "D1", 6, "2026/27")


def test_statement_as_json_keeps_money_as_text_and_pence():
    data = pay_for(august_rota(), "D1", 3, "2026/27").as_dict()
    assert data["total"] == "77361.33"
    assert data["total_pence"] == 7736133
    assert data["lines"][0]["amount"] == "54499.00"
    assert data["verified"] is False
