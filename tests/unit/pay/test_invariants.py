"""Properties that hold for any rota: pay rises with the nodal point; LTFT basic is WTE x
full-time basic; basic plus additional hours pay each average hour at 1/40 of the
full-time basic up to the cap; the total is the sum of the lines; night hours never
exceed a shift's hours; the 2019 whole-shift rule never lowers night hours and, where it
applies, makes the whole shift night."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from rotaplan.engine.clock import local_datetime
from rotaplan.engine.pay import load_table, pay_for
from rotaplan.engine.pay.hours_summary import elapsed, ends_after_midnight_by_4am, night_hours
from rotaplan.engine.rota import DoctorTerms, RotaShifts, Shift, ShiftKind

from .builders import AUGUST, shift

RULE = load_table("2026/27").night
WTES = st.sampled_from([1.0, 0.9, 0.8, 0.75, 0.7, 0.6, 0.5, 0.4])


@st.composite
def one_doctor_rota(draw):
    wte = draw(WTES)
    opted_out = draw(st.booleans())
    shifts = []
    used = set()
    for _ in range(draw(st.integers(0, 24))):
        offset = draw(st.integers(0, 27))
        if offset in used:
            continue
        used.add(offset)
        start = draw(st.integers(0, 23))
        minutes = draw(st.sampled_from([0, 30]))
        length = draw(st.integers(4, 13))
        kind = draw(st.sampled_from([ShiftKind.WORK, ShiftKind.WORK, ShiftKind.ON_CALL]))
        begin = f"{start:02d}:{minutes:02d}"
        end_hour = (start + length) % 24
        end = f"{end_hour:02d}:{minutes:02d}"
        shifts.append(shift("D1", AUGUST.start + timedelta(days=offset), begin, end, kind))
    return RotaShifts(AUGUST, (DoctorTerms("D1", wte=wte, opted_out=opted_out),), tuple(shifts))


@settings(max_examples=60, deadline=None)
@given(one_doctor_rota(), st.sampled_from(["2025/26", "2026/27"]))
def test_pay_is_monotone_in_nodal_point(rota, pay_year):
    totals = [pay_for(rota, "D1", n, pay_year).total for n in range(1, 6)]
    assert totals == sorted(totals)


@settings(max_examples=60, deadline=None)
@given(one_doctor_rota(), st.integers(1, 5))
def test_ltft_basic_is_wte_times_full_time_basic(rota, point):
    statement = pay_for(rota, "D1", point, "2026/27")
    wte = Decimal(str(rota.doctors[0].wte))
    full = load_table("2026/27").nodal_points[point]
    expected = (wte * full).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert statement.line("basic").amount == expected


@settings(max_examples=60, deadline=None)
@given(one_doctor_rota(), st.integers(1, 5))
def test_basic_and_additional_pay_each_average_hour_at_one_fortieth(rota, point):
    doctor = rota.doctors[0]
    statement = pay_for(rota, "D1", point, "2026/27")
    work = sum(
        (elapsed(s.start, s.end) for s in rota.shifts if s.kind is ShiftKind.WORK), Fraction(0)
    )
    average = work / 4
    cap = 56 if doctor.opted_out else 48
    paid_hours = max(min(average, cap), Fraction(Decimal(str(doctor.wte))) * 40)
    full = Fraction(load_table("2026/27").nodal_points[point])
    exact = paid_hours / 40 * full
    together = statement.line("basic").amount + statement.line("additional_hours").amount
    assert abs(Fraction(together) - exact) <= Fraction(1, 100)  # two lines, each within ½p


@settings(max_examples=60, deadline=None)
@given(one_doctor_rota())
def test_total_is_the_sum_of_the_rounded_lines(rota):
    statement = pay_for(rota, "D1", 3, "2026/27")
    assert statement.total == sum(line.amount for line in statement.lines)
    for line in statement.lines:
        assert line.amount == line.amount.quantize(Decimal("0.01"))
        assert line.amount >= 0


@settings(max_examples=200, deadline=None)
@given(one_doctor_rota())
def test_night_hours_are_within_the_shift(rota):
    for s in rota.shifts:
        assert 0 <= night_hours(s, RULE) <= elapsed(s.start, s.end)


# The same rule without the 2019 whole-shift rule: the 2016 definitions alone.
WITHOUT_WHOLE_SHIFT = replace(RULE, whole_shift=None)
DAYS = st.sampled_from(
    [
        date(2026, 8, 3),
        date(2026, 10, 23),
        date(2026, 10, 24),  # clocks go back at 02:00 on Sun 25 Oct 2026
        date(2026, 10, 25),
        date(2026, 3, 27),
        date(2026, 3, 28),  # clocks go forward at 01:00 on Sun 29 Mar 2026
        date(2026, 3, 29),
    ]
)


def any_shift(day: date, at: int, minutes: int) -> Shift:
    start = local_datetime(day, time(at // 60, at % 60))
    return Shift("D1", start, start.astimezone(UTC) + timedelta(minutes=minutes))


@settings(max_examples=500, deadline=None)
@given(DAYS, st.integers(0, 24 * 60 - 1), st.integers(1, 30 * 60))
def test_night_hours_never_exceed_the_shift_across_clock_changes(day, at, minutes):
    s = any_shift(day, at, minutes)
    assert 0 <= night_hours(s, RULE) <= elapsed(s.start, s.end)


@settings(max_examples=500, deadline=None)
@given(DAYS, st.integers(0, 24 * 60 - 1), st.integers(1, 30 * 60))
def test_the_whole_shift_rule_never_lowers_night_hours(day, at, minutes):
    s = any_shift(day, at, minutes)
    assert night_hours(s, RULE) >= night_hours(s, WITHOUT_WHOLE_SHIFT)


@settings(max_examples=500, deadline=None)
@given(DAYS, st.integers(0, 24 * 60 - 1), st.integers(1, 30 * 60))
def test_a_shift_ending_after_midnight_and_by_4am_is_night_in_full_and_no_other_is(
    day, at, minutes
):
    s = any_shift(day, at, minutes)
    if ends_after_midnight_by_4am(s, RULE):
        assert night_hours(s, RULE) == elapsed(s.start, s.end)
    else:
        assert night_hours(s, RULE) == night_hours(s, WITHOUT_WHOLE_SHIFT)
