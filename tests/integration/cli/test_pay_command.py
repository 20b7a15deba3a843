"""``rotaplan pay FILE --doctor D1``: end to end through the exchange-format reader, with
no database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rotaplan.cli import app
from rotaplan.engine.clock import to_london
from rotaplan.engine.pay.figures import TIMES
from rotaplan.engine.pay.text import NOT_YET_CHECKED
from tests.unit.pay.builders import august_rota

runner = CliRunner()


def _local(moment) -> str:
    return to_london(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def rota_file(tmp_path: Path) -> Path:
    rota = august_rota()
    document = {
        "period": {"start": rota.period.start.isoformat(), "end": rota.period.end.isoformat()},
        "doctors": [
            {"id": d.id, "name": d.name, "grade": d.grade, "wte": d.wte} for d in rota.doctors
        ],
        "shifts": [
            {"doctor": s.doctor, "start": _local(s.start), "end": _local(s.end), "kind": s.kind}
            for s in rota.shifts
        ],
    }
    path = tmp_path / "rota.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def pay(*args: str):
    return runner.invoke(app, ["pay", *args])


def test_text_statement_explains_each_line_and_the_total(rota_file):
    result = pay(str(rota_file), "--doctor", "D1", "--nodal-point", "3", "--pay-year", "2026/27")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for title in (
        "Basic pay",
        "Additional rostered hours",
        "Night enhancement",
        "Weekend allowance",
        "On-call availability allowance",
        "LTFT allowance",
        "Total a year",
    ):
        assert title in out
    assert "£77,361.33  Total a year" in out  # worked by hand in tests/unit/pay
    night = f"37 % {TIMES} £26.13 an hour {TIMES} 9 night hours a week {TIMES} 52.143 weeks"
    assert night in out
    assert "Not yet checked against its source" in out
    assert "rounded once to the penny, half up" in out
    flat = " ".join(out.split())
    assert (
        NOT_YET_CHECKED + ": nodal point 3 for 2026/27: not checked against the 2026/27 pay" in flat
    )
    assert (
        "Some figures have not yet been checked against their source: nodal point 3 for 2026/27;"
        in flat
    )


def test_json_statement_for_an_ltft_doctor(rota_file):
    result = pay(
        str(rota_file),
        "--doctor",
        "D2",
        "--nodal-point",
        "3",
        "--pay-year",
        "2026/27",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # worked by hand in tests/unit/pay/test_statement.py: 32,699.40 + 3,065.57 + 4,158.95
    # + 4,087.43 + 2,179.96 + 1,000.00 (night: 33 h / 4 = 8.25 h a week, the shift
    # 16:00-01:00 night in full because it ends after midnight and by 04:00)
    assert data["total"] == "47191.31"
    lines = {line["key"]: line for line in data["lines"]}
    assert lines["ltft"]["amount"] == "1000.00"
    assert lines["weekend"]["verified"] is False
    assert lines["weekend"]["unverified_because"]
    for key in ("basic", "additional_hours", "night", "weekend", "on_call"):
        assert lines[key]["verified"] is False, key
        assert any(
            r.startswith("nodal point 3 for 2026/27: ") for r in lines[key]["unverified_because"]
        ), key
    assert data["unverified_figures"][0] == "nodal point 3 for 2026/27"
    assert "nodal point 3 for 2026/27" in data["warning"]


def test_nodal_point_from_the_grade_and_pay_year_from_the_rota(rota_file):
    # D1 is ST1 -> nodal point 3; the rota starts in August 2026 -> 2026/27.
    result = pay(str(rota_file), "--doctor", "D1", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["nodal_point"], data["pay_year"], data["total"]) == (3, "2026/27", "77361.33")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--doctor", "D9", "--nodal-point", "3"],
            "no doctor 'D9' in the rota; doctors in it: D1, D2",
        ),
        (
            ["--doctor", "D1", "--nodal-point", "3", "--pay-year", "2024/25"],
            "known pay years: 2025/26, 2026/27",
        ),
        (["--doctor", "D1", "--nodal-point", "0"], "--nodal-point must be 1 to 5; got 0"),
        (["--doctor", "D1", "--nodal-point", "6"], "--nodal-point must be 1 to 5; got 6"),
        (["--doctor", "D1", "--format", "xml"], "--format must be text or json"),
    ],
)
def test_could_not_run_exits_2_with_a_clear_message(rota_file, args, message):
    result = pay(str(rota_file), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_unreadable_file_exits_2_naming_the_problem(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"period": ', encoding="utf-8")
    result = pay(str(bad), "--doctor", "D1", "--nodal-point", "3")
    assert result.exit_code == 2
    assert "not valid JSON" in result.stderr
    assert "no pay worked out" in result.stderr


def test_missing_file_exits_2(tmp_path):
    result = pay(str(tmp_path / "absent.json"), "--doctor", "D1", "--nodal-point", "3")
    assert result.exit_code == 2


def test_the_command_never_loads_django(rota_file):
    code = (
        "import sys\n"
        "from rotaplan.cli import app\n"
        f"args = ['pay', {str(rota_file)!r}, '--doctor', 'D1', '--nodal-point', '3']\n"
        "try:\n"
        "    app(args)\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "assert 'django' not in sys.modules, 'django was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# --premium


def test_a_flexible_pay_premium_adds_its_line(rota_file):
    result = pay(
        str(rota_file), "--doctor", "D2", "--pay-year", "2026/27", "--premium", "general-practice"
    )
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    # D2: WTE 0.6, so 0.6 x 11,507 = 6,904.20, on top of the 47,191.31 worked by hand.
    assert "£6,904.20 Flexible pay premium (less than full time, pro rata)" in out
    assert f"= 0.6 WTE {TIMES} £11,507 full-time premium for General practice (2026/27)" in out
    assert NOT_YET_CHECKED + ": flexible pay premium for General practice (2026/27)" in out
    assert "£54,095.51 Total a year" in out  # 47,191.31 + 6,904.20


def test_a_flexible_pay_premium_in_json(rota_file):
    result = pay(
        str(rota_file),
        "--doctor",
        "D1",
        "--premium",
        "emergency-medicine-5-years",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["flexible_pay_premium"] == "emergency-medicine-5-years"
    line = next(ln for ln in data["lines"] if ln["key"] == "flexible_pay_premium")
    assert (line["amount"], line["pence"], line["verified"]) == ("5614.00", 561400, False)
    assert "flexible pay premium for Emergency medicine" in " ".join(data["unverified_figures"])


def test_an_unknown_premium_exits_2_listing_the_known_ones(rota_file):
    result = pay(str(rota_file), "--doctor", "D1", "--premium", "cardiology")
    assert result.exit_code == 2
    assert "no flexible pay premium 'cardiology' in the 2026/27 pay table" in result.stderr
    assert "known premia: academia, emergency-medicine-3-years," in result.stderr
    assert "general-practice" in result.stderr
    assert result.stdout == ""
