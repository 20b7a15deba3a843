"""Reading a job plan document: every problem named by its JSON path."""

from __future__ import annotations

import json
from datetime import time
from fractions import Fraction
from pathlib import Path

import pytest

from rotaplan.engine.jobplan.plan import (
    Category,
    JobPlanContract,
    OnCallCategory,
    Weeks,
    WeeksKind,
)
from rotaplan.engine.jobplan.reader import (
    MAX_ACTIVITIES,
    MAX_JOB_PLAN_BYTES,
    UnreadableJobPlan,
    read_job_plan,
    read_job_plan_bytes,
)

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


def clinic(**changes: object) -> dict[str, object]:
    """A clinic activity; a change to None leaves the key out."""
    item = {"id": "c", "category": "dcc", "weekday": "Mon", "session": "morning", **changes}
    return {key: value for key, value in item.items() if value is not None}


def document(*activities: dict[str, object], **top: object) -> str:
    return json.dumps({"contract": "consultant2003", "activities": list(activities), **top})


def problems(text: str) -> list[str]:
    with pytest.raises(UnreadableJobPlan) as raised:
        read_job_plan(text)
    return [str(problem) for problem in raised.value.problems]


def test_the_examples_read():
    consultant = read_job_plan_bytes((EXAMPLES / "jobplan-consultant.json").read_bytes())
    assert consultant.contract is JobPlanContract.CONSULTANT_2003
    assert len(consultant.activities) == 10
    assert consultant.on_call is not None
    assert consultant.on_call.category is OnCallCategory.A
    assert consultant.on_call.unpredictable_hours == Fraction(3, 2)
    sas = read_job_plan_bytes((EXAMPLES / "jobplan-sas.json").read_bytes())
    assert sas.contract is JobPlanContract.SPECIALTY_DOCTOR_2021
    assert sas.wte == Fraction(4, 5)


def test_defaults_sessions_and_weeks():
    plan = read_job_plan(
        document(
            clinic(),
            clinic(id="e", session="evening", weeks={"one_in": 2}),
            clinic(
                id="s",
                category="spa",
                session=None,
                start="08:30",
                end="10:00",
                weeks={"per_year": 10},
            ),
        )
    )
    assert (plan.wte, plan.weeks_a_year, plan.minimum_spa, plan.on_call) == (
        1,
        42,
        Fraction(3, 2),
        None,
    )
    first, evening, spa = plan.activities
    assert (first.start, first.end, first.description) == (time(9), time(13), "c")
    assert (evening.start, evening.end, evening.weeks) == (
        time(17),
        time(21),
        Weeks(WeeksKind.ONE_IN, 2),
    )
    assert (spa.category, spa.start, spa.end) == (Category.SPA, time(8, 30), time(10))
    assert spa.weeks == Weeks(WeeksKind.PER_YEAR, 10)


def test_wte_is_read_exactly():
    assert read_job_plan(document(wte=0.6)).wte == Fraction(3, 5)


def test_an_end_before_the_start_is_named_by_its_path():
    found = problems(
        document(clinic(), clinic(id="x"), clinic(id="y", session=None, start="13:00", end="12:00"))
    )
    assert found == [
        "activities[2].end: 12:00 is before the start 13:00; an activity ends on the day it "
        "starts (work past midnight is two activities)"
    ]


def test_every_problem_is_listed_with_its_path():
    text = json.dumps(
        {
            "contract": "consultant2004",
            "wte": 1.5,
            "weeks_a_year": 60,
            "activities": [
                {"id": "a", "category": "dcc", "weekday": "Mon", "start": "13:00", "end": "12:00"},
                {"id": "b", "category": "clinic", "weekday": "Funday", "session": "night"},
                {"id": "c", "category": "dcc", "weekday": "Tue", "start": "9am", "end": "13:00"},
                {
                    "id": "d",
                    "category": "dcc",
                    "weekday": "Wed",
                    "session": "morning",
                    "start": "09:00",
                },
                {"id": "e", "category": "dcc", "weekday": "Thu", "start": "10:00", "end": "10:00"},
                {
                    "id": "f",
                    "category": "dcc",
                    "weekday": "Fri",
                    "session": "morning",
                    "weeks": {"one_in": 0},
                },
                {"id": "g", "category": "dcc", "wekday": "Fri", "session": "morning"},
                {"id": "a", "category": "dcc", "weekday": "Sat", "session": "morning"},
                {"id": "h", "category": "dcc", "weekday": "Sun"},
            ],
            "on_call": {"one_in": 0, "category": "C", "unpredictable_hours": -1},
        }
    )
    found = problems(text)
    expected = [
        "contract: unknown contract; the contracts are consultant2003, specialty2021, "
        "specialist2021",
        "wte: must be from 0.1 to 1; got 1.5",
        "weeks_a_year: must be from 1 to 52; got 60",
        "activities[0].end: 12:00 is before the start 13:00",
        "activities[1].category: unknown category; the categories are dcc, spa, anr, external",
        "activities[1].weekday: must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun; got 'Funday'",
        "activities[1].session: must be one of morning, afternoon, evening",
        "activities[2].start: must be a time from 00:00 to 23:59 written HH:MM",
        "activities[3].session: give a session or a start and an end, not both",
        "activities[4].end: 10:00 is the same as the start",
        "activities[5].weeks.one_in: must be from 1 to 52; got 0",
        "activities[6].wekday: unknown key 'wekday' in an activity; did you mean 'weekday'?",
        "activities[6].weekday: is missing",
        "activities[7].id: activity 'a' is listed twice (activities[0] and activities[7])",
        "activities[8]: give a session (morning, afternoon, evening) or a start and an end",
        "on_call.one_in: must be from 1 to 52; got 0",
        "on_call.category: must be A (return to site at once) or B",
        "on_call.unpredictable_hours: must be from 0 to 168; got -1",
    ]
    for start in expected:
        assert any(problem.startswith(start) for problem in found), (start, found)


def test_a_weeks_of_more_than_the_year_is_refused():
    found = problems(document(clinic(weeks={"per_year": 45})))
    assert found == ["activities[0].weeks.per_year: must be from 1 to 42; got 45"]


def test_weeks_in_another_shape_is_refused():
    assert problems(document(clinic(weeks="fortnightly")))[0].startswith(
        'activities[0].weeks: must be "every", {"one_in": N} or {"per_year": K}'
    )
    assert problems(document(clinic(weeks={"one_in": 2, "per_year": 3})))[0].startswith(
        "activities[0].weeks: give one of"
    )


def test_missing_contract_and_activities():
    found = problems(json.dumps({}))
    assert "contract: is missing" in found
    assert any(problem.startswith("activities: is missing") for problem in found)


def test_not_json_and_not_an_object():
    assert problems("{")[0].startswith("line 1, column 2: not valid JSON")
    assert problems("[]")[0].startswith("the file: the job plan must be a JSON object")


def test_the_document_is_bounded():
    with pytest.raises(UnreadableJobPlan, match="may be up to 1,024 KB"):
        read_job_plan_bytes(b" " * (MAX_JOB_PLAN_BYTES + 1))
    too_many = [clinic(id=str(n)) for n in range(MAX_ACTIVITIES + 1)]
    assert problems(document(*too_many)) == [
        f"activities: there are {MAX_ACTIVITIES + 1} activities; "
        f"a document may hold {MAX_ACTIVITIES}"
    ]
    assert problems('{"contract": "consultant2003", "activities": [], "wte": NaN}')[0].startswith(
        "line 1"
    )
