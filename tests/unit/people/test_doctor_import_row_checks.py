"""The doctor import's reading and checking, without a database: lookups are built by hand."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from rotaplan.engine.formats import spreadsheet
from rotaplan.engine.formats.cell_values import FieldProblem, parse_date, parse_gmc_number
from rotaplan.engine.formats.spreadsheet import (
    RawRow,
    RawTable,
    UnreadableFile,
    column_key,
    read_table,
)
from rotaplan.people.doctor_import import (
    CheckedImport,
    DepartmentRef,
    ImportLookups,
    check_table,
    parse_wte,
)

ACUTE = DepartmentRef(1, "acute-medicine", "Acute medicine")
CARDIOLOGY = DepartmentRef(2, "cardiology", "Cardiology")
HEADINGS = (
    "gmc_number",
    "first_name",
    "last_name",
    "grade",
    "department",
    "post_start",
    "post_end",
    "competencies",
)


LOOKUPS = ImportLookups(
    departments={"acute-medicine": ACUTE, "cardiology": CARDIOLOGY},
    allowed_department_ids=frozenset({ACUTE.id}),
    competencies={"als": 11, "airway": 12},
    existing_gmc_numbers={},
)


def lookups(**overrides: Any) -> ImportLookups:
    return replace(LOOKUPS, **overrides)


def row(gmc: str, **overrides: str) -> dict[str, str]:
    values = {
        "gmc_number": gmc,
        "first_name": "Amara",
        "last_name": "Okafor",
        "grade": "FY1",
        "department": "acute-medicine",
        "post_start": "2026-08-05",
        "post_end": "2027-08-03",
        "competencies": "",
    }
    values.update(overrides)
    return values


def table(*rows: dict[str, str], headings: tuple[str, ...] = HEADINGS) -> RawTable:
    return RawTable(
        headings,
        tuple(
            RawRow(line, tuple(r.get(h, "") for h in headings))
            for line, r in enumerate(rows, start=2)
        ),
    )


def check(*rows: dict[str, str], **lookup_overrides: object) -> CheckedImport:
    return check_table(table(*rows), lookups(**lookup_overrides))


def only_problem(checked: CheckedImport) -> str:
    assert len(checked.problems) == 1, checked.problems
    return str(checked.problems[0])


# --- GMC numbers ---


def test_short_gmc_number_is_named_with_its_line_and_value():
    checked = check(row("7012345"), row("7012346"), row("70123"))
    assert only_problem(checked) == (
        "line 4, gmc_number: GMC number must be exactly 7 digits; got '70123'"
    )
    assert checked.records == ()


@pytest.mark.parametrize("bad", ["701234", "70A2345", "GMC7012345", "70123456", "7 012345"])
def test_gmc_number_that_is_not_seven_digits_is_refused(bad):
    with pytest.raises(FieldProblem, match="exactly 7 digits"):
        parse_gmc_number(bad)


@given(st.text(max_size=12))
def test_any_text_but_seven_ascii_digits_is_refused_as_a_gmc_number(text):
    expected = re.fullmatch(r"[0-9]{7}", text.strip())
    try:
        parsed = parse_gmc_number(text)
    except FieldProblem:
        assert expected is None
    else:
        assert expected is not None
        assert parsed == text.strip()


@given(st.from_regex(r"\A[0-9]{7}\Z"))
def test_seven_digits_are_a_gmc_number(text):
    assert parse_gmc_number(text) == text


def test_gmc_number_twice_in_the_file_names_both_lines():
    checked = check(row("7012345"), row("7099999"), row("7012345"))
    messages = [str(p) for p in checked.problems]
    assert messages == [
        "line 2, gmc_number: GMC number 7012345 is also on line 4. "
        "Each doctor can appear only once.",
        "line 4, gmc_number: GMC number 7012345 is also on line 2. "
        "Each doctor can appear only once.",
    ]


def test_gmc_number_already_held_names_the_doctor():
    checked = check(row("7012345"), existing_gmc_numbers={"7012345": "Dr Aisha Khan"})
    assert "already belongs to Dr Aisha Khan" in only_problem(checked)


# --- every row checked, all problems reported ---


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=1, max_value=30).flatmap(
        lambda n: st.sets(st.integers(0, n - 1)).map(lambda bad: (n, bad))
    )
)
def test_k_bad_rows_among_n_report_exactly_the_k_bad_lines(case):
    n, bad = case
    rows = [row(f"{7000000 + i}", grade="XX9" if i in bad else "ST3") for i in range(n)]
    checked = check(*rows)
    assert {p.line for p in checked.problems} == {i + 2 for i in bad}
    assert len(checked.records) == (0 if bad else n)


def test_every_problem_in_a_row_is_reported_not_just_the_first():
    checked = check(row("123", first_name="", grade="Reg", post_start="31/02/2026"))
    assert [p.field for p in checked.problems] == [
        "gmc_number",
        "first_name",
        "grade",
        "post_start",
    ]


# --- dates ---


def test_end_of_post_before_its_start_is_refused():
    checked = check(row("7012345", post_start="2026-08-05", post_end="04/08/2026"))
    assert only_problem(checked) == (
        "line 2, post_end: End of post (Tue 4 Aug 2026) is before start of post (Wed 5 Aug 2026)."
    )


@pytest.mark.parametrize(
    "text", ["2026-08-05", "05/08/2026", "5/8/2026", "5 Aug 2026", "2026-08-05 00:00:00"]
)
def test_iso_and_uk_dates_are_read_day_first(text):
    assert parse_date(text, "Start of post") == date(2026, 8, 5)


def test_a_two_digit_year_asks_for_the_year_in_full():
    with pytest.raises(FieldProblem, match="year in full"):
        parse_date("05/08/26", "Start of post")


def test_an_implausible_year_is_refused():
    with pytest.raises(FieldProblem, match="check the year"):
        parse_date("05/08/1926", "Start of post")


# --- other fields ---


@pytest.mark.parametrize(
    ("text", "wte"),
    [("", "1.00"), ("1", "1.00"), ("0.6", "0.60"), ("60%", "0.60"), ("60 %", "0.60")],
)
def test_wte_as_a_fraction_or_a_percentage(text, wte):
    assert parse_wte(text) == Decimal(wte)


def test_wte_of_sixty_suggests_a_percentage():
    with pytest.raises(FieldProblem, match="Did you mean 60%"):
        parse_wte("60")


def test_wte_with_three_decimal_places_is_refused():
    with pytest.raises(FieldProblem, match="at most 2 decimal places"):
        parse_wte("0.625")


def test_grade_label_and_default_contract():
    checked = check(row("7012345", grade="Consultant"))
    (record,) = checked.records
    assert (record.grade, record.contract) == ("CONS", "consultant2003")


def test_unknown_competency_names_the_known_ones():
    checked = check(row("7012345", competencies="als;ariway"))
    assert only_problem(checked) == (
        "line 2, competencies: Unknown competency 'ariway'. Known codes: airway, als. "
        "Separate codes with ';'."
    )


def test_competencies_are_read_by_code():
    (record,) = check(row("7012345", competencies=" ALS ; airway;")).records
    assert record.competency_ids == (11, 12)


# --- departments ---


def test_department_the_uploader_may_not_import_into_is_refused():
    checked = check(row("7012345", department="cardiology"))
    assert only_problem(checked).startswith(
        "line 2, department: You may not import doctors into Cardiology (cardiology)."
    )


def test_unknown_department_suggests_the_nearest_code():
    checked = check(row("7012345", department="acute-med"))
    assert "No department has the code 'acute-med'. Did you mean acute-medicine?" in (
        only_problem(checked)
    )


def test_rows_without_a_department_take_the_default():
    (record,) = check(row("7012345", department=""), default_department=ACUTE).records
    assert record.department_id == ACUTE.id


def test_rows_without_a_department_and_no_default_are_refused():
    checked = check(row("7012345", department=""))
    assert "Department is missing" in only_problem(checked)


# --- the file as a whole ---


def test_missing_columns_are_named_with_the_expected_ones():
    headings = ("gmc_number", "first_name", "department")
    checked = check_table(table(row("7012345"), headings=headings), lookups())
    message = only_problem(checked)
    assert message.startswith("The file has no last_name, grade, post_start columns.")
    assert "The columns are gmc_number, first_name" in message


def test_no_department_column_needs_a_default_department():
    headings = tuple(h for h in HEADINGS if h != "department")
    raw = table(row("7012345"), headings=headings)
    assert only_problem(check_table(raw, lookups())).startswith(
        "The file has no department column."
    )
    assert check_table(raw, lookups(default_department=ACUTE)).ok


def test_unknown_column_is_refused_with_a_suggestion():
    headings = (*HEADINGS, "Frist Name")
    checked = check_table(table(row("7012345"), headings=headings), lookups())
    assert only_problem(checked).startswith(
        "Rotaplan does not know the column 'Frist Name' (column I). Did you mean first_name?"
    )


def test_headings_tolerate_case_and_spaces():
    headings = ("GMC Number", "First name", "LAST_NAME", "Grade", "Department", "Post start")
    keys = [column_key(h) for h in headings]
    assert keys == ["gmc_number", "first_name", "last_name", "grade", "department", "post_start"]
    raw = RawTable(
        headings, (RawRow(2, ("7012345", "A", "B", "FY1", "acute-medicine", "2026-08-05")),)
    )
    assert check_table(raw, lookups()).ok


def test_values_in_a_column_without_a_heading_are_refused():
    raw = RawTable((*HEADINGS, ""), (RawRow(2, (*table(row("7012345")).rows[0].cells, "stray")),))
    assert only_problem(check_table(raw, lookups())).startswith("Column I has values")


def test_empty_file_and_headings_only_are_refused():
    assert only_problem(check_table(read_table("a.csv", b""), lookups())).startswith(
        "The file is empty."
    )
    headings_only = read_table("a.csv", ",".join(HEADINGS).encode() + b"\r\n")
    assert only_problem(check_table(headings_only, lookups())).startswith(
        "The file has column headings but no doctors."
    )


def test_more_rows_than_allowed_are_refused(monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 3)
    lines = [",".join(HEADINGS)] + [",".join(row(f"{7000000 + i}").values()) for i in range(4)]
    raw = read_table("a.csv", "\n".join(lines).encode())
    assert raw.too_many_rows
    assert "more than 3 doctors" in only_problem(check_table(raw, lookups()))


# --- reading ---


def csv_bytes(*rows: dict[str, str]) -> bytes:
    lines = [",".join(HEADINGS)] + [",".join(r[h] for h in HEADINGS) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def test_utf8_with_a_byte_order_mark_is_read():
    raw = read_table("a.csv", b"\xef\xbb\xbf" + csv_bytes(row("7012345", first_name="Zoë")))
    assert raw.headings[0] == "gmc_number"
    (record,) = check_table(raw, lookups()).records
    assert record.first_name == "Zoë"


def test_windows_1252_file_is_refused_naming_the_byte_and_line():
    data = csv_bytes(row("7012345"), row("7012346"), row("7012347", first_name="Zoé"))
    with pytest.raises(UnreadableFile) as raised:
        read_table("a.csv", data.decode().encode("cp1252"))
    assert raised.value.message == (
        "The file is not UTF-8 text (byte 0xe9 at line 4). "
        "In Excel, save it as 'CSV UTF-8 (Comma delimited)'."
    )


def test_utf16_file_is_refused():
    with pytest.raises(UnreadableFile, match="UTF-16"):
        read_table("a.csv", csv_bytes(row("7012345")).decode().encode("utf-16"))


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused():
    with pytest.raises(UnreadableFile, match="neither"):
        read_table("doctors.pdf", b"%PDF-1.7")


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_FILE_BYTES", 10)
    with pytest.raises(UnreadableFile, match="an import takes files up to"):
        read_table("a.csv", csv_bytes(row("7012345")))


def test_xlsx_with_date_and_number_cells_is_read():
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["GMC number", "First name", "Last name", "Grade", "WTE", "Post start"])
    sheet.append([7012345, "Amara", "Okafor", "FY1", 0.6, datetime(2026, 8, 5)])
    sheet.append([None, None, None, None, None, None])
    sheet.append([7012346, "Tom", "Hughes", "FY1", None, "05/08/2026"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    raw = read_table("doctors.xlsx", buffer.getvalue())
    assert [r.line for r in raw.rows] == [2, 4]
    checked = check_table(raw, lookups(default_department=ACUTE))
    assert checked.ok, checked.problems
    first, second = checked.records
    assert (first.gmc_number, first.wte, first.post_start) == (
        "7012345",
        Decimal("0.60"),
        date(2026, 8, 5),
    )
    assert second.post_start == date(2026, 8, 5)


def test_a_damaged_workbook_is_refused():
    with pytest.raises(UnreadableFile, match="could not be opened as an Excel workbook"):
        read_table("doctors.xlsx", b"PK\x03\x04 not really a zip")
