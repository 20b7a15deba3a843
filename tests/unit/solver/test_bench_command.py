"""Parsing ``--instances`` for ``rotaplan bench nrp``."""

from __future__ import annotations

from pathlib import Path

import pytest

from rotaplan.bench_command import COULD_NOT_RUN, parse_instances, run_bench_nrp


def test_ranges_and_lists() -> None:
    assert parse_instances("1-3") == [1, 2, 3]
    assert parse_instances("1,3,5") == [1, 3, 5]
    assert parse_instances("1-2, 8") == [1, 2, 8]


@pytest.mark.parametrize("text", ["", "0", "25", "3-1", "a-b"])
def test_bad_instances_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
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
