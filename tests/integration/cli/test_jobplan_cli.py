"""``rotaplan jobplan FILE``: the documented examples, the exit codes and the report shapes."""

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


def jobplan(*args: str | Path):
    return runner.invoke(app, ["jobplan", *(str(a) for a in args)])


@pytest.mark.parametrize(
    ("example", "exit_code"), [("jobplan-consultant.json", 0), ("jobplan-sas.json", 1)]
)
def test_the_documented_examples_give_the_documented_exit_codes(example, exit_code):
    result = jobplan(EXAMPLES / example)
    assert result.exit_code == exit_code, result.output


def test_the_text_report_shows_activities_on_call_totals_and_premium_time():
    result = jobplan(EXAMPLES / "jobplan-consultant.json")
    out = result.stdout
    assert "Mon 17:00 to 21:00, every week: Evening fracture clinic" in out
    assert "2 h plain time, 2 h premium time: 1.17 PAs each time, 1.17 PAs a week" in out
    assert "Tue 09:00 to 13:00, 1 week in 2: Trauma theatre list" in out
    assert "On-call: 1 in 6, category A" in out
    assert "Availability supplement: 5% of basic salary (not verified)" in out
    assert "direct clinical care: 8 PAs" in out
    assert "supporting professional activities: 2 PAs" in out
    assert "Total: 10 PAs a week" in out
    assert "Warnings: none" in out
    assert "07:00 to 19:00 Monday to Friday" in out
    assert "Not verified against the terms: premium time" in out


def test_the_text_report_lists_the_warnings_in_words():
    result = jobplan(EXAMPLES / "jobplan-sas.json")
    assert "Warnings (1)" in result.stdout
    assert "Day-case list (Thu 08:00 to 12:00) and Multidisciplinary team meeting" in result.stdout
    assert "overlap" not in result.stdout.split("Warnings")[0]


def test_the_json_report_has_the_figures_rounded_and_exact():
    result = jobplan(EXAMPLES / "jobplan-consultant.json", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert set(report) == {
        "contract", "contract_name", "wte", "weeks_a_year", "activities", "on_call",
        "by_category", "total", "warnings", "premium_time", "verified",
    }  # fmt: skip
    evening = next(a for a in report["activities"] if a["id"] == "evening-clinic")
    assert evening["pas_per_occurrence"] == {"value": "1.17", "exact": "7/6"}
    assert (evening["weekday"], evening["start"], evening["end"]) == ("Mon", "17:00", "21:00")
    assert evening["premium_hours"] == {"value": "2", "exact": "2"}
    theatre = next(a for a in report["activities"] if a["id"] == "theatre")
    assert theatre["weeks"] == {"one_in": 2}
    assert theatre["weekly_pas"] == {"value": "0.5", "exact": "1/2"}
    assert report["on_call"]["unpredictable_pas"] == {"value": "0.5", "exact": "1/2"}
    assert report["on_call"]["predictable_pas"] == {"value": "0.33", "exact": "1/3"}
    assert report["by_category"]["dcc"] == {"value": "8", "exact": "8"}
    assert report["total"] == {"value": "10", "exact": "10"}
    assert report["warnings"] == []
    assert report["verified"]["pa_hours"] is True
    assert report["verified"]["premium_time"] is False


def test_the_json_report_names_the_warned_activities():
    report = json.loads(jobplan(EXAMPLES / "jobplan-sas.json", "--format", "json").stdout)
    assert [(w["code"], w["activity_ids"]) for w in report["warnings"]] == [
        ("overlap", ["theatre", "mdt"])
    ]
    # 6 weekly sessions + 1/2 (19:00-21:00, plain time) + 10/42 (10 weeks a year)
    # + 1/4 (the 1-in-2 meeting) + 1/4 (Saturday 3 h, 1 in 4) + 1/3 (1 h on-call work)
    assert report["total"] == {"value": "7.57", "exact": "53/7"}


def test_an_unreadable_document_exits_2_naming_each_path(tmp_path):
    bad = tmp_path / "plan.json"
    bad.write_text(
        json.dumps(
            {
                "contract": "consultant2003",
                "activities": [
                    {
                        "id": "a",
                        "category": "dcc",
                        "weekday": "Mon",
                        "start": "13:00",
                        "end": "12:00",
                    },
                    {"id": "b", "category": "dcc", "weekday": "Funday", "session": "morning"},
                ],
            }
        )
    )
    result = jobplan(bad)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "plan.json: activities[0].end: 12:00 is before the start 13:00" in result.stderr
    assert "plan.json: activities[1].weekday: must be one of Mon" in result.stderr
    assert result.stderr.rstrip().endswith("plan.json: 2 problems; not counted.")


def test_a_missing_file_or_a_folder_exits_2(tmp_path):
    missing = jobplan(tmp_path / "nowhere.json")
    assert missing.exit_code == 2
    assert "cannot be read" in missing.stderr
    assert jobplan(tmp_path).exit_code == 2


def test_a_job_plan_of_no_pas_is_warned(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text('{"contract": "specialist2021", "activities": []}')
    result = jobplan(empty, "--format", "json")
    assert result.exit_code == 1
    assert [w["code"] for w in json.loads(result.stdout)["warnings"]] == ["no_pas"]


def test_the_command_runs_without_django():
    code = (
        "import sys; from rotaplan.cli import app\n"
        "try:\n"
        f"    app(['jobplan', {str(EXAMPLES / 'jobplan-consultant.json')!r}])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "assert 'django' not in sys.modules, 'django was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Total: 10 PAs a week" in result.stdout
