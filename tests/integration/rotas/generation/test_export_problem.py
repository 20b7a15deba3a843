"""``rotaplan export-problem``: a department's rota problem leaves the database as the
JSON document ``rotaplan generate`` reads, with the doctors, the cover and the shifts
already published; a department that cannot be exported is refused in words."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rotaplan.cli import app
from rotaplan.engine.clock import shift_bounds
from rotaplan.engine.formats.problem_reader import read_problem
from rotaplan.engine.solver.problem import CoverMix, FixedTime
from rotaplan.people.grades import Grade
from rotaplan.rotas.models import RotaStatus
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import DoctorFactory
from tests.factories.rotas import AssignmentFactory, CoverMixFactory, RotaFactory
from tests.integration.rotas.generation.generation_world import END, START, make_ward

pytestmark = pytest.mark.django_db

runner = CliRunner()


def export(code: str, output: Path | None = None) -> list[str]:
    arguments = ["export-problem", "--department", code]
    arguments += ["--from", START.isoformat(), "--to", END.isoformat()]
    return arguments + (["--output", str(output)] if output is not None else [])


def test_the_written_problem_reads_back_with_the_wards_doctors_cover_and_published_shifts(
    tmp_path: Path,
) -> None:
    ward = make_ward()
    before = RotaFactory(
        department=ward.department,
        name="Acute medicine, July",
        period_start=START - timedelta(days=14),
        period_end=START - timedelta(days=1),
        status=RotaStatus.PUBLISHED,
    )
    night_before = START - timedelta(days=1)
    AssignmentFactory(rota=before, doctor=ward.doctors[0], shift_type=ward.night, date=night_before)
    out = tmp_path / "problem.json"

    result = runner.invoke(app, export("acute-medicine", out))

    assert result.exit_code == 0, result.output
    assert "Wrote Acute medicine's rota problem: 8 doctors, 38 shifts of cover" in result.output
    problem = read_problem(out.read_text())
    assert (problem.period.start, problem.period.end) == (START, END)
    assert {d.id for d in problem.doctors} == {str(d.pk) for d in ward.doctors}
    assert {s.code for s in problem.shift_types} == {"D", "LD", "N"}
    # Nights and long days every day, days on weekdays, as the ward's cover says.
    cover = {(c.day, c.shift): (c.minimum, c.ideal) for c in problem.demand}
    assert len(cover) == 14 + 14 + 10
    assert cover[START, "D"] == (1, 2)
    assert cover[START, "N"] == (1, 1)
    assert (START + timedelta(days=5), "D") not in cover  # a Saturday
    # The night before the period ends on its first morning: the new rota must rest it.
    first = next(d for d in problem.doctors if d.id == str(ward.doctors[0].pk))
    start, end = shift_bounds(night_before, ward.night.start, ward.night.end)
    assert FixedTime(start, end, "N on Acute medicine, July") in first.fixed


def test_the_problem_goes_to_stdout_without_output() -> None:
    make_ward()

    result = runner.invoke(app, export("acute-medicine"))

    assert result.exit_code == 0, result.output
    assert read_problem(result.output).period.start == START


def test_an_unknown_department_is_refused_naming_the_codes() -> None:
    make_ward()
    DepartmentFactory(name="Cardiology", code="cardiology")

    result = runner.invoke(app, export("renal"))

    assert result.exit_code == 2
    assert (
        "No department has the code 'renal'; the codes are acute-medicine, cardiology."
        in result.output
    )


def test_a_department_with_no_cover_is_refused_saying_what_to_set(tmp_path: Path) -> None:
    department = DepartmentFactory(name="Renal medicine", code="renal")
    DoctorFactory(department=department, post_start=START)
    out = tmp_path / "problem.json"

    result = runner.invoke(app, export("renal", out))

    assert result.exit_code == 2
    assert (
        "Renal medicine has no cover requirements for these dates: say how many doctors each "
        "shift needs before generating a rota." in result.output
    )
    assert not out.exists()


def test_a_shifts_mix_of_grades_is_part_of_its_cover_every_day(tmp_path: Path) -> None:
    """ "At least 1 of FY2" on the night, every night; on a day the shift needs fewer
    doctors than the mix asks, all of them."""
    ward = make_ward()
    for doctor in ward.doctors[:2]:
        doctor.grade = Grade.FY2
        doctor.save()
    CoverMixFactory(shift_type=ward.night, at_least=1, grades=["FY2"])
    CoverMixFactory(shift_type=ward.long_day, at_least=3, grades=["FY2", "FY1"])
    out = tmp_path / "problem.json"

    result = runner.invoke(app, export("acute-medicine", out))

    assert result.exit_code == 0, result.output
    problem = read_problem(out.read_text())
    mixes = {(c.day, c.shift): c.mix for c in problem.demand}
    assert mixes[START, "N"] == (CoverMix(1, frozenset({"FY2"})),)
    assert mixes[START, "LD"] == (CoverMix(1, frozenset({"FY1", "FY2"})),)
    assert mixes[START, "D"] == ()
