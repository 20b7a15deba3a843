"""``rotaplan check FILE``: the documented examples, the exit codes and the report shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rotaplan.cli import app

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"

runner = CliRunner()


def check(*args: str | Path):
    return runner.invoke(app, ["check", *(str(a) for a in args)])


@pytest.mark.parametrize(
    ("example", "exit_code"),
    [
        ("rota-compliant.json", 0),
        ("shifts.csv", 0),
        ("rota-breaches.json", 1),
        ("rota-unreadable.json", 2),
    ],
)
def test_the_documented_examples_give_the_documented_exit_codes(example, exit_code):
    result = check(EXAMPLES / example)
    assert result.exit_code == exit_code, result.output


def test_the_json_report_has_exactly_the_specified_keys():
    result = check(EXAMPLES / "rota-breaches.json", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"compliant", "breaches", "derogated", "local", "doctors"}
    assert report["compliant"] is False
    assert report["breaches"]
    for breach in report["breaches"]:
        assert set(breach) == {
            "rule", "doctor", "start", "end", "value", "limit", "message", "help"
        }  # fmt: skip
        assert breach["help"]
    assert set(report["doctors"]) == {"D1", "D2"}
    for figures in report["doctors"].values():
        assert set(figures) == {
            "average_weekly_hours",
            "max_hours_in_168h",
            "weekends_worked",
            "weekends_in_period",
            "night_shifts",
            "long_shifts",
            "on_call_periods",
        }
    nights = next(b for b in report["breaches"] if b["rule"] == "max-consecutive-nights")
    assert nights["doctor"] == "D1"
    assert nights["start"] == "2026-08-03T20:00:00+01:00"
    assert (nights["value"], nights["limit"]) == (5, 4)


def test_a_compliant_rota_as_json():
    result = check(EXAMPLES / "rota-compliant.json", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["compliant"] is True
    assert report["breaches"] == []
    assert report["doctors"]["D1"]["average_weekly_hours"] == 45


def test_the_text_report_names_the_rule_and_the_doctor():
    result = check(EXAMPLES / "rota-breaches.json")
    assert result.exit_code == 1
    assert result.stdout.startswith("Not compliant:")
    assert "max-consecutive-nights, D1 (Dr Ada Patel)" in result.stdout
    assert "max-shift-length, D2 (Dr Bea Okafor)" in result.stdout


def test_an_unreadable_file_prints_each_problem_to_stderr_and_nothing_to_stdout():
    result = check(EXAMPLES / "rota-unreadable.json", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert "shifts[0].end: end 2026-08-03T07:00 is before start 2026-08-03T08:00" in lines
    assert any(line.startswith("shifts[1].end: a 40-hour shift is not a shift") for line in lines)
    assert "shifts[2].doctor: unknown doctor 'D9'; add them to doctors, or use one of D1, D2" in (
        lines
    )
    assert lines[-1] == "rota-unreadable.json: 8 problems; not checked."


def test_a_bad_csv_line_is_named(tmp_path):
    file = tmp_path / "shifts.csv"
    file.write_text(
        "doctor,start,end,kind\n"
        "D1,2026-08-03T08:00,2026-08-03T17:00,work\n"
        "D1,2026-08-04T08:00,2026-08-04T08:00,work\n"
    )
    result = check(file)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "line 3, end: end equals start (2026-08-04T08:00); a shift must last some time"
    )


def test_json_that_does_not_parse_exits_2_naming_line_and_column(tmp_path):
    file = tmp_path / "rota.json"
    file.write_text('{"doctors": []\n "shifts": []}')
    result = check(file)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "line 2, column 2: not valid JSON: Expecting ',' delimiter"
    )


def test_overlapping_shifts_are_a_breach_not_a_crash(tmp_path):
    file = tmp_path / "rota.json"
    file.write_text(
        json.dumps(
            {
                "doctors": [{"id": "D1"}],
                "shifts": [
                    {"doctor": "D1", "start": "2026-08-03T08:00", "end": "2026-08-03T17:00"},
                    {"doctor": "D1", "start": "2026-08-03T16:00", "end": "2026-08-03T20:00"},
                ],
            }
        )
    )
    result = check(file, "--format", "json")
    assert result.exit_code == 1
    assert "overlapping-shifts" in {b["rule"] for b in json.loads(result.stdout)["breaches"]}


def test_a_missing_file_exits_2():
    assert check("no-such-rota.json").exit_code == 2


def test_checking_needs_no_django():
    """The check runs without a database, so its path must not import Django at all."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from rotaplan.cli import app\n"
        f"result = CliRunner().invoke(app, ['check', {str(EXAMPLES / 'shifts.csv')!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "assert 'django' not in sys.modules, 'django was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
