"""How a generation run's progress reads: never more seconds than allowed while it runs,
and no "not known yet" once it has finished."""

from __future__ import annotations

from rotaplan.rotas.generation.presenters import progress_rows
from rotaplan.rotas.models import GenerationRun, RunStatus


def _rows(run: GenerationRun, elapsed: float) -> dict[str, str]:
    return {row["key"]["text"]: row["value"]["text"] for row in progress_rows(run, elapsed)}


def test_a_running_search_counts_its_time_against_the_limit_and_never_past_it():
    run = GenerationRun(status=RunStatus.RUNNING, time_limit=60)
    assert _rows(run, 12.4)["Time taken"] == "12 of 60 seconds"
    assert _rows(run, 61.2)["Time taken"] == "60 of 60 seconds"
    assert _rows(run, 61.2)["Best score possible"] == "Not known yet"
    assert _rows(run, 61.2)["Best score so far"] == "No rota found yet"


def test_a_finished_run_says_how_long_it_took_and_what_was_proved():
    run = GenerationRun(
        status=RunStatus.SUCCEEDED, time_limit=60, objective=2046, bound=0, solutions=3
    )
    rows = _rows(run, 61.2)
    assert rows["Time taken"] == "61 seconds"
    assert rows["Best score"] == "2,046"
    assert rows["Best score possible"] == "Not worked out in the time allowed"
    assert rows["Rotas found"] == "3"
    proved = GenerationRun(status=RunStatus.SUCCEEDED, time_limit=60, objective=10, bound=10)
    assert _rows(proved, 5)["Best score possible"] == "10"


def test_a_run_that_found_nothing_says_so_without_yet():
    run = GenerationRun(status=RunStatus.FAILED, time_limit=60)
    assert _rows(run, 60)["Best score"] == "No rota found"
