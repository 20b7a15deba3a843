"""Reading the exchange format (JSON and CSV) into a Rota, and writing a report back."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotaplan.engine.breaches import Breach, ComplianceReport, DoctorFigures
from rotaplan.engine.clock import LONDON, hours_between
from rotaplan.engine.formats.compliance_report import format_report_text, write_report_json
from rotaplan.engine.formats.exchange_reader import (
    UnreadableRota,
    read_exchange,
    read_rota,
    read_shift_csv,
)
from rotaplan.engine.formats.exchange_writer import write_exchange
from rotaplan.engine.rota import DoctorTerms, Period, RuleSetName, ShiftKind


def document(*shifts: dict[str, object], **top: object) -> str:
    doc: dict[str, object] = {"doctors": [{"id": "D1"}], "shifts": list(shifts)}
    doc.update(top)
    return json.dumps(doc)


def shift(start: str, end: str, **extra: object) -> dict[str, object]:
    return {"doctor": "D1", "start": start, "end": end, **extra}


def problems_of(text: str, *, csv: bool = False) -> list[str]:
    with pytest.raises(UnreadableRota) as caught:
        (read_shift_csv if csv else read_exchange)(text)
    return [str(problem) for problem in caught.value.problems]


def only_problem(text: str, *, csv: bool = False) -> str:
    problems = problems_of(text, csv=csv)
    assert len(problems) == 1, problems
    return problems[0]


ISSUE_EXAMPLE = """
{"period": {"start": "2026-08-03", "end": "2026-08-30"},
 "doctors": [{"id": "D1", "rule_set": "tcs2016", "wte": 1.0, "opted_out": false, "grade": "ST3"}],
 "shifts": [{"doctor": "D1", "start": "2026-08-03T08:00", "end": "2026-08-03T17:00",
             "kind": "work"},
            {"doctor": "D1", "start": "2026-08-08T09:00", "end": "2026-08-09T09:00",
             "kind": "on_call"}]}
"""


def test_the_issue_example_reads_as_a_rota():
    rota = read_exchange(ISSUE_EXAMPLE)
    assert rota.period == Period(date(2026, 8, 3), date(2026, 8, 30))
    assert rota.doctors == (DoctorTerms("D1", grade="ST3"),)
    day, on_call = rota.shifts
    assert day.start == datetime(2026, 8, 3, 8, 0, tzinfo=LONDON)
    assert day.hours == 9
    assert day.source == "shifts[0]"
    assert on_call.kind is ShiftKind.ON_CALL
    assert on_call.hours == 24


def test_defaults_for_terms_and_kind_and_the_name():
    text = json.dumps(
        {
            "doctors": [{"id": "D1", "name": "Dr Ada Patel"}],
            "shifts": [shift("2026-08-05T08:00", "2026-08-05T17:00")],
        }
    )
    rota = read_exchange(text)
    (doctor,) = rota.doctors
    assert doctor.rule_set is RuleSetName.TCS2016
    assert doctor.wte == 1.0
    assert doctor.opted_out is False
    assert doctor.display_name == "Dr Ada Patel"
    assert rota.shifts[0].kind is ShiftKind.WORK


def test_without_a_period_the_rota_covers_the_weeks_of_its_shifts():
    rota = read_exchange(
        document(
            shift("2026-08-05T08:00", "2026-08-05T17:00"),  # a Wednesday
            shift("2026-08-18T20:00", "2026-08-19T08:00"),  # a Tuesday night
        )
    )
    assert rota.period == Period(date(2026, 8, 3), date(2026, 8, 23))


def test_a_period_with_no_shifts_is_a_rota_with_nothing_to_breach():
    rota = read_exchange(document(period={"start": "2026-08-03", "end": "2026-08-09"}))
    assert rota.shifts == ()


def test_no_shifts_and_no_period_is_an_error():
    assert only_problem(document()) == (
        "period: with no shifts the rota needs a period (start and end)"
    )


# --- Clock changes ----------------------------------------------------------------------


def test_a_time_the_spring_clock_change_skips_is_an_error_naming_it():
    problem = only_problem(document(shift("2027-03-28T01:30", "2027-03-28T09:00")))
    assert problem.startswith("shifts[0].start: start 2027-03-28T01:30 does not exist in London")
    assert "Sun 28 Mar 2027" in problem


def test_a_repeated_autumn_time_takes_its_first_occurrence():
    rota = read_exchange(document(shift("2026-10-25T01:30", "2026-10-25T09:00")))
    assert rota.shifts[0].start.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert rota.shifts[0].hours == 8.5


def test_an_offset_picks_the_second_occurrence_of_a_repeated_time():
    rota = read_exchange(document(shift("2026-10-25T01:30+00:00", "2026-10-25T09:00")))
    assert rota.shifts[0].start.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert rota.shifts[0].hours == 7.5


def test_an_offset_london_was_not_on_is_an_error():
    problem = only_problem(document(shift("2026-08-03T08:00+00:00", "2026-08-03T17:00")))
    assert problem == (
        "shifts[0].start: start 2026-08-03T08:00+00:00 is not a London time: London was on "
        "+01:00 then. Leave the offset off to give London time."
    )


def test_nights_across_the_clock_changes_last_their_real_length():
    rota = read_exchange(
        document(
            shift("2026-10-24T20:00", "2026-10-25T08:00"),
            shift("2027-03-27T20:00", "2027-03-28T08:00"),
        )
    )
    assert [s.hours for s in rota.shifts] == [13, 11]


def test_a_24_hour_on_call_across_the_october_change_is_25_hours_and_allowed():
    rota = read_exchange(document(shift("2026-10-24T09:00", "2026-10-25T09:00", kind="on_call")))
    assert hours_between(rota.shifts[0].start, rota.shifts[0].end) == 25


# --- Bad input: one clear problem each --------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (
            "2026-08-03T08:00",
            "2026-08-03T07:00",
            "shifts[0].end: end 2026-08-03T07:00 is before start 2026-08-03T08:00",
        ),
        (
            "2026-08-03T08:00",
            "2026-08-03T08:00",
            "shifts[0].end: end equals start (2026-08-03T08:00); a shift must last some time",
        ),
        (
            "2026-08-03T08:00",
            "2026-08-05T00:00",
            "shifts[0].end: a 40-hour shift is not a shift: split it into shifts or on-call "
            "periods (at most 25 hours, a 24-hour on-call across the October clock change)",
        ),
        (
            "2026-08-03 08:00",
            "03/08/2026 17:00",
            "shifts[0].end: end must be a date and time such as 2026-08-03T08:00 (London "
            "time); got '03/08/2026 17:00'",
        ),
        (
            "2026-02-30T08:00",
            "2026-08-03T17:00",
            "shifts[0].start: start is not a date and time that exists; got '2026-02-30T08:00'",
        ),
    ],
)
def test_shift_times_that_make_no_shift(start, end, expected):
    assert only_problem(document(shift(start, end))) == expected


def test_end_and_start_are_compared_in_real_time_across_the_october_change():
    # 01:45 BST is 00:45 UTC, before 01:30 GMT though its clock reads later
    problem = only_problem(document(shift("2026-10-25T01:30+00:00", "2026-10-25T01:45")))
    assert problem == ("shifts[0].end: end 2026-10-25T01:45 is before start 2026-10-25T01:30+00:00")
    problem = only_problem(document(shift("2026-10-25T01:30+00:00", "2026-10-25T01:30+00:00")))
    assert problem.startswith("shifts[0].end: end equals start (2026-10-25T01:30+00:00)")


def test_a_25_hour_shift_on_an_ordinary_day_is_allowed_but_a_longer_one_is_not():
    assert read_exchange(document(shift("2026-08-03T08:00", "2026-08-04T09:00")))
    problem = only_problem(document(shift("2026-08-03T08:00", "2026-08-04T09:30")))
    assert "a 25.5-hour shift is not a shift" in problem


def test_an_unknown_kind_lists_the_kinds():
    assert only_problem(document(shift("2026-08-03T08:00", "2026-08-03T17:00", kind="night"))) == (
        'shifts[0].kind: unknown kind "night"; the kinds are work, on_call'
    )


def test_an_unknown_rule_set_lists_the_known_ones():
    text = json.dumps(
        {
            "doctors": [{"id": "D1", "rule_set": "tcs2019"}],
            "shifts": [shift("2026-08-03T08:00", "2026-08-03T17:00")],
        }
    )
    assert only_problem(text) == (
        'doctors[0].rule_set: unknown rule set "tcs2019"; the rule sets are tcs2016, wtr'
    )


def test_a_shift_of_an_unknown_doctor_names_the_doctors_there_are():
    text = document(shift("2026-08-03T08:00", "2026-08-03T17:00") | {"doctor": "D9"})
    assert only_problem(text) == (
        "shifts[0].doctor: unknown doctor 'D9'; add them to doctors, or use one of D1"
    )


def test_a_doctor_listed_twice_is_an_error():
    text = json.dumps({"doctors": [{"id": "D1"}, {"id": "D2"}, {"id": "D1"}], "shifts": []})
    assert only_problem(text) == (
        "doctors[2].id: doctor 'D1' is listed twice (doctors[0] and doctors[2]); ids must be unique"
    )


@pytest.mark.parametrize(
    ("wte", "expected"),
    [
        (0, "must be at least 0.1 and at most 1; got 0"),
        (0.05, "must be at least 0.1 and at most 1; got 0.05"),
        (1.5, "must be at least 0.1 and at most 1; got 1.5"),
        ("0.6", "wte must be a number such as 0.6; got text"),
        (True, "wte must be a number such as 0.6; got true or false"),
    ],
)
def test_wte_is_a_fraction_from_a_tenth_up_to_one(wte, expected):
    text = json.dumps(
        {
            "period": {"start": "2026-08-03", "end": "2026-08-09"},
            "doctors": [{"id": "D1", "wte": wte}],
            "shifts": [],
        }
    )
    problem = only_problem(text)
    assert problem.startswith("doctors[0].wte: ")
    assert problem.endswith(expected)


def test_opted_out_is_true_or_false():
    text = json.dumps({"doctors": [{"id": "D1", "opted_out": "yes"}], "shifts": []})
    assert "doctors[0].opted_out: opted_out must be true or false; got text" in problems_of(text)


def test_a_period_that_ends_before_it_starts_is_an_error():
    text = document(period={"start": "2026-08-30", "end": "2026-08-03"})
    assert only_problem(text) == (
        "period.end: the period ends (Mon 3 Aug 2026) before it starts (Sun 30 Aug 2026)"
    )


def test_a_shift_starting_outside_the_period_is_an_error_naming_it():
    text = document(
        shift("2026-08-02T20:00", "2026-08-03T08:00"),
        shift("2026-08-09T20:00", "2026-08-10T08:00"),  # ends after the period: allowed
        period={"start": "2026-08-03", "end": "2026-08-09"},
    )
    assert only_problem(text) == (
        "shifts[0].start: the shift starts on Sun 2 Aug 2026, outside the period "
        "Mon 3 Aug 2026 to Sun 9 Aug 2026; the period is the rota cycle, so widen it or "
        "leave the shift out"
    )


def test_json_that_does_not_parse_names_its_line_and_column():
    assert only_problem('{"doctors": [],\n "shifts": [,]}') == (
        "line 2, column 13: not valid JSON: Expecting value"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[]", "the file: the rota must be a JSON object {...}; got a list"),
        ('{"doctors": {}, "shifts": []}', "doctors: must be a list of doctors; got an object"),
        (
            '{"doctors": [], "shifts": [3]}',
            "shifts[0]: a shift must be a JSON object {...}; got a number",
        ),
        ('{"shifts": []}', "doctors: is missing; give a list of doctors, [] for none"),
    ],
)
def test_wrong_types_are_named_by_path(text, expected):
    assert expected in problems_of(text)


def test_an_unknown_key_is_an_error_with_a_guess():
    text = document(shift("2026-08-03T08:00", "2026-08-03T17:00"), perod={})
    assert only_problem(text) == (
        "perod: unknown key 'perod' in the rota; did you mean 'period'? "
        "the keys are period, doctors, shifts"
    )


def test_a_key_given_twice_is_an_error_not_a_silent_choice():
    text = (
        '{"doctors": [{"id": "D1"}], "shifts": [{"doctor": "D1", "start": "2026-08-03T08:00", '
        '"end": "2026-08-03T17:00", "end": "2026-08-03T19:00"}]}'
    )
    assert only_problem(text) == "shifts[0].end: 'end' is given more than once in a shift"


@pytest.mark.parametrize("key", ["doctor", "start", "end"])
def test_a_null_shift_field_is_an_error_not_a_dropped_shift(key):
    text = document(shift("2026-08-03T08:00", "2026-08-03T17:00") | {key: None})
    assert only_problem(text) == f"shifts[0].{key}: must not be null"


def test_a_missing_shift_field_is_named():
    assert only_problem(
        json.dumps(
            {"doctors": [{"id": "D1"}], "shifts": [{"doctor": "D1", "start": "2026-08-03T08:00"}]}
        )
    ) == ("shifts[0].end: is missing")


def test_every_problem_in_the_file_is_reported_at_once():
    text = json.dumps(
        {
            "period": {"start": "2026-08-03", "end": "2026-08-30"},
            "doctors": [{"id": "D1", "wte": 2}, {"id": "D2", "rule_set": "x"}],
            "shifts": [
                shift("2026-08-03T08:00", "2026-08-03T07:00"),
                shift("2026-08-04T08:00", "2026-08-04T17:00", kind="nope"),
                shift("2026-08-05T08:00", "2026-08-05T17:00") | {"doctor": "D3"},
            ],
        }
    )
    assert [p.split(":")[0] for p in problems_of(text)] == [
        "doctors[0].wte",
        "doctors[1].rule_set",
        "shifts[0].end",
        "shifts[1].kind",
        "shifts[2].doctor",
    ]


def test_a_shift_of_a_doctor_whose_entry_has_a_problem_is_not_called_unknown():
    text = json.dumps(
        {
            "doctors": [{"id": "D1", "wte": 2}],
            "shifts": [shift("2026-08-03T08:00", "2026-08-03T17:00")],
        }
    )
    assert problems_of(text) == [
        "doctors[0].wte: wte (whole-time equivalent) must be at least 0.1 and at most 1; got 2"
    ]


def test_the_problem_carries_the_value_at_fault():
    with pytest.raises(UnreadableRota) as caught:
        read_exchange(document(shift("2026-08-03T08:00", "2026-08-03T07:00")))
    assert caught.value.problems[0].value == "2026-08-03T07:00"
    assert caught.value.problems[0].path == "shifts[0].end"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(
    where=st.sampled_from(["period", "doctors", "shifts", "doctor", "start", "end", "kind", "wte"]),
    value=JSON_VALUES,
)
def test_any_value_anywhere_is_read_or_refused_never_a_crash(where, value):
    doc: dict[str, object] = {
        "period": {"start": "2026-08-03", "end": "2026-08-09"},
        "doctors": [{"id": "D1", "wte": 1.0}],
        "shifts": [shift("2026-08-03T08:00", "2026-08-03T17:00")],
    }
    if where in doc:
        doc[where] = value
    elif where == "wte":
        doc["doctors"] = [{"id": "D1", "wte": value}]
    else:
        doc["shifts"] = [shift("2026-08-03T08:00", "2026-08-03T17:00") | {where: value}]
    try:
        read_exchange(json.dumps(doc))
        return
    except UnreadableRota as refused:
        problems = refused.problems
    assert problems
    assert all(str(problem) for problem in problems)


# --- CSV --------------------------------------------------------------------------------


def test_a_csv_of_shifts_implies_its_doctors_and_period():
    rota = read_shift_csv(
        "doctor,start,end,kind\n"
        "D2,2026-08-05T08:00,2026-08-05T17:00,work\n"
        "D1,2026-08-08T09:00,2026-08-09T09:00,on_call\n"
        "D2,2026-08-06T08:00,2026-08-06T17:00,\n"
    )
    assert [d.id for d in rota.doctors] == ["D2", "D1"]
    assert rota.doctors[0] == DoctorTerms("D2")
    assert rota.period == Period(date(2026, 8, 3), date(2026, 8, 9))
    assert [s.kind for s in rota.shifts] == [ShiftKind.WORK, ShiftKind.ON_CALL, ShiftKind.WORK]
    assert rota.shifts[1].source == "line 3"


def test_the_kind_column_may_be_left_out():
    rota = read_shift_csv("doctor,start,end\nD1,2026-08-05T08:00,2026-08-05T17:00\n")
    assert rota.shifts[0].kind is ShiftKind.WORK


def test_csv_problems_name_the_line_and_column():
    problems = problems_of(
        "doctor,start,end,kind\n"
        "D1,2026-08-03T08:00,2026-08-03T17:00,work\n"
        ",2026-08-04T08:00,2026-08-04T07:00,work\n"
        "D1,2026-08-05T08:00,2026-08-05T17:00,nights\n"
        "D1,2027-03-28T01:30,2027-03-28T09:00,\n",
        csv=True,
    )
    assert problems == [
        "line 3, doctor: doctor is missing; give the doctor's id, such as D1",
        "line 3, end: end 2026-08-04T07:00 is before start 2026-08-04T08:00",
        "line 4, kind: unknown kind; the kinds are work, on_call; got 'nights'",
        "line 5, start: start 2027-03-28T01:30 does not exist in London: the clocks go "
        "forward from 01:00 to 02:00 on Sun 28 Mar 2027. Give 02:30 if that is meant.",
    ]


def test_a_csv_without_the_columns_is_refused_as_a_whole():
    problems = problems_of("doctor,begin,end\nD1,2026-08-03T08:00,2026-08-03T17:00\n", csv=True)
    assert any("does not know the column 'begin'" in p for p in problems)
    assert any("has no start column" in p for p in problems)


def test_an_empty_csv_is_refused():
    assert problems_of("", csv=True)[0].startswith("The file is empty.")


def test_the_file_name_or_its_content_decides_the_format():
    csv_text = b"doctor,start,end\nD1,2026-08-03T08:00,2026-08-03T17:00\n"
    json_text = document(shift("2026-08-03T08:00", "2026-08-03T17:00")).encode()
    assert read_rota("rota.csv", csv_text).shifts[0].source == "line 2"
    assert read_rota("rota.json", json_text).shifts[0].source == "shifts[0]"
    assert read_rota("rota", b"  " + json_text).shifts[0].source == "shifts[0]"
    assert read_rota("rota.txt", csv_text).shifts[0].source == "line 2"


def test_a_json_file_that_is_not_utf8_is_refused():
    with pytest.raises(UnreadableRota, match="not UTF-8 text"):
        read_rota("rota.json", b'{"doctors": ["\xff"]}')


def test_a_rota_written_as_an_exchange_document_reads_back_the_same():
    rota = read_exchange(
        json.dumps(
            {
                "period": {"start": "2026-10-19", "end": "2026-10-25"},
                "doctors": [{"id": "D1", "name": "Dr Ada Patel", "wte": 0.6, "grade": "ST3"}],
                "shifts": [
                    shift("2026-10-24T20:00", "2026-10-25T01:30"),
                    shift("2026-10-25T01:30+00:00", "2026-10-25T08:00", kind="on_call"),
                ],
            }
        )
    )
    written = write_exchange(rota)
    assert written["shifts"][1]["start"] == "2026-10-25T01:30+00:00"  # type: ignore[index]
    again = read_exchange(json.dumps(written))
    assert again.period == rota.period
    assert again.doctors == rota.doctors
    assert [(s.doctor, s.start, s.end, s.kind) for s in again.shifts] == [
        (s.doctor, s.start, s.end, s.kind) for s in rota.shifts
    ]


# --- The report -------------------------------------------------------------------------

REPORT = ComplianceReport(
    breaches=(
        Breach(
            rule="max-consecutive-nights",
            doctor="D1",
            start=datetime(2026, 8, 3, 19, 0, tzinfo=UTC),
            end=datetime(2026, 8, 8, 7, 0, tzinfo=UTC),
            value=5,
            limit=4,
            message="Dr Ada Patel works 5 nights in a row from Mon 3 Aug 2026; the limit is 4",
        ),
    ),
    doctors={
        "D1": DoctorFigures(60.0, 60.0, 0, 2, 5, 5, 0),
        "D2": DoctorFigures(100 / 3, 45.123456, 1, 2, 0, 0, 1),
    },
)


def test_the_report_json_has_exactly_the_documented_shape():
    written = write_report_json(REPORT)
    assert written == {
        "compliant": False,
        "breaches": [
            {
                "rule": "max-consecutive-nights",
                "doctor": "D1",
                "start": "2026-08-03T20:00:00+01:00",
                "end": "2026-08-08T08:00:00+01:00",
                "value": 5,
                "limit": 4,
                "message": "Dr Ada Patel works 5 nights in a row from Mon 3 Aug 2026; "
                "the limit is 4",
                "help": "",
            }
        ],
        "derogated": [],
        "local": [],
        "doctors": {
            "D1": {
                "average_weekly_hours": 60,
                "max_hours_in_168h": 60,
                "weekends_worked": 0,
                "weekends_in_period": 2,
                "night_shifts": 5,
                "long_shifts": 5,
                "on_call_periods": 0,
            },
            "D2": {
                "average_weekly_hours": 33.33,
                "max_hours_in_168h": 45.12,
                "weekends_worked": 1,
                "weekends_in_period": 2,
                "night_shifts": 0,
                "long_shifts": 0,
                "on_call_periods": 1,
            },
        },
    }
    assert json.loads(json.dumps(written)) == written


def test_the_text_report_gives_a_verdict_a_table_and_each_breach():
    text = format_report_text(REPORT, {"D1": "Dr Ada Patel"})
    assert text.splitlines()[0] == "Not compliant: 1 breach for 1 of 2 doctors."
    assert "D1 (Dr Ada Patel)" in text
    assert "33.3" in text
    assert "1 of 2" in text
    assert (
        "- max-consecutive-nights, D1 (Dr Ada Patel), Mon 3 Aug 2026 20:00 to "
        "Sat 8 Aug 2026 08:00: Dr Ada Patel works 5 nights in a row" in text
    )


def test_a_compliant_text_report_says_so():
    report = ComplianceReport((), {"D1": DoctorFigures(40, 40, 0, 4, 0, 0, 0)})
    assert format_report_text(report).splitlines()[0] == "Compliant: no breaches for 1 doctor."
