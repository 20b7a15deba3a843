"""``rotaplan generate`` and ``rotaplan rota-size`` from the command line: the rota comes
out in the exchange format that ``rotaplan check`` reads, and a bad problem file gets
its problems named."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rotaplan.cli import app
from rotaplan.engine.formats.exchange_reader import read_exchange
from rotaplan.engine.rules import check_rota

EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "rota-problem.json"
runner = CliRunner()


def test_generate_writes_a_rota_the_rules_engine_accepts(tmp_path: Path) -> None:
    out = tmp_path / "rota.json"

    result = runner.invoke(
        app,
        ["generate", str(EXAMPLE), "--time-limit", "3", "--deterministic", "--output", str(out)],
    )

    assert result.exit_code in (0, 1), result.output
    rota = read_exchange(out.read_text())
    assert rota.shifts
    assert check_rota(rota).breaches == ()
    assert "requests honoured" in result.output
    assert "spread (most - fewest per full-time share)" in result.output


def test_an_unreadable_problem_is_named_and_exits_2(tmp_path: Path) -> None:
    bad = json.loads(EXAMPLE.read_text())
    bad["doctors"] = []
    bad["demand"][0]["date"] = bad["demand"][0]["until"] = "2026-09-30"
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(bad))

    result = runner.invoke(app, ["generate", str(path), "--time-limit", "1", "--deterministic"])

    assert result.exit_code == 2
    assert "doctors: " in result.output
    assert "demand[0].date: Wed 30 Sep 2026 is outside the period" in result.output


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate", str(tmp_path / "nope.json")])

    assert result.exit_code == 2
    assert "nope.json" in result.output


def test_rota_size_prints_the_team_it_found(tmp_path: Path) -> None:
    problem = json.loads(EXAMPLE.read_text())
    problem["demand"] = [{"date": "2026-08-03", "until": "2026-08-16", "shift": "N", "minimum": 1}]
    problem["unavailable"], problem["fixed"], problem["requests"] = [], [], []
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(problem))

    result = runner.invoke(app, ["rota-size", str(path), "--time-limit", "2", "--deterministic"])

    assert result.exit_code == 0, result.output
    assert (
        "full-time doctors, each able to work every shift type, cover this pattern" in result.output
    )


def test_rota_size_stops_when_more_doctors_do_not_help(tmp_path: Path) -> None:
    # One week holds one weekend, and 1 in 2 of one weekend rounds down to none: no team
    # can staff Friday to Sunday nights, however large.
    problem = json.loads(EXAMPLE.read_text())
    problem["period"]["end"] = "2026-08-09"
    problem["demand"] = [{"date": "2026-08-03", "until": "2026-08-09", "shift": "N", "minimum": 1}]
    problem["unavailable"], problem["fixed"], problem["requests"] = [], [], []
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(problem))

    result = runner.invoke(app, ["rota-size", str(path), "--time-limit", "2", "--deterministic"])

    assert result.exit_code == 1
    assert "More doctors do not help" in result.output
    assert "at the weekend limit (1 in 2)" in result.output
