"""The pay tables are data with their sources: every item names a source and an effective
date and says whether it was verified; the unverified ones surface in the statement."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from importlib import resources

import pytest

from rotaplan.engine.pay import (
    UnknownPayYear,
    known_pay_years,
    load_table,
    nodal_point_for_grade,
    pay_for,
    pay_year_for,
)
from rotaplan.engine.pay.data import BadPayTable, parse_table
from rotaplan.engine.pay.text import NOT_YET_CHECKED, format_statement

from .builders import august_rota

ITEMS = (
    "nodal_points",
    "grades",
    "hours",
    "night_enhancement",
    "weekend_allowance",
    "on_call_availability",
    "flexible_pay_premia",
    "ltft_allowance",
)


def raw_tables() -> list[dict]:
    folder = resources.files("rotaplan.engine.pay.tables")
    return [
        json.loads(entry.read_text("utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    ]


def test_known_pay_years():
    assert known_pay_years() == ("2025/26", "2026/27")


@pytest.mark.parametrize("raw", raw_tables(), ids=lambda raw: raw["pay_year"])
def test_every_item_has_a_source_an_effective_date_and_a_verified_flag(raw):
    for key in ITEMS:
        item = raw[key]
        assert item["sources"], key
        for source in item["sources"]:
            assert source["document"], key
            assert "clause" in source, key
            assert "url" in source, key
        date.fromisoformat(item["effective_from"])
        assert isinstance(item["verified"], bool), key
        if not item["verified"]:
            assert item["note"], f"{key}: an unverified item must say why"


@pytest.mark.parametrize("pay_year", ["2025/26", "2026/27"])
def test_tables_load_with_the_figures_the_domain_notes_give(pay_year):
    table = load_table(pay_year)
    assert table.night.rate == Decimal("0.37")
    assert table.on_call_rate == Decimal("0.08")
    assert table.ltft_allowance == Decimal("1000")
    assert table.full_time_weekly_hours == 40
    assert (table.cap_weekly_hours, table.cap_weekly_hours_opted_out) == (48, 56)
    values = [table.nodal_points[n] for n in range(1, 6)]
    assert values == sorted(values)


def test_nodal_points_by_pay_year():
    assert [load_table("2025/26").nodal_points[n] for n in range(1, 6)] == [
        Decimal(v) for v in ("38831", "44439", "52656", "65048", "73992")
    ]
    assert [load_table("2026/27").nodal_points[n] for n in range(1, 6)] == [
        Decimal(v) for v in ("40190", "45994", "54499", "67325", "76582")
    ]


# The basic salaries the project's domain rules list (shared/domain/rota-rules.md).
DOMAIN_NODAL_POINTS = {
    "2025/26": (38_831, 44_439, 52_656, 65_048, 73_992),
    "2026/27": (40_190, 45_994, 54_499, 67_325, 76_582),
}


@pytest.mark.parametrize("year", sorted(DOMAIN_NODAL_POINTS))
def test_nodal_points_are_the_ones_the_domain_rules_list(year):
    table = load_table(year)
    for n, salary in enumerate(DOMAIN_NODAL_POINTS[year], start=1):
        assert table.nodal_points[n] == Decimal(salary)


def test_the_2025_26_nodal_points_are_unverified_and_record_the_comparison_with_hcsa():
    about = load_table("2025/26").nodal_points_about
    assert about.verified is False
    # HCSA gives the award to the penny; the table has whole pounds, rounded up for NP1-NP3.
    for hcsa in ("38,830.64", "44,438.32", "52,655.36", "65,048.00", "73,992.00"):
        assert hcsa in about.note
    assert any("hcsa.com" in source.url for source in about.sources)
    assert "£38,830.64" in about.warning


def test_the_2026_27_nodal_points_are_unverified_and_say_the_circular_was_reportedly_restructured():
    about = load_table("2026/27").nodal_points_about
    assert about.verified is False
    assert "1.035" in about.note
    assert "PC(M&D) 1/2026 R2" in about.note
    assert "ten pay points" in about.warning
    assert any("1/2026 R2" in source.document for source in about.sources)


NODAL_POINT_LINES = ("basic", "additional_hours", "night", "weekend", "on_call")


@pytest.mark.parametrize("doctor", ["D1", "D2"])
def test_every_line_that_uses_the_2026_27_nodal_point_says_it_is_unverified(doctor):
    statement = pay_for(august_rota(), doctor, 3, "2026/27")
    for key in NODAL_POINT_LINES:
        line = statement.line(key)
        assert line.amount > 0, key
        figures = [item.figure for item in line.unverified]
        assert "nodal point 3 for 2026/27" in figures, key
    # The LTFT allowance is a flat sum: it does not use the nodal point.
    assert "nodal point 3 for 2026/27" not in [i.figure for i in statement.line("ltft").unverified]
    assert statement.unverified_figures[0] == "nodal point 3 for 2026/27"
    assert "nodal point 3 for 2026/27" in statement.warning


def test_the_text_says_so_on_the_basic_pay_line_and_in_the_closing_warning():
    text = format_statement(pay_for(august_rota(), "D1", 3, "2026/27"))
    basic_block = " ".join(text.split("Basic pay", 1)[1].split("Additional rostered", 1)[0].split())
    assert (
        NOT_YET_CHECKED
        + ": nodal point 3 for 2026/27: not checked against the 2026/27 pay circular"
        in basic_block
    )
    closing = " ".join(text.split("Total a year", 1)[1].split())
    assert (
        "Some figures have not yet been checked against their source: nodal point 3 for 2026/27;"
        in (closing)
    )


@pytest.mark.parametrize(
    ("grade", "point"),
    [
        ("FY1", 1),
        ("FY2", 2),
        ("CT1", 3),
        ("ST2", 3),
        ("CT3", 4),
        ("ST5", 4),
        ("ST6", 5),
        ("st8", 5),
    ],
)
def test_grade_to_nodal_point(grade, point):
    assert nodal_point_for_grade(grade, "2026/27") == point


@pytest.mark.parametrize(
    ("day", "pay_year"),
    [
        (date(2026, 3, 31), "2025/26"),
        (date(2026, 4, 1), "2026/27"),
        (date(2026, 8, 3), "2026/27"),
        (date(2027, 3, 31), "2026/27"),
        (date(2027, 4, 1), "2027/28"),
        (date(2099, 12, 31), "2099/00"),
    ],
)
def test_pay_year_for_a_day(day, pay_year):
    assert pay_year_for(day) == pay_year


def test_unknown_pay_year_lists_the_known_ones():
    with pytest.raises(UnknownPayYear) as raised:
        load_table("2027/28")
    assert raised.value.known == ("2025/26", "2026/27")
    assert "known pay years: 2025/26, 2026/27" in str(raised.value)


def test_a_rota_outside_the_chosen_pay_year_is_noted():
    statement = pay_for(august_rota(), "D1", 3, "2025/26")  # the rota is in August 2026
    assert any("in pay year 2026/27, not 2025/26" in note for note in statement.notes)
    assert pay_for(august_rota(), "D1", 3, "2026/27").notes == ()


def test_unverified_figures_surface_on_their_lines_and_in_the_text():
    statement = pay_for(august_rota(), "D1", 3, "2025/26")
    # Neither the 2025/26 nodal points nor the weekend percentages were read in a primary
    # source; the night rate, the on-call rate and the LTFT allowance are verified.
    for key in ("basic", "night", "on_call"):
        assert [item.figure for item in statement.line(key).unverified] == [
            "nodal point 3 for 2025/26"
        ], key
    weekend = statement.line("weekend")
    assert not weekend.verified
    assert any("weekend allowance percentages" in r for r in weekend.unverified_because)
    assert not statement.verified
    text = format_statement(statement)
    weekend_block = text.split("Weekend allowance", 1)[1].split("On-call", 1)[0]
    assert NOT_YET_CHECKED + ": weekend allowance percentages" in weekend_block
    assert "Some figures have not yet been checked" in text


def test_a_line_that_comes_to_nothing_depends_on_no_unverified_figure():
    statement = pay_for(august_rota(), "D1", 3, "2026/27")
    ltft = statement.line("ltft")
    assert ltft.amount == 0
    assert ltft.verified


def test_every_line_names_its_sources():
    statement = pay_for(august_rota(), "D2", 3, "2026/27")
    for line in statement.lines:
        assert line.sources, line.key


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ("sources", "no source named"),
        ("effective_from", "no effective date"),
        ("verified", "no verified flag"),
    ],
)
def test_a_table_item_without_its_source_date_or_flag_is_refused(drop, message):
    raw = next(r for r in raw_tables() if r["pay_year"] == "2026/27")
    del raw["weekend_allowance"][drop]
    with pytest.raises(BadPayTable, match=message):
        parse_table("2026/27", raw)


def test_the_closing_warning_names_each_unverified_figure_once():
    # D2 alone on the rota: the weekend percentages are unverified and, with no full-time
    # comparator, so are the assumed weekend and on-call shares.
    rota = august_rota()
    alone = replace(rota, doctors=(rota.doctors[1],))
    statement = pay_for(alone, "D2", 3, "2026/27")
    figures = statement.unverified_figures
    assert {"weekend allowance percentages", "weekend share", "on-call share"} <= set(figures)
    assert len(figures) == len(set(figures))
    assert statement.warning.startswith(
        "Some figures have not yet been checked against their source: "
    )
    for figure in figures:
        assert figure in statement.warning
    text = format_statement(statement)
    closing = " ".join(text.split("Total a year", 1)[1].split())
    assert statement.warning in closing


def test_a_statement_whose_lines_are_all_verified_has_no_closing_warning():
    statement = pay_for(august_rota(), "D1", 3, "2026/27")
    checked = replace(statement, lines=tuple(replace(ln, unverified=()) for ln in statement.lines))
    assert checked.verified
    assert checked.unverified_figures == ()
    assert checked.warning == ""
    assert checked.as_dict()["warning"] is None
    assert "NOT VERIFIED" not in format_statement(checked)


def test_the_json_statement_lists_the_unverified_figures_and_the_warning():
    data = pay_for(august_rota(), "D1", 3, "2026/27").as_dict()
    assert "weekend allowance percentages" in data["unverified_figures"]
    assert data["warning"].startswith("Some figures have not yet been checked")
    weekend = next(line for line in data["lines"] if line["key"] == "weekend")
    assert weekend["verified"] is False
    reasons = weekend["unverified_because"]
    assert any(r.startswith("weekend allowance percentages: ") for r in reasons)
