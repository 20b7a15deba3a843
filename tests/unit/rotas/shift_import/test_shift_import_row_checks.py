"""Checking a rota's shifts file without a database: lookups are built by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotaplan.engine.clock import hours_between, shift_bounds
from rotaplan.engine.formats.cell_values import FieldProblem, parse_optional_time
from rotaplan.engine.formats.spreadsheet import RawRow, RawTable
from rotaplan.rotas.shift_import import (
    BookedShift,
    CheckedShifts,
    DoctorRef,
    ShiftLookups,
    ShiftTypeRef,
    check_table,
)
from rotaplan.rotas.shift_import.row_checks import ShiftRecord, overlaps_in_file

HEADINGS = ("gmc_number", "date", "shift", "start", "end")
ADA = DoctorRef(1, "Dr Ada Patel")
BEA = DoctorRef(2, "Dr Bea Okafor")
LONG_DAY = ShiftTypeRef(11, "LD", time(8), time(20, 30))
NIGHT = ShiftTypeRef(12, "N", time(20), time(8, 30))
ON_CALL_24 = ShiftTypeRef(13, "OC24", time(9), time(9))
ROTA_ID, OTHER_ROTA_ID = 100, 200

LOOKUPS = ShiftLookups(
    rota_id=ROTA_ID,
    period_start=date(2026, 8, 3),
    period_end=date(2027, 1, 31),
    department_name="Acute medicine",
    doctors={"7012345": ADA, "7012346": BEA},
    shift_types={"LD": LONG_DAY, "N": NIGHT, "OC24": ON_CALL_24},
    booked={},
)


def row(shift: str = "LD", day: str = "2026-08-03", gmc: str = "7012345", **times: str):
    return {"gmc_number": gmc, "date": day, "shift": shift, **times}


def table(*rows: dict[str, str], headings: tuple[str, ...] = HEADINGS) -> RawTable:
    return RawTable(
        headings,
        tuple(
            RawRow(line, tuple(r.get(h, "") for h in headings))
            for line, r in enumerate(rows, start=2)
        ),
    )


def check(*rows: dict[str, str], **lookup_overrides: Any) -> CheckedShifts:
    return check_table(table(*rows), replace(LOOKUPS, **lookup_overrides))


def only_problem(checked: CheckedShifts) -> str:
    assert len(checked.problems) == 1, checked.problems
    return str(checked.problems[0])


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def booked(shift: ShiftTypeRef, day: date, rota_id: int = OTHER_ROTA_ID) -> BookedShift:
    start, end = shift_bounds(day, shift.start, shift.end)
    return BookedShift(
        rota_id=rota_id,
        shift_type_id=shift.id,
        start=start,
        end=end,
        words=f"{shift.code} on {day}",
        clash=f"Dr Ada Patel already works {shift.code} on {day}, which overlaps this shift",
    )


# --- good rows ---


def test_a_long_day_takes_its_shift_types_times_in_summer_time():
    (record,) = check(row("LD", "03/08/2026")).records
    assert (record.doctor_id, record.shift_type_id, record.date) == (1, 11, date(2026, 8, 3))
    assert (record.start, record.end) == (utc(2026, 8, 3, 7), utc(2026, 8, 3, 19, 30))


def test_a_night_ends_the_next_morning():
    (record,) = check(row("N", "2026-08-03")).records
    assert record.end == utc(2026, 8, 4, 7, 30)


def test_the_night_the_clocks_go_back_is_thirteen_and_a_half_hours():
    (record,) = check(row("N", "2026-10-24")).records
    assert (record.start, record.end) == (utc(2026, 10, 24, 19), utc(2026, 10, 25, 8, 30))
    assert hours_between(record.start, record.end) == 13.5


def test_a_24_hour_on_call_keeps_its_own_times_across_the_clock_change():
    (record,) = check(row("OC24", "2026-10-24")).records
    assert hours_between(record.start, record.end) == 25


def test_start_and_end_override_the_shift_types_times():
    (record,) = check(row("LD", start="09:00", end="17:00")).records
    assert (record.start, record.end) == (utc(2026, 8, 3, 8), utc(2026, 8, 3, 16))


def test_an_end_before_the_start_is_the_next_day():
    (record,) = check(row("LD", start="22:00", end="07:00")).records
    assert record.end == utc(2026, 8, 4, 6)


def test_a_shift_code_in_lower_case_is_read():
    (record,) = check(row("ld")).records
    assert record.code == "LD"


def test_shifts_that_only_touch_do_not_overlap():
    checked = check(row("N", "2026-08-03"), row("LD", "2026-08-04", start="08:30"))
    assert checked.ok, checked.problems


# --- one cell wrong ---


def test_unknown_gmc_number_is_named():
    assert only_problem(check(row(gmc="7099999"))) == (
        "line 2, gmc_number: No doctor you may put on a rota has GMC number 7099999. Check "
        "the number, or add the doctor first"
    )


def test_unknown_shift_code_lists_the_departments_codes():
    assert only_problem(check(row("LDX"))) == (
        "line 2, shift: Acute medicine has no shift 'LDX'. Its shifts are LD, N, OC24"
    )


def test_a_long_unknown_shift_code_is_quoted_shortened():
    assert only_problem(check(row("X" * 20_000))) == (
        f"line 2, shift: Acute medicine has no shift '{'X' * 57}...'. Its shifts are LD, N, OC24"
    )


def test_a_department_without_shifts_says_so():
    assert "has no shifts set up yet" in only_problem(check(row(), shift_types={}))


def test_a_date_after_the_rota_ends_names_both_dates():
    assert only_problem(check(row(day="01/02/2027"))) == (
        "line 2, date: Mon 1 Feb 2027 is after the rota ends on Sun 31 Jan 2027"
    )


def test_a_date_before_the_rota_starts_names_both_dates():
    assert only_problem(check(row(day="2026-08-02"))) == (
        "line 2, date: Sun 2 Aug 2026 is before the rota starts on Mon 3 Aug 2026"
    )


def test_an_end_equal_to_the_start_is_refused():
    assert only_problem(check(row(start="09:00", end="09:00"))).startswith(
        "line 2, end: The end, 09:00, is the same as the start;"
    )


def test_an_end_equal_to_the_shift_types_start_is_refused():
    assert only_problem(check(row("LD", end="08:00"))).startswith(
        "line 2, end: The end, 08:00, is when LD starts;"
    )


def test_a_start_equal_to_the_shift_types_end_is_refused():
    assert only_problem(check(row("LD", start="20:30"))).startswith(
        "line 2, start: The start, 20:30, is when LD ends;"
    )


def test_explicit_times_over_24_hours_across_the_clock_change_are_refused():
    checked = check(row("LD", "2026-10-25", start="00:30", end="00:15"))
    assert only_problem(checked) == (
        "line 2, end: The shift would be 24.75 hours long, from 00:30 Sun 25 Oct 2026 to "
        "00:15 Mon 26 Oct 2026, as the clocks go back that night; a shift can be at most "
        "24 hours"
    )


def test_every_problem_in_a_row_is_reported():
    checked = check(row("X", "31/02/2026", gmc="70123", start="8am"))
    assert [p.field for p in checked.problems] == ["gmc_number", "date", "shift", "start"]
    assert checked.records == ()


# --- rows against each other and against the database ---


def test_two_rows_overlapping_for_one_doctor_name_each_other():
    checked = check(row("N", "2026-08-03"), row("LD", "2026-08-04", gmc="7012346"), row("LD"))
    messages = [str(p) for p in checked.problems]
    assert len(messages) == 2
    assert messages[0].startswith("line 2, shift: Dr Ada Patel is also on line 4 for LD 08:00")
    assert messages[1].startswith("line 4, shift: Dr Ada Patel is also on line 2 for N 20:00")
    assert messages[1].endswith("which overlaps this shift")


def test_the_same_row_twice_overlaps_itself():
    checked = check(row("N"), row("N"))
    assert [p.line for p in checked.problems] == [2, 3]


def test_overlap_with_a_shift_the_doctor_already_works_names_it():
    existing = booked(NIGHT, date(2026, 8, 3))
    checked = check(row("LD", "2026-08-04"), booked={ADA.id: [existing]})
    assert only_problem(checked) == f"line 2, shift: {existing.clash}"


def test_a_shift_already_on_this_rota_is_a_duplicate():
    existing = booked(NIGHT, date(2026, 8, 3), rota_id=ROTA_ID)
    checked = check(row("N", "2026-08-03"), booked={ADA.id: [existing]})
    assert only_problem(checked) == (
        "line 2, shift: Dr Ada Patel is already on this rota for N on 2026-08-03. Remove this row"
    )


def test_a_shift_following_a_booked_night_is_allowed():
    existing = booked(NIGHT, date(2026, 8, 3))
    checked = check(row("LD", "2026-08-04", start="08:30"), booked={ADA.id: [existing]})
    assert checked.ok, checked.problems


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 96), st.integers(1, 30)), min_size=1, max_size=12))
def test_overlaps_in_file_flags_exactly_the_rows_sharing_time(spans):
    base = datetime(2026, 8, 3, tzinfo=UTC)
    records = [
        ShiftRecord(
            line=line,
            doctor_id=1,
            doctor_name="Dr Ada Patel",
            shift_type_id=11,
            code="LD",
            date=base.date(),
            start=base + timedelta(hours=start),
            end=base + timedelta(hours=start + length),
        )
        for line, (start, length) in enumerate(spans, start=2)
    ]
    expected = {
        (a.line, b.line)
        for a in records
        for b in records
        if a is not b and a.start < b.end and b.start < a.end
    }
    found = {
        (p.line, int(p.message.split("line ")[1].split(" ")[0])) for p in overlaps_in_file(records)
    }
    assert found == expected


# --- the file as a whole ---


def test_a_missing_column_is_named():
    checked = check_table(table(row(), headings=("gmc_number", "date")), LOOKUPS)
    assert only_problem(checked).startswith("The file has no shift column.")


def test_an_empty_file_describes_a_row_as_a_shift():
    assert only_problem(check_table(RawTable((), ()), LOOKUPS)).startswith(
        "The file is empty. Row 1 should hold the column headings, and each row below it one shift."
    )


# --- times ---


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("08:00", time(8)), ("8:00", time(8)), ("20.30", time(20, 30)), ("08:00:00", time(8))],
)
def test_times_are_read_as_hours_and_minutes(typed, expected):
    assert parse_optional_time(typed, "Start") == expected


def test_an_empty_time_is_none():
    assert parse_optional_time(" ", "Start") is None


@pytest.mark.parametrize("typed", ["8am", "25:00", "08:60", "08:00:30", "0800"])
def test_a_time_that_is_not_hours_and_minutes_is_refused(typed):
    with pytest.raises(FieldProblem, match="Start must be"):
        parse_optional_time(typed, "Start")


def test_midnight_written_as_24_00_is_refused_with_a_hint():
    with pytest.raises(FieldProblem, match="write midnight as 00:00"):
        parse_optional_time("24:00", "End")
