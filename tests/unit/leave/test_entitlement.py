"""Annual leave entitlements from the national figures: the first and longer-service
figures, pro rata to WTE and to the share of the year in post, rounded to half days."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rotaplan.engine.leave.entitlement import (
    UnknownContract,
    annual_entitlement,
    contract_figures,
    pro_rata,
    round_days,
    share_of_year,
)

YEAR = (date(2026, 4, 1), date(2027, 3, 31))
WTE = st.decimals(min_value=Decimal("0.10"), max_value=Decimal("1.00"), places=2)
DAYS = st.integers(min_value=0, max_value=40).map(Decimal)


def entitlement(contract: str, wte: str = "1.00", **kwargs):
    return annual_entitlement(
        contract=contract,
        wte=Decimal(wte),
        year_start=YEAR[0],
        year_end=YEAR[1],
        bank_holidays=8,
        **kwargs,
    )


def test_a_doctor_in_training_has_27_days_on_first_appointment_and_32_after_five_years():
    first = entitlement("tcs2016", service_start=date(2024, 8, 7))
    later = entitlement("tcs2016", service_start=date(2021, 4, 1))
    assert (first.annual_days, later.annual_days) == (27, 32)
    assert later.longer_service
    assert not first.longer_service
    assert first.total == 35


def test_five_years_are_counted_to_the_first_day_of_the_leave_year():
    assert not entitlement("tcs2016", service_start=date(2021, 4, 2)).longer_service
    assert entitlement("tcs2016", service_start=date(2021, 4, 1)).longer_service


def test_a_consultant_has_32_days_and_34_after_seven_years_as_a_consultant():
    assert entitlement("consultant2003").annual_days == 32
    assert entitlement("consultant2003", service_start=date(2019, 3, 1)).annual_days == 34


def test_sas_figures_say_whether_they_were_checked():
    assert entitlement("specialist2021").verified
    assert entitlement("specialist2021", service_start=date(2010, 1, 1)).annual_days == 33
    assert not entitlement("specialty_doctor2021").verified
    assert contract_figures("specialty_doctor2021").source


def test_a_doctor_at_60_percent_has_60_percent_rounded_to_half_days():
    found = entitlement("tcs2016", "0.60")
    assert found.annual_days == Decimal("16.0")  # 16.2
    assert found.bank_holiday_days == Decimal("5.0")  # 4.8


def test_halves_round_up():
    assert round_days(Decimal("16.25")) == Decimal("16.5")
    assert round_days(Decimal("16.24")) == Decimal("16.0")
    assert round_days(Decimal("16.75")) == Decimal("17.0")


def test_half_a_year_in_post_is_half_the_entitlement():
    found = entitlement("tcs2016", post_start=date(2026, 10, 1), post_end=date(2027, 8, 3))
    assert found.annual_days == Decimal("13.5")  # 27 x 182/365 = 13.46


def test_an_unknown_contract_is_named():
    with pytest.raises(UnknownContract, match="known: consultant2003"):
        contract_figures("gp2004")


@given(days=DAYS, low=WTE, high=WTE)
def test_pro_rata_never_falls_as_wte_rises(days, low, high):
    low, high = sorted((low, high))
    assert pro_rata(days, low) <= pro_rata(days, high)


@given(days=DAYS, wte=WTE, share=st.fractions(min_value=0, max_value=1))
def test_pro_rata_is_never_negative_nor_above_full_time(days, wte, share):
    share = Decimal(share.numerator) / Decimal(share.denominator)
    found = pro_rata(days, wte, share)
    assert Decimal(0) <= found <= days


@given(days=DAYS, wte=WTE)
def test_pro_rata_is_whole_or_half_days_within_a_quarter_of_the_exact(days, wte):
    found = pro_rata(days, wte)
    assert (found * 2) == (found * 2).to_integral_value()
    assert abs(found - days * wte) <= Decimal("0.25")


@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)),
    length=st.integers(min_value=0, max_value=800),
)
def test_the_share_of_a_year_in_post_is_between_none_and_all(start, length):
    from datetime import timedelta

    share = share_of_year(YEAR[0], YEAR[1], start, start + timedelta(days=length))
    assert Decimal(0) <= share <= Decimal(1)


def test_a_figure_that_had_to_be_rounded_is_not_verified():
    assert entitlement("tcs2016").verified
    assert not entitlement("tcs2016", "0.60").verified
