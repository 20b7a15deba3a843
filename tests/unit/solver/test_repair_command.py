"""``rotaplan repair``: a published rota and its problem in, the rota mended for a new
absence out, in the exchange format ``rotaplan check`` reads; each change is named, and
input the repair cannot use is refused before any search, naming what is wrong."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest

from rotaplan.cli.repair import run_repair
from rotaplan.engine.clock import format_day
from rotaplan.engine.formats.exchange_reader import read_exchange
from rotaplan.engine.formats.exchange_writer import write_exchange
from rotaplan.engine.formats.problem_writer import write_problem
from rotaplan.engine.rules import check_rota
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.outcome import GeneratedRota

from .rota_problems import ward


@dataclass
class Said:
    """What the command printed, stdout and stderr apart, as CliRunner would show it."""

    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)

    def __call__(self, message: str, *, err: bool = False) -> None:
        (self.err if err else self.out).append(message)

    @property
    def errors(self) -> str:
        return "\n".join(self.err)


@dataclass
class Published:
    problem: Path
    rota: Path
    result: GeneratedRota


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """One generated rota for the module: the solver's seconds are spent once."""
    folder = tmp_path_factory.mktemp("published")
    problem = ward(doctors=10, weeks=2)
    result = generate(problem, time_limit=1.5, deterministic=True)
    assert result.compliant, result.message
    problem_file, rota_file = folder / "problem.json", folder / "rota.json"
    problem_file.write_text(json.dumps(write_problem(problem)))
    rota_file.write_text(json.dumps(write_exchange(result.rota)))
    return Published(problem_file, rota_file, result)


def _run(
    published: Published,
    said: Said,
    *,
    problem_file: Path | None = None,
    rota_file: Path | None = None,
    doctor: str = "D3",
    first: date = date(2026, 8, 10),
    last: date = date(2026, 8, 12),
    reason: str = "other",
    output: Path | None = None,
) -> int:
    """The command as ``rotaplan repair`` runs it, with a short search."""
    return run_repair(
        problem_file or published.problem,
        rota_file or published.rota,
        doctor,
        first,
        last,
        reason,
        output,
        time_limit=3.0,
        workers=2,
        echo=said,
        deterministic=True,
    )


def test_the_absent_doctors_shifts_go_and_the_rota_stays_within_the_rules(
    published: Published, tmp_path: Path
) -> None:
    # A doctor with shifts in the middle of the second week, off for three days.
    shifts = published.result.shifts
    first = date(2026, 8, 11)
    absence = [first + timedelta(days=i) for i in range(3)]
    doctor = next(
        d
        for d in sorted({s.doctor for s in shifts})
        if any(s.doctor == d and s.day in absence for s in shifts)
    )
    worked = {s for s in shifts if s.doctor == doctor and s.day in absence}
    out = tmp_path / "repaired.json"
    said = Said()

    status = _run(
        published, said, doctor=doctor, first=first, last=absence[-1], reason="leave", output=out
    )

    assert status in (0, 1), said.errors
    repaired = read_exchange(out.read_text())
    assert check_rota(repaired).breaches == ()
    assert not any(s.doctor == doctor and s.day in absence for s in repaired.shifts)
    for shift in worked:
        assert f"- {doctor} {shift.shift} on {format_day(shift.day)}" in said.err
    assert said.err[0].startswith("Repaired in ")
    assert "shifts still below their minimum (locum requests)." in said.errors
    assert said.err[-1] == "0 breaches."
    assert said.out == []


def test_the_rota_goes_to_stdout_without_output(published: Published) -> None:
    said = Said()

    status = _run(published, said, doctor="D1", first=date(2026, 8, 3), last=date(2026, 8, 3))

    assert status in (0, 1), said.errors
    assert check_rota(read_exchange(said.out[0])).breaches == ()


def test_an_unknown_doctor_is_refused_with_the_known_ids(published: Published) -> None:
    said = Said()

    assert _run(published, said, doctor="D99") == 2
    assert "No doctor in the problem has the id 'D99'; the doctors are D1, D2, D3" in said.errors
    assert "D10." in said.errors


def test_an_absence_outside_the_period_is_refused(published: Published) -> None:
    said = Said()

    assert _run(published, said, first=date(2026, 8, 15), last=date(2026, 8, 20)) == 2
    assert (
        "The absence, Sat 15 Aug 2026 to Thu 20 Aug 2026, is not within the rota's period, "
        "Mon 3 Aug 2026 to Sun 16 Aug 2026." in said.errors
    )


def test_an_absence_that_ends_before_it_starts_and_an_unknown_reason_are_refused(
    published: Published,
) -> None:
    said = Said()

    status = _run(published, said, first=date(2026, 8, 12), last=date(2026, 8, 10), reason="sick")

    assert status == 2
    assert "--reason must be leave or other; got 'sick'." in said.errors
    assert "The absence ends (Mon 10 Aug 2026) before it starts (Wed 12 Aug 2026)." in said.errors


def test_a_shift_matching_no_shift_type_is_named(published: Published, tmp_path: Path) -> None:
    document = json.loads(published.rota.read_text())
    document["shifts"].append(
        {"doctor": "D2", "start": "2026-08-05T07:00", "end": "2026-08-05T15:00", "kind": "work"}
    )
    rota = tmp_path / "rota.json"
    rota.write_text(json.dumps(document))
    said = Said()

    assert _run(published, said, rota_file=rota) == 2
    assert (
        "D2's work shift on Wed 5 Aug 2026, Wed 5 Aug 2026 07:00 to Wed 5 Aug 2026 15:00"
        in said.errors
    )
    assert "matches no shift type in the problem" in said.errors
    assert "the shift types are D 09:00-17:00 work, LD 08:00-20:30 work" in said.errors


def test_a_rota_as_csv_is_read_too(published: Published, tmp_path: Path) -> None:
    document = json.loads(published.rota.read_text())
    rows = ["doctor,start,end,kind"] + [
        f"{s['doctor']},{s['start']},{s['end']},{s['kind']}" for s in document["shifts"]
    ]
    rota = tmp_path / "rota.csv"
    rota.write_text("\n".join(rows) + "\n")
    said = Said()

    status = _run(published, said, rota_file=rota, first=date(2026, 8, 4), last=date(2026, 8, 4))

    assert status in (0, 1), said.errors
    assert check_rota(read_exchange(said.out[0])).breaches == ()


def test_unreadable_json_is_named(published: Published, tmp_path: Path) -> None:
    broken = tmp_path / "problem.json"
    broken.write_text('{"period": ')
    said = Said()

    assert _run(published, said, problem_file=broken) == 2
    assert f"{broken}: line 1" in said.errors
    assert "not valid JSON" in said.errors

    broken_rota = tmp_path / "broken-rota.json"
    broken_rota.write_text("[1, 2")
    said = Said()

    assert _run(published, said, rota_file=broken_rota) == 2
    assert "broken-rota.json: 1 problem; not repaired." in said.errors
    assert "not valid JSON" in said.errors
