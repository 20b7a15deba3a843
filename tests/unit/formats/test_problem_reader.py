"""The rota problem document: the example reads, each fault is one problem at its path,
and qualification is grade (any of) and competencies (all of)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from rotaplan.engine.formats.problem_reader import UnreadableProblem, read_problem
from rotaplan.engine.rota import RuleSetName, ShiftKind
from rotaplan.engine.solver.problem import (
    CoverMix,
    FixedShift,
    FixedTime,
    Policy,
    ProblemDoctor,
    Reason,
    RequestKind,
    ShiftTypeSpec,
    demand_by_day,
    qualified,
)

EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "rota-problem.json"
DOCUMENT: dict[str, Any] = json.loads(EXAMPLE.read_text())


def test_the_example_reads() -> None:
    problem = read_problem(EXAMPLE.read_text())

    assert problem.period.days == 14
    assert [d.id for d in problem.doctors] == ["D1", "D2", "D3", "D4", "D5", "D6"]
    assert [s.code for s in problem.shift_types] == ["D", "LD", "N"]
    night = problem.shift_type("N")
    assert (night.start, night.end, night.kind) == (time(20), time(8, 30), ShiftKind.WORK)
    assert night.grades == {"ST3", "CT2"}
    assert len(problem.demand) == 5 + 5 + 14 + 14
    # "D: 2 to 3 doctors; at least 1 of CT1, CT2 or ST3"
    assert problem.demand[0].mix == (CoverMix(1, frozenset({"ST3", "CT2", "CT1"})),)
    assert problem.demand[0].mix[0].who == "CT1, CT2 or ST3"
    assert problem.demand[-1].mix == ()
    d2, d3, d4 = problem.doctors[1:4]
    assert len(d2.unavailable) == 5
    assert d2.unavailable[0].reason is Reason.LEAVE
    assert d3.wte == 0.6
    assert problem.doctors[0].fixed == (FixedShift(date(2026, 8, 3), "N"),)
    assert isinstance(d4.fixed[0], FixedTime)
    assert d4.fixed[0].label == "Teaching"
    off_weekend = problem.requests[0]
    assert off_weekend.kind is RequestKind.OFF
    assert off_weekend.dates == (date(2026, 8, 8), date(2026, 8, 9))
    assert off_weekend.weight == 3
    assert problem.requests[1].shift == "LD"
    d6 = problem.doctors[5]
    assert problem.terms(d6).rule_set is RuleSetName.WTR
    assert problem.terms(d2).rule_set is RuleSetName.TCS2016


def test_demand_by_day_lists_every_day_of_the_period() -> None:
    problem = read_problem(EXAMPLE.read_text())

    days = demand_by_day(problem)

    assert list(days) == sorted(days)
    assert len(days) == 14
    assert set(days[date(2026, 8, 3)]) == {"D", "LD", "N"}
    assert set(days[date(2026, 8, 8)]) == {"LD", "N"}  # no day shift at the weekend
    assert days[date(2026, 8, 3)]["D"].ideal == 3
    assert days[date(2026, 8, 3)]["N"].ideal == 1  # ideal defaults to the minimum


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        if isinstance(target, list) and path[-1] == len(target):
            target.append(value)
        else:
            target[path[-1]] = value

    return change


def _unqualify_nights(document: dict[str, Any]) -> None:
    document["shift_types"][2]["competencies"] = ["ALS", "airway"]
    document["shift_types"][2]["grades"] = ["ST4"]


def _together_on_leave(document: dict[str, Any]) -> None:
    document["local_rules"] = {"together": [["D1", "D2"]]}
    document["fixed"][0]["date"] = "2026-08-11"  # D2 is on leave from the 10th to the 14th


BAD = [
    (
        "a doctor who must work with someone on leave",
        _together_on_leave,
        "local_rules.together[0]",
        "D1 must work with D2, who is unavailable on Tue 11 Aug 2026, when D1 is fixed to N; "
        "no rota keeps both",
    ),
    (
        "a pair kept together and apart",
        _set(("local_rules",), {"together": [["D1", "D2"]], "apart": [["D2", "D1"]]}),
        "local_rules.together",
        "are to work together and kept apart; choose one",
    ),
    (
        "a pair with an unknown doctor",
        _set(("local_rules",), {"apart": [["D1", "D9"]]}),
        "local_rules.apart[0]",
        "unknown doctor 'D9'",
    ),
    (
        "a local limit of no nights",
        _set(("local_rules",), {"max_nights_in_a_row": 0}),
        "local_rules.max_nights_in_a_row",
        "at least 1",
    ),
    (
        "an unknown policy",
        _set(("policies",), {"whole_days": False}),
        "policies.whole_days",
        "unknown policy 'whole_days'; the policies are whole_free_days, ltft_hours_pro_rata",
    ),
    (
        "a policy not true or false",
        _set(("policies",), {"whole_free_days": "no"}),
        "policies.whole_free_days",
        "whole_free_days must be true or false",
    ),
    (
        "a mix larger than the shift",
        _set(("demand", 0, "mix", 0, "at_least"), 4),
        "demand[0].mix[0].at_least",
        "at least 4 is more than the ideal (3)",
    ),
    (
        "a mix naming nobody",
        _set(("demand", 0, "mix", 0), {"at_least": 1}),
        "demand[0].mix[0]",
        "name the grades or the competencies this part needs",
    ),
    (
        "a mix no qualified doctor counts for",
        _set(("demand", 0, "mix", 0, "grades"), ["ST7"]),
        "demand[0].mix[0]",
        "D (Day) needs at least 1 of ST7, but 0 of the doctors qualified for it are ST7",
    ),
    ("no doctors", _set(("doctors",), []), "doctors", "no doctors"),
    (
        "unknown shift in demand",
        _set(("demand", 1, "shift"), "E"),
        "demand[1].shift",
        "unknown shift 'E'",
    ),
    (
        "demand outside the period",
        _set(("demand", 0, "date"), "2026-07-31"),
        "demand[0].date",
        "outside the period",
    ),
    (
        "demand range running past the period",
        _set(("demand", 2, "until"), "2026-08-17"),
        "demand[2].until",
        "outside the period",
    ),
    (
        "unqualified shift type",
        _unqualify_nights,
        "shift_types[2]",
        "no doctor is qualified for it",
    ),
    (
        "minimum above ideal",
        _set(("demand", 0, "minimum"), 4),
        "demand[0].ideal",
        "less than minimum",
    ),
    (
        "negative minimum",
        _set(("demand", 2, "minimum"), -1),
        "demand[2].minimum",
        "at least 0",
    ),
    (
        "zero weight",
        _set(("requests", 0, "weight"), 0),
        "requests[0].weight",
        "at least 1",
    ),
    ("duplicate doctor", _set(("doctors", 6), {"id": "D1"}), "doctors[6].id", "listed twice"),
    (
        "duplicate shift code",
        _set(("shift_types", 3), {"code": "D", "start": "09:00", "end": "17:00"}),
        "shift_types[3].code",
        "listed twice",
    ),
    (
        "demand given twice",
        _set(("demand", 1, "date"), "2026-08-07"),
        "demand[1]",
        "already given by demand[0]",
    ),
    (
        "unknown doctor in a request",
        _set(("requests", 2, "doctor"), "D9"),
        "requests[2].doctor",
        "unknown doctor 'D9'",
    ),
    (
        "unknown doctor in unavailability",
        _set(("unavailable", 0, "doctor"), "D9"),
        "unavailable[0].doctor",
        "unknown doctor 'D9'",
    ),
    (
        "date not ISO",
        _set(("unavailable", 1, "date"), "05/08/2026"),
        "unavailable[1].date",
        "such as 2026-08-03",
    ),
    (
        "request date not ISO",
        _set(("requests", 1, "dates", 1), "12 Aug"),
        "requests[1].dates[1]",
        "such as 2026-08-03",
    ),
    ("wte zero", _set(("doctors", 2, "wte"), 0), "doctors[2].wte", "at least 0.1"),
    ("wte above one", _set(("doctors", 2, "wte"), 1.2), "doctors[2].wte", "at most 1"),
    ("unknown key", _set(("doctors", 0, "grades"), ["ST3"]), "doctors[0].grades", "did you mean"),
    ("unknown top key", _set(("shifts",), []), "shifts", "unknown key 'shifts'"),
    (
        "weekend not a Saturday",
        _set(("requests", 0, "weekend"), "2026-08-09"),
        "requests[0].weekend",
        "Saturday",
    ),
    (
        "shift time not a time",
        _set(("shift_types", 0, "start"), "8am"),
        "shift_types[0].start",
        "24-hour time",
    ),
    (
        "unknown request kind",
        _set(("requests", 0, "kind"), "never"),
        "requests[0].kind",
        "the kinds are off, on",
    ),
    (
        "fixed shift and time range at once",
        _set(("fixed", 0, "start"), "2026-08-03T09:00"),
        "fixed[0]",
        "not both",
    ),
    (
        "unknown shift in a fixed commitment",
        _set(("fixed", 0, "shift"), "X"),
        "fixed[0].shift",
        "unknown shift 'X'",
    ),
]


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [pytest.param(change, path, words, id=name) for name, change, path, words in BAD],
)
def test_each_fault_is_one_problem_at_its_path(
    change: Callable[[dict[str, Any]], None], path: str, words: str
) -> None:
    document = copy.deepcopy(DOCUMENT)
    change(document)

    with pytest.raises(UnreadableProblem) as raised:
        read_problem(json.dumps(document))

    problems = raised.value.problems
    assert [p.path for p in problems] == [path], [str(p) for p in problems]
    assert words in problems[0].message


def test_an_unstaffable_shift_names_what_it_needs_and_the_closest_doctors() -> None:
    document = copy.deepcopy(DOCUMENT)
    _unqualify_nights(document)

    with pytest.raises(UnreadableProblem) as raised:
        read_problem(json.dumps(document))

    message = raised.value.problems[0].message
    assert "N (Night)" in message
    assert "grade ST4 and competencies ALS, airway" in message
    assert "the closest are D1 (grade ST3 is not ST4)" in message


def test_a_shift_type_with_no_demand_need_not_be_staffable() -> None:
    document = copy.deepcopy(DOCUMENT)
    _unqualify_nights(document)
    document["demand"] = [d for d in document["demand"] if d["shift"] != "N"]
    document["fixed"] = document["fixed"][1:]

    assert read_problem(json.dumps(document)).shift_type("N").grades == {"ST4"}


def test_every_problem_is_listed_at_once() -> None:
    document = copy.deepcopy(DOCUMENT)
    document["doctors"][0]["wte"] = 2
    document["demand"][0]["shift"] = "E"
    document["requests"][0]["doctor"] = "D9"

    with pytest.raises(UnreadableProblem) as raised:
        read_problem(json.dumps(document))

    assert [p.path for p in raised.value.problems] == [
        "doctors[0].wte",
        "demand[0].shift",
        "requests[0].doctor",
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("{not json", "not valid JSON", id="not-json"),
        pytest.param("[]", "must be a JSON object", id="not-an-object"),
        pytest.param("{}", "period: is missing", id="empty"),
    ],
)
def test_an_unreadable_document_says_why(text: str, words: str) -> None:
    with pytest.raises(UnreadableProblem, match=words):
        read_problem(text)


def _doctor(grade: str, *competencies: str) -> ProblemDoctor:
    return ProblemDoctor("D1", grade=grade, competencies=frozenset(competencies))


def _shift(grades: tuple[str, ...] = (), needs: tuple[str, ...] = ()) -> ShiftTypeSpec:
    return ShiftTypeSpec(
        "N", "Night", time(20), time(8), grades=frozenset(grades), competencies=frozenset(needs)
    )


@pytest.mark.parametrize(
    ("doctor", "shift_type", "expected"),
    [
        pytest.param(_doctor("FY1"), _shift(), True, id="no-requirements"),
        pytest.param(_doctor("ST3"), _shift(grades=("ST3", "CT2")), True, id="grade-in-set"),
        pytest.param(_doctor("FY1"), _shift(grades=("ST3", "CT2")), False, id="grade-not-in-set"),
        pytest.param(_doctor(""), _shift(grades=("ST3",)), False, id="no-grade"),
        pytest.param(_doctor("FY1", "ALS", "airway"), _shift(needs=("ALS",)), True, id="superset"),
        pytest.param(
            _doctor("FY1", "ALS"), _shift(needs=("ALS", "airway")), False, id="needs-all-of"
        ),
        pytest.param(
            _doctor("CT2", "airway"),
            _shift(grades=("CT2",), needs=("ALS",)),
            False,
            id="grade-but-not-competency",
        ),
    ],
)
def test_qualified(doctor: ProblemDoctor, shift_type: ShiftTypeSpec, expected: bool) -> None:
    assert qualified(doctor, shift_type) is expected


def test_every_policy_is_on_unless_the_document_switches_it_off() -> None:
    assert read_problem(EXAMPLE.read_text()).policies == frozenset(Policy)
    document = copy.deepcopy(DOCUMENT) | {"policies": {"ltft_hours_pro_rata": False}}
    assert read_problem(json.dumps(document)).policies == frozenset(Policy) - {
        Policy.LTFT_HOURS_PRO_RATA
    }
