"""Both rota documents are read within bounds: bytes, entries, problems, the period, the
years, the counts the solver holds; and whatever bytes or values they are given, their
readers answer with a rota, a problem or their Unreadable error, never anything else."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotaplan.engine.formats import exchange_reader, problem_reader
from rotaplan.engine.formats.exchange_reader import (
    UnreadableRota,
    read_exchange,
    read_rota,
    read_shift_csv,
)
from rotaplan.engine.formats.json_bounds import MAX_DOCUMENT_BYTES
from rotaplan.engine.formats.problem_reader import (
    UnreadableProblem,
    read_problem,
    read_problem_bytes,
)

from .example_documents import (
    EXAMPLES,
    PROBLEM,
    ROTA,
    changed,
    problem_problems,
    rota_problems,
    shift,
)

# --- how much is read -------------------------------------------------------------------


def test_a_rota_file_over_the_size_limit_is_refused_unread():
    for name in ("rota.json", "rota.csv"):
        with pytest.raises(UnreadableRota, match="a rota document may be up to 64 MB"):
            read_rota(name, b" " * (MAX_DOCUMENT_BYTES + 1))


def test_more_shifts_than_a_rota_may_hold_are_not_read(monkeypatch):
    monkeypatch.setattr(exchange_reader, "MAX_SHIFTS", 2)
    document = {"doctors": [{"id": "D1"}], "shifts": [{}, {}, {}]}
    assert rota_problems(document) == ["shifts: there are 3 shifts; a document may hold 2"]


def test_more_doctors_than_a_rota_may_hold_are_not_read(monkeypatch):
    monkeypatch.setattr(exchange_reader, "MAX_DOCTORS", 1)
    document = changed(ROTA, doctors=[{"id": "D1"}, {"id": "D2"}], shifts=[])
    assert rota_problems(document) == ["doctors: there are 2 doctors; a document may hold 1"]


def test_a_csv_of_more_shifts_than_allowed_is_refused(monkeypatch):
    monkeypatch.setattr(exchange_reader, "MAX_SHIFTS", 2)
    rows = "D1,2026-08-03T08:00,2026-08-03T17:00\n" * 3
    with pytest.raises(UnreadableRota) as caught:
        read_shift_csv("doctor,start,end\n" + rows)
    assert [str(p) for p in caught.value.problems] == [
        "The file has more than 2 shifts; at most 2 are read. Split it into smaller files."
    ]


def test_reading_stops_after_a_thousand_problems():
    problems = rota_problems({"doctors": [], "shifts": [{}] * 5_000})
    assert len(problems) == 1_000 + 1
    assert problems[0] == "shifts[0].doctor: is missing"
    assert problems[-1] == (
        "reading stopped: 1,000 problems found; correct these and read it again"
    )


def test_a_csv_stops_after_a_thousand_problems():
    rows = "D1,soon,later\n" * 5_000
    with pytest.raises(UnreadableRota) as caught:
        read_shift_csv("doctor,start,end\n" + rows)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1_000 + 1
    assert problems[-1] == (
        "reading stopped at line 502: 1,000 problems found; correct these and read it again"
    )


def test_a_long_name_is_shortened_in_the_message():
    key = "x" * 10_000
    (problem,) = rota_problems(changed(ROTA, **{key: 1}))
    assert len(problem) < 300
    assert f"unknown key '{'x' * 57}...' in the rota" in problem


# --- what the fields may hold -----------------------------------------------------------


def test_shifts_more_than_three_years_apart_are_refused():
    document = {
        "doctors": [{"id": "D1"}],
        "shifts": [
            shift("2026-08-03T08:00", "2026-08-03T17:00"),
            shift("2099-08-03T08:00", "2099-08-03T17:00"),
        ],
    }
    (problem,) = rota_problems(document)
    assert problem.startswith("shifts: the shifts span 26,670 days; a rota may cover at most")
    with pytest.raises(UnreadableRota, match="The shifts span 26,670 days"):
        read_shift_csv(
            "doctor,start,end\nD1,2026-08-03T08:00,2026-08-03T17:00\n"
            "D1,2099-08-03T08:00,2099-08-03T17:00\n"
        )


@pytest.mark.parametrize(
    ("entry", "key", "path"),
    [("demand", "minimum", "demand[0].minimum"), ("requests", "weight", "requests[0].weight")],
)
def test_a_count_the_solver_cannot_hold_is_refused(entry, key, path):
    document = copy.deepcopy(PROBLEM)
    document[entry][0][key] = 10**30
    assert f"{path}: {key} must be at most 1,000; got 1e+30" in problem_problems(document)


def test_more_days_than_the_date_ranges_may_name_are_refused(monkeypatch):
    monkeypatch.setattr(problem_reader, "MAX_DAYS_NAMED", 5)
    # demand[0] names Mon 3 to Fri 7 Aug, five days; demand[1] five more.
    assert (
        "demand[1]: the document's date ranges name more than 5 days in all; give each range "
        "once" in problem_problems(PROBLEM)
    )


@pytest.mark.parametrize(
    ("key", "bound"),
    [
        ("doctors", "MAX_DOCTORS"),
        ("shift_types", "MAX_SHIFT_TYPES"),
        ("demand", "MAX_ENTRIES"),
        ("unavailable", "MAX_ENTRIES"),
        ("fixed", "MAX_ENTRIES"),
        ("requests", "MAX_ENTRIES"),
    ],
)
def test_each_list_of_a_problem_is_bounded(monkeypatch, key, bound):
    monkeypatch.setattr(problem_reader, bound, 0)
    problems = problem_problems(changed(PROBLEM, **{key: [{}]}))
    assert any(p.startswith(f"{key}: there are 1 ") for p in problems), problems


def test_a_problem_too_big_to_solve_is_refused(monkeypatch):
    monkeypatch.setattr(problem_reader, "MAX_GRID_CELLS", 6 * 14 * 3 - 1)
    assert problem_problems(PROBLEM) == [
        "the problem is too big to solve: 6 doctors x 14 days x 3 shift types is 252 choices, "
        "and the solver takes at most 251; split the period or the doctors into smaller "
        "problems"
    ]


def test_a_problem_file_may_begin_with_a_byte_order_mark():
    data = b"\xef\xbb\xbf" + (EXAMPLES / "rota-problem.json").read_bytes()
    assert len(read_problem_bytes(data).doctors) == 6


# --- whatever they are given ------------------------------------------------------------


def read_any(read: Any, data: Any) -> None:
    """``read(data)`` reads, or raises its Unreadable error with at least one problem:
    anything else raised fails the test."""
    assert refused(read, data) != ()


def refused(read: Any, data: Any) -> tuple[object, ...] | None:
    try:
        read(data)
    except (UnreadableRota, UnreadableProblem) as unreadable:
        return unreadable.problems
    return None


@settings(max_examples=200)
@given(st.binary(max_size=2_000), st.sampled_from(["rota.json", "rota.csv", "rota"]))
def test_any_bytes_are_a_rota_or_unreadable(data, name):
    read_any(lambda d: read_rota(name, d), data)


@settings(max_examples=200)
@given(st.binary(max_size=2_000))
def test_any_bytes_are_a_problem_or_unreadable(data):
    read_any(read_problem_bytes, data)


@settings(max_examples=200)
@given(st.text(max_size=2_000))
def test_any_text_is_a_rota_or_a_problem_or_unreadable(text):
    read_any(read_exchange, text)
    read_any(read_problem, text)


def places(value: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document a value sits, the document itself first."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += places(item, (*path, index))
    return found


def put(document: Any, path: tuple[Any, ...], value: object) -> Any:
    if not path:
        return value
    copied = copy.deepcopy(document)
    parent = copied
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return copied


ODD_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**40), 10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.from_regex(
        r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?", fullmatch=True
    )
    | st.from_regex(r"\d{2}:\d{2}", fullmatch=True),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "date", "until", "start", "x"]), children, max_size=3
        )
    ),
    max_leaves=8,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(places(ROTA)), ODD_VALUES)
def test_any_value_anywhere_in_a_rota_is_read_or_named(path, value):
    read_any(read_exchange, json.dumps(put(ROTA, path, value)))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(places(PROBLEM)), ODD_VALUES)
def test_any_value_anywhere_in_a_problem_is_read_or_named(path, value):
    read_any(read_problem, json.dumps(put(PROBLEM, path, value)))
