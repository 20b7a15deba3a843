"""Fixed rota lines: a coordinator sets a doctor's line on the local rules page; it is
checked (a Monday, the department's shifts, one line at a time for a doctor), audited,
refused to anyone else, given to the generator as fixed shifts except on days the doctor
is away, and a rota that does not keep it is reported as breaking a local rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from rotaplan.engine.rules.local import FixedDay
from rotaplan.engine.solver.problem import FixedShift
from rotaplan.rotas.compliance.selectors import rota_compliance
from rotaplan.rotas.generation.problem import problem_from_department
from rotaplan.rotas.generation.services import execute_run, start_generation
from rotaplan.rotas.local_rules.services import fixed_line_add, fixed_line_remove
from rotaplan.rotas.models import Assignment, FixedRotaLine, RunStatus
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import DoctorFactory
from tests.factories.rotas import AssignmentFactory
from tests.integration.rotas.audit_entries import entries_for
from tests.integration.rotas.generation.generation_world import END, START, make_ward
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

MONDAYS_DAY = [["D", "", "", "", "", "", ""]]


def add_line(world, doctor=None, **changes):
    fields = {
        "actor": world.coordinator,
        "department": world.acute,
        "doctor": doctor or world.ada,
        "first_monday": date(2026, 8, 3),
        "last_day": None,
        "weeks": [["N", "", "", "", "", "", ""]],
        "note": "Endoscopy list",
    }
    return fixed_line_add(**{**fields, **changes})


def test_the_generator_fixes_the_lines_days_except_when_the_doctor_is_away():
    ward = make_ward()
    doctor = ward.doctors[0]
    fixed_line_add(
        actor=ward.coordinator,
        department=ward.department,
        doctor=doctor,
        first_monday=date(2026, 7, 27),  # before the rota: week 2 falls on its first Monday
        last_day=None,
        weeks=[["", "", "", "", "", "", ""], ["N", "N", "", "", "", "", ""]],
    )
    LeaveRecordFactory(doctor=doctor, start=date(2026, 8, 11), end=date(2026, 8, 11))

    problem = problem_from_department(ward.department, START, END)

    fixed = [f for d in problem.doctors if d.id == str(doctor.pk) for f in d.fixed]
    # Week 2 on Mon 3 and Tue 4 Aug, then week 2 again on Mon 17 Aug (after END); Tue 11
    # Aug is week 1 (nothing fixed), and leave that day changes nothing.
    assert fixed == [FixedShift(date(2026, 8, 3), "N"), FixedShift(date(2026, 8, 4), "N")]
    assert problem.local.fixed == (
        FixedDay(str(doctor.pk), date(2026, 8, 3), "N"),
        FixedDay(str(doctor.pk), date(2026, 8, 4), "N"),
    )


def test_a_day_of_leave_is_left_out_of_the_line():
    ward = make_ward()
    doctor = ward.doctors[0]
    fixed_line_add(
        actor=ward.coordinator,
        department=ward.department,
        doctor=doctor,
        first_monday=START,
        last_day=None,
        weeks=MONDAYS_DAY,
    )
    LeaveRecordFactory(doctor=doctor, start=date(2026, 8, 10), end=date(2026, 8, 14))

    problem = problem_from_department(ward.department, START, END)

    assert [f.day for f in problem.local.fixed] == [date(2026, 8, 3)]


def test_a_line_is_checked_before_it_is_saved(world, night):
    with pytest.raises(ValidationError, match="must start on a Monday"):
        add_line(world, first_monday=date(2026, 8, 4))
    with pytest.raises(ValidationError, match="no shift X"):
        add_line(world, weeks=[["X", "", "", "", "", "", ""]])
    with pytest.raises(ValidationError, match="Choose a doctor of this department"):
        add_line(world, doctor=DoctorFactory(department=world.cardiology))
    with pytest.raises(ValidationError, match="last day must be on or after"):
        add_line(world, last_day=date(2026, 8, 2))
    add_line(world, last_day=date(2026, 8, 30))
    with pytest.raises(ValidationError, match="already has a fixed line from Mon 3 Aug 2026"):
        add_line(world, first_monday=date(2026, 8, 24))
    add_line(world, first_monday=date(2026, 8, 31))  # after the first: both kept
    assert FixedRotaLine.objects.count() == 2


@pytest.mark.parametrize("user", ["cardiology_coordinator", "service_manager", "nobody"])
def test_only_the_departments_coordinator_sets_a_line(world, night, user):
    with pytest.raises(PermissionDenied):
        add_line(world, actor=getattr(world, user))
    line = add_line(world)
    with pytest.raises(PermissionDenied):
        fixed_line_remove(actor=getattr(world, user), line=line)
    assert FixedRotaLine.objects.count() == 1


def test_adding_and_removing_a_line_is_audited(world, night):
    line = add_line(world)
    pk = line.pk
    fixed_line_remove(actor=world.coordinator, line=line)

    [made] = entries_for(FixedRotaLine, pk, LogEntry.Action.CREATE)
    [removed] = entries_for(FixedRotaLine, pk, LogEntry.Action.DELETE)
    assert made.actor == removed.actor == world.coordinator


def test_the_coordinator_writes_a_line_on_the_page_and_a_service_manager_sees_it(
    world, sign_in, night
):
    client = sign_in(world.coordinator)
    page = f"/rotas/departments/{world.acute.pk}/local-rules/"
    form = f"{page}fixed-lines/add/"
    fields = {
        "doctor": str(world.ada.pk),
        "first_monday[day]": "3",
        "first_monday[month]": "8",
        "first_monday[year]": "2026",
        "note": "Endoscopy list",
    }

    assert "Seven entries a row, Monday to Sunday" in page_text(client.get(form))
    refused = client.post(form, {**fields, "weeks": "N N N N N -"})
    saved = client.post(form, {**fields, "weeks": "- - - - - - -\nn n - - - - -"})

    assert refused.status_code == 200
    assert "Week 1 has 6 days: give 7, Monday to Sunday" in page_text(refused)
    assert saved.status_code == 302, page_text(saved)
    [line] = FixedRotaLine.objects.all()
    assert line.weeks == [["", "", "", "", "", "", ""], ["N", "N", "", "", "", "", ""]]
    shown = page_text(sign_in(world.service_manager).get(page))
    assert "Dr Ada Patel" in shown
    assert "From Mon 3 Aug 2026, no end" in shown
    assert "Week 1: every day left to the rota" in shown
    assert "Week 2: Mon N, Tue N" in shown
    assert "Endoscopy list" in shown
    assert "Add a fixed rota line" not in shown


def test_a_rota_that_leaves_out_a_fixed_shift_is_listed_as_a_local_rule_not_kept(
    world, sign_in, night
):
    # Ada's post starts on Wed 5 Aug 2026: the line's first week is before it.
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 10))
    add_line(world, weeks=[["N", "N", "", "", "", "", ""]], last_day=date(2026, 8, 11))

    text = page_text(sign_in(world.coordinator).get(f"/rotas/{world.rota.pk}/compliance/"))

    assert "Local rules not kept" in text
    assert "Dr Ada Patel's fixed rota line has N on Tue 11 Aug 2026; the rota has them off" in text
    assert "Aug 2026; the rota" not in text.replace("Tue 11 Aug 2026; the rota", "")


def generated(ward):
    """The ward's run for the fortnight, done: the task is run here, not queued."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        run = start_generation(
            actor=ward.coordinator,
            department=ward.department,
            period_start=START,
            period_end=END,
            time_limit=5,
        )
    execute_run(run.pk)
    run.refresh_from_db()
    return run


def test_a_generated_rota_keeps_the_line_and_its_compliance_says_nothing_of_it():
    ward = make_ward()
    doctor = ward.doctors[0]
    # Long days on Monday and Tuesday and a night on Thursday, every week.
    fixed_line_add(
        actor=ward.coordinator,
        department=ward.department,
        doctor=doctor,
        first_monday=START,
        last_day=None,
        weeks=[["LD", "LD", "", "N", "", "", ""]],
    )
    run = generated(ward)

    assert run.status == RunStatus.SUCCEEDED, run.failure_reason
    worked = {
        (a.date, a.shift_type.code)
        for a in Assignment.objects.filter(rota=run.rota, doctor=doctor).select_related(
            "shift_type"
        )
    }
    for week in (0, 7):
        monday = START + timedelta(days=week)
        assert (monday, "LD") in worked
        assert (monday + timedelta(days=1), "LD") in worked
        assert (monday + timedelta(days=3), "N") in worked
    assert rota_compliance(run.rota).local == ()


def test_a_line_that_breaks_the_contract_on_its_own_is_named_when_no_rota_can_keep_it():
    ward = make_ward()
    doctor = ward.doctors[0]
    # Sunday's night ends at 08:30 on Monday, after Monday's long day has begun.
    fixed_line_add(
        actor=ward.coordinator,
        department=ward.department,
        doctor=doctor,
        first_monday=START,
        last_day=None,
        weeks=[["LD", "", "", "", "", "", "N"]],
    )
    run = generated(ward)

    assert run.status == RunStatus.FAILED
    assert run.failure_reason.startswith(
        f"No rota can keep every doctor within the rules with the fixed shifts given: {doctor}"
    )
    assert run.failure_reason.endswith("Change the fixed shifts or rota lines.")
    assert "has two shifts at once" in run.failure_reason
    assert run.rota is None
