"""Weekend frequency: what counts as a weekend worked, and the allowance bands at their
edges (each band includes its upper edge: exactly 1 in 3 is in "up to 1 in 3")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from rotaplan.engine.pay import load_table
from rotaplan.engine.pay.hours_summary import summarise
from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts
from rotaplan.engine.rules import check_rota
from rotaplan.engine.weekends import saturdays_in, shift_weekends

from .builders import AUGUST, on_call, shift

TABLE = load_table("2026/27")
FRI, SAT, SUN = date(2026, 8, 7), date(2026, 8, 8), date(2026, 8, 9)


@pytest.mark.parametrize(
    ("one_in", "rate"),
    [
        (Fraction(1), "0.15"),  # every weekend: "1 in 2 or more frequent"
        (Fraction(2), "0.15"),
        (Fraction(201, 100), "0.10"),  # just less frequent than 1 in 2
        (Fraction(3), "0.10"),
        (Fraction(7, 2), "0.075"),  # 1 in 3.5
        (Fraction(4), "0.075"),
        (Fraction(5), "0.06"),
        (Fraction(6), "0.05"),
        (Fraction(7), "0.04"),
        (Fraction(8), "0.03"),  # "1 in 8": the allowance starts here
        (Fraction(801, 100), "0"),  # less frequent than 1 in 8
        (Fraction(26), "0"),
        (None, "0"),  # no weekend worked
    ],
)
def test_weekend_bands_at_their_edges(one_in, rate):
    assert TABLE.weekend_band(one_in).rate == Decimal(rate)


def test_weekend_table_is_marked_unverified():
    assert TABLE.weekend_about.verified is False
    assert "NOT VERIFIED" in TABLE.weekend_about.note


@pytest.mark.parametrize(
    ("made", "worked"),
    [
        (lambda: shift("D1", FRI, "20:00", "08:00"), True),  # Friday night into Saturday
        (lambda: shift("D1", FRI, "16:00", "00:00"), False),  # ends at 00:00 Saturday
        (lambda: shift("D1", FRI, "16:00", "00:01"), False),  # ends as the weekend opens
        (lambda: shift("D1", FRI, "16:00", "00:02"), True),  # one minute of Saturday
        (lambda: shift("D1", SUN, "20:00", "08:00"), True),  # Sunday night
        (lambda: shift("D1", SUN, "23:59", "08:00"), False),  # starts as the weekend closes
        (lambda: on_call("D1", SAT, "09:00", "09:00"), True),  # on-call counts too
        (lambda: shift("D1", date(2026, 8, 10), "08:00", "17:00"), False),  # Monday
    ],
)
def test_what_counts_as_a_weekend_worked(made, worked):
    assert (SAT.toordinal() in shift_weekends(made())) is worked


def test_weekends_of_a_period_are_named_by_their_saturday():
    assert saturdays_in(AUGUST) == [date(2026, 8, d).toordinal() for d in (8, 15, 22, 29)]
    # A weekend belongs to the period that holds its Saturday: a period opening on a
    # Sunday does not hold the weekend that Sunday ends.
    assert saturdays_in(Period(date(2026, 8, 9), date(2026, 8, 14))) == []


def test_rules_and_pay_count_the_same_weekends():
    """Sun 2 Aug to Sat 29 Aug 2026 is four weeks, so four weekends (8, 15, 22 and 29
    August), for the rules and for pay alike; work on Sun 2 Aug belongs to the weekend of
    Sat 1 Aug, which is the rota before's."""
    period = Period(date(2026, 8, 2), date(2026, 8, 29))
    shifts = (
        shift("D1", date(2026, 8, 2), "08:00", "17:00"),
        shift("D1", date(2026, 8, 8), "08:00", "17:00"),
        shift("D1", date(2026, 8, 29), "08:00", "17:00"),
    )
    rota = RotaShifts(period, (DoctorTerms("D1"),), shifts)
    figures = check_rota(rota).doctors["D1"]
    summary = summarise(shifts, period, TABLE.night)
    assert (figures.weekends_worked, figures.weekends_in_period) == (2, 4)
    assert (summary.weekends_worked, summary.weekends_in_period) == (2, 4)
