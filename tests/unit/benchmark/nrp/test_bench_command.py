"""``rotaplan bench nrp``: parsing ``--instances``, and the table it prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rotaplan.cli.bench import ALL_OK, COULD_NOT_RUN, parse_instances, run_bench_nrp

from .conftest import TINY


def test_ranges_and_lists() -> None:
    assert parse_instances("1-3") == [1, 2, 3]
    assert parse_instances("1,3,5") == [1, 3, 5]
    assert parse_instances("1-2, 8") == [1, 2, 8]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no instances given"),
        ("0", "instance 0 does not exist; they are numbered 1-24"),
        ("25", "instance 25 does not exist; they are numbered 1-24"),
        ("3-1", "range '3-1' runs backwards"),
        ("a-b", "'a-b' is not a number or a range like 1-12"),
    ],
)
def test_bad_instances_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_instances(text)


def test_missing_data_folder_is_named(tmp_path: Path) -> None:
    said: list[str] = []
    code = run_bench_nrp(
        instances="1",
        time_limit=1,
        workers=1,
        seed=0,
        data=tmp_path / "nowhere",
        write_solutions=None,
        echo=lambda msg, **_: said.append(msg),
    )
    assert code == COULD_NOT_RUN
    assert str(tmp_path / "nowhere") in said[0]


def test_a_solved_instance_is_one_row_checked_by_the_evaluator(tmp_path: Path) -> None:
    """The tiny instance stands in for Instance1.txt. Its optimum is 13, by hand: A works E
    on days 0 and 1, B works L on days 0 and 2; B's request for E on day 2 is refused (3) and
    L on day 1 is uncovered (10), and any other roster costs more. The search proves it long
    before the limit, so every figure in the row but the seconds is the same on any machine."""
    (tmp_path / "Instance1.txt").write_text(TINY, encoding="utf-8")
    said: list[str] = []
    code = run_bench_nrp(
        instances="1",
        time_limit=60,
        workers=1,
        seed=0,
        data=tmp_path,
        write_solutions=tmp_path / "out",
        echo=lambda msg, **_: said.append(msg),
    )
    assert code == ALL_OK
    assert said[0].split() == [
        "inst",
        "objective",
        "bound",
        "best",
        "gap",
        "%",
        "first",
        "s",
        "best",
        "s",
        "status",
        "evaluator",
    ]
    inst, objective, bound, best, gap, _first, _best_at, status, verdict = said[1].split()
    assert (inst, best, status, verdict) == ("1", "607", "OPTIMAL", "OK")
    assert (objective, bound) == ("13", "13")
    assert gap == "-97.86"  # 100 x (13 - 607) / 607
    assert (tmp_path / "out" / "Instance1.csv").is_file()
