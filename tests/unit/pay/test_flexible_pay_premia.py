"""Flexible pay premia: data with their sources, every amount unverified; a line on top of
basic pay when one is named, pro rata to WTE for a doctor less than full time; a note, not a
refusal, when the doctor's grade is not one the premium lists."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotaplan.engine.pay import UnknownPremium, load_table, pay_for
from rotaplan.engine.pay.data import BadPayTable, parse_table
from rotaplan.engine.pay.figures import TIMES
from rotaplan.engine.pay.text import NOT_YET_CHECKED, format_statement
from rotaplan.engine.rota import DoctorTerms

from .builders import august_rota

AMOUNTS_2025_26 = {
    "general-practice": "11118",
    "psychiatry-core": "4520",
    "psychiatry-higher-3-years": "4520",
    "psychiatry-higher-4-years": "3390",
    "histopathology": "5424",
    "academia": "5424",
    "emergency-medicine-3-years": "9040",
    "emergency-medicine-4-years": "6780",
    "emergency-medicine-5-years": "5424",
    "emergency-medicine-6-years": "4520",
    "emergency-medicine-7-years": "3875",
    "emergency-medicine-8-years": "3390",
    "oral-maxillofacial-surgery-3-years": "9040",
    "oral-maxillofacial-surgery-4-years": "6780",
    "oral-maxillofacial-surgery-5-years": "5424",
    "oral-maxillofacial-surgery-6-years": "4520",
    "oral-maxillofacial-surgery-7-years": "3875",
    "oral-maxillofacial-surgery-8-years": "3390",
}
# 2025/26 x 1.035, rounded half up to the pound: 11,118 -> 11,507.13 -> 11,507;
# 4,520 -> 4,678.2 -> 4,678; 3,390 -> 3,508.65 -> 3,509; 5,424 -> 5,613.84 -> 5,614;
# 9,040 -> 9,356.4 -> 9,356; 6,780 -> 7,017.3 -> 7,017; 3,875 -> 4,010.625 -> 4,011.
UPLIFTED = {
    "11118": "11507",
    "4520": "4678",
    "3390": "3509",
    "5424": "5614",
    "9040": "9356",
    "6780": "7017",
    "3875": "4011",
}
AMOUNTS_2026_27 = {key: UPLIFTED[amount] for key, amount in AMOUNTS_2025_26.items()}


def raw_table(pay_year: str) -> dict:
    name = pay_year.replace("/", "-") + ".json"
    folder = resources.files("rotaplan.engine.pay.tables")
    return json.loads(folder.joinpath(name).read_text("utf-8"))


# The tables


@pytest.mark.parametrize(
    ("pay_year", "amounts"), [("2025/26", AMOUNTS_2025_26), ("2026/27", AMOUNTS_2026_27)]
)
def test_each_pay_year_lists_the_premia_with_their_annual_amounts(pay_year, amounts):
    premia = load_table(pay_year).premia
    assert {key: str(p.annual) for key, p in premia.items()} == amounts


def test_2026_27_is_2025_26_uplifted_by_3_5_percent_to_the_pound():
    for key, amount in AMOUNTS_2025_26.items():
        uplifted = (Decimal(amount) * Decimal("1.035")).quantize(Decimal(1), ROUND_HALF_UP)
        assert load_table("2026/27").premia[key].annual == uplifted, key


@pytest.mark.parametrize("pay_year", ["2025/26", "2026/27"])
def test_the_premia_item_is_sourced_dated_and_unverified(pay_year):
    raw = raw_table(pay_year)["flexible_pay_premia"]
    for part in ("sources", "effective_from", "note", "warning"):
        assert raw[part], part
    assert raw["verified"] is False
    documents = " ".join(source["document"] for source in raw["sources"])
    assert "Flexible pay premia, background information" in documents
    for entry in raw["premia"]:
        assert isinstance(entry["annual"], str), entry["key"]  # money is never a float
        assert entry["label"], entry["key"]
        assert entry["grades"], entry["key"]
    about = load_table(pay_year).premia_about
    assert about.verified is False


def test_the_general_practice_premium_is_reportedly_renamed_in_2026_27():
    about = load_table("2026/27").premia["general-practice"].about
    assert "General Practice Registrar Enhancement" in about
    assert "reportedly" in about


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda premia: premia.append(dict(premia[0])), "'general-practice' twice"),
        (lambda premia: premia[0].pop("annual"), "a premium without annual"),
        (lambda premia: premia.clear(), "no premium listed"),
    ],
)
def test_a_table_with_a_bad_premium_is_refused(change, message):
    raw = raw_table("2026/27")
    change(raw["flexible_pay_premia"]["premia"])
    with pytest.raises(BadPayTable, match=message):
        parse_table("2026/27", raw)


# The line


def test_a_full_time_doctor_is_paid_the_annual_premium_on_top_of_basic_pay():
    without = pay_for(august_rota(), "D1", 3, "2026/27")
    statement = pay_for(august_rota(), "D1", 3, "2026/27", premium="general-practice")
    line = statement.line("flexible_pay_premium")
    assert line.title == "Flexible pay premium"
    assert line.amount == Decimal("11507.00")
    assert line.formula == "£11,507 a year for General practice (2026/27)"
    # 77,361.33 (worked in test_statement.py) + 11,507.00 = 88,868.33
    assert without.total == Decimal("77361.33")
    assert statement.total == Decimal("88868.33")
    assert [ln.key for ln in statement.lines] == [
        "basic",
        "additional_hours",
        "night",
        "weekend",
        "on_call",
        "flexible_pay_premium",
        "ltft",
    ]
    assert statement.premium == "general-practice"
    assert statement.as_dict()["flexible_pay_premium"] == "general-practice"


def test_without_a_premium_there_is_no_premium_line():
    statement = pay_for(august_rota(), "D1", 3, "2026/27")
    assert "flexible_pay_premium" not in [line.key for line in statement.lines]
    assert statement.as_dict()["flexible_pay_premium"] is None


@pytest.mark.parametrize(
    ("wte", "key", "pay_year", "expected", "formula"),
    [
        # 0.6 x 11,118 = 6,670.80
        (
            0.6,
            "general-practice",
            "2025/26",
            "6670.80",
            f"0.6 WTE {TIMES} £11,118 full-time premium",
        ),
        # 0.75 x 4,011 = 3,008.25
        (0.75, "emergency-medicine-7-years", "2026/27", "3008.25", f"0.75 WTE {TIMES} £4,011"),
        # 0.5 x 3,509 = 1,754.50
        (0.5, "psychiatry-higher-4-years", "2026/27", "1754.50", f"0.5 WTE {TIMES} £3,509"),
        # 0.125 x 3,875 = 484.375 -> £484.38 (half up)
        (
            0.125,
            "oral-maxillofacial-surgery-7-years",
            "2025/26",
            "484.38",
            f"0.125 WTE {TIMES} £3,875",
        ),
    ],
)
def test_a_doctor_less_than_full_time_is_paid_the_premium_pro_rata_to_wte(
    wte, key, pay_year, expected, formula
):
    line = pay_for(august_rota(ltft_wte=wte), "D2", 3, pay_year, premium=key).line(
        "flexible_pay_premium"
    )
    assert line.amount == Decimal(expected)
    assert line.title == "Flexible pay premium (less than full time, pro rata)"
    assert line.formula.startswith(formula)
    assert "pro rata to the WTE" in line.explanation


def test_the_premium_line_says_its_amount_is_unverified_and_the_closing_warning_names_it():
    statement = pay_for(august_rota(), "D1", 3, "2025/26", premium="histopathology")
    line = statement.line("flexible_pay_premium")
    assert not line.verified
    figure = "flexible pay premium for Histopathology (2025/26)"
    assert [item.figure for item in line.unverified] == [figure]
    assert "third-party pay calculator" in line.unverified[0].reason
    assert figure in statement.warning
    text = " ".join(format_statement(statement).split())
    assert f"{NOT_YET_CHECKED}: {figure}: the amount is from a third-party pay calculator" in text
    assert any("Flexible pay premia, background information" in s for s in line.sources)


def test_psychiatry_and_programme_length_premia_say_how_the_annual_figure_is_set():
    psychiatry = pay_for(august_rota(), "D1", 3, "2026/27", premium="psychiatry-core")
    assert "half of it over the years of core training" in (
        psychiatry.line("flexible_pay_premium").explanation
    )
    emergency = pay_for(august_rota(), "D1", 3, "2026/27", premium="emergency-medicine-5-years")
    assert "length of the full-time higher training programme" in (
        emergency.line("flexible_pay_premium").explanation
    )


def test_a_grade_the_premium_does_not_list_gets_a_note_not_a_refusal():
    # D1 is ST1: general practice lists ST1-ST3, psychiatry core CT1-CT3.
    listed = pay_for(august_rota(), "D1", 3, "2026/27", premium="general-practice")
    assert listed.line("flexible_pay_premium").notes == ()
    unlisted = pay_for(august_rota(), "D1", 3, "2026/27", premium="psychiatry-core")
    line = unlisted.line("flexible_pay_premium")
    assert line.amount == Decimal("4678.00")
    assert line.notes == (
        "Dr Ada Patel is ST1 in the rota; the premium for Psychiatry, core training is listed "
        "for CT1, CT2, CT3. It is included as asked: check that it applies.",
    )


def test_a_doctor_without_a_grade_gets_a_note_to_check():
    rota = august_rota()
    nameless = replace(rota, doctors=(DoctorTerms("D1", "Dr Ada Patel"), rota.doctors[1]))
    line = pay_for(nameless, "D1", 3, "2026/27", premium="academia").line("flexible_pay_premium")
    assert line.notes[0].startswith("The rota gives no grade for Dr Ada Patel")


def test_an_unknown_premium_is_refused_listing_the_known_ones():
    with pytest.raises(UnknownPremium) as refused:
        pay_for(august_rota(), "D1", 3, "2026/27", premium="cardiology")
    assert refused.value.known == tuple(sorted(AMOUNTS_2026_27))
    assert "no flexible pay premium 'cardiology' in the 2026/27 pay table" in str(refused.value)
    assert "academia, emergency-medicine-3-years" in str(refused.value)


def test_a_long_unknown_premium_is_quoted_shortened():
    with pytest.raises(UnknownPremium) as refused:
        pay_for(august_rota(), "D1", 3, "2026/27", premium="x" * 100_000)
    assert f"no flexible pay premium '{'x' * 57}...' in the 2026/27" in str(refused.value)
    assert len(str(refused.value)) < 2_000


# Properties

WTES = st.sampled_from([1.0, 0.9, 0.8, 0.75, 0.7, 0.6, 0.5, 0.4, 0.3, 0.125])


@settings(max_examples=80, deadline=None)
@given(WTES, st.sampled_from(sorted(AMOUNTS_2025_26)), st.sampled_from(["2025/26", "2026/27"]))
def test_a_premium_is_exactly_wte_times_the_full_time_premium(wte, key, pay_year):
    statement = pay_for(august_rota(ltft_wte=wte), "D2", 3, pay_year, premium=key)
    full_time = load_table(pay_year).premia[key].annual
    expected = (Decimal(str(wte)) * full_time).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert statement.line("flexible_pay_premium").amount == expected


@settings(max_examples=40, deadline=None)
@given(WTES, st.sampled_from(sorted(AMOUNTS_2025_26)))
def test_a_premium_adds_its_line_and_changes_no_other(wte, key):
    rota = august_rota(ltft_wte=wte)
    without = pay_for(rota, "D2", 3, "2026/27")
    statement = pay_for(rota, "D2", 3, "2026/27", premium=key)
    premium = statement.line("flexible_pay_premium").amount
    assert statement.total == without.total + premium
    others = [line for line in statement.lines if line.key != "flexible_pay_premium"]
    assert [(ln.key, ln.amount) for ln in others] == [(ln.key, ln.amount) for ln in without.lines]
