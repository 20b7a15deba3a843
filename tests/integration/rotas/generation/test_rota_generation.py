"""Generating a draft rota in the background, for real: the department's doctors, cover,
leave and requests go to the solver, and its rota comes back as a new draft that the
rules check passes. Failures and cancels leave every existing rota as it was."""

from __future__ import annotations

import threading
import time as clock
from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import TestCase
from django_tasks_db.models import DBTaskResult

from rotaplan.engine.rota import RuleSetName
from rotaplan.engine.solver.problem import Reason, RequestKind
from rotaplan.leave.models import LeaveType
from rotaplan.people.grades import Contract, Grade
from rotaplan.rotas.compliance.selectors import rota_compliance
from rotaplan.rotas.generation.problem import CannotGenerate, problem_from_department
from rotaplan.rotas.generation.services import execute_run, start_generation
from rotaplan.rotas.models import (
    Assignment,
    CoverRequirement,
    GenerationRun,
    Rota,
    RotaStatus,
    RunStatus,
    StaffGroup,
)
from rotaplan.rotas.publishing.selectors import publish_clashes
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import DoctorFactory
from tests.factories.rotas import AssignmentFactory, RotaFactory, RotaRequestFactory
from tests.integration.rotas.generation.generation_world import END, START, make_ward

pytestmark = pytest.mark.django_db

SECONDS = 5


def start(ward, **kwargs):
    # The task is queued once the run commits, which a test's transaction never does: its
    # commit callbacks are run here instead.
    with TestCase.captureOnCommitCallbacks(execute=True):
        run = start_generation(
            actor=ward.coordinator,
            department=ward.department,
            period_start=kwargs.pop("period_start", START),
            period_end=kwargs.pop("period_end", END),
            time_limit=kwargs.pop("time_limit", SECONDS),
            **kwargs,
        )
    run.refresh_from_db()
    return run


# --- the problem ---------------------------------------------------------------------


def test_the_problem_holds_the_departments_doctors_cover_leave_and_requests():
    ward = make_ward()
    ada = ward.doctors[0]
    consultant = DoctorFactory(
        department=ward.department,
        grade=Grade.CONSULTANT,
        contract=Contract.CONSULTANT_2003,
        post_start=date(2020, 1, 1),
        post_end=None,
    )
    LeaveRecordFactory(doctor=ada, start=date(2026, 8, 10), end=date(2026, 8, 11))
    LeaveRecordFactory(
        doctor=ward.doctors[1],
        leave_type=LeaveType.SICK,
        start=date(2026, 8, 4),
        end=date(2026, 8, 4),
    )
    RotaRequestFactory(
        doctor=ada, first_date=date(2026, 8, 8), last_date=date(2026, 8, 9), weight=3
    )
    # The night the clocks go back would be another shift: a dated row overrides the week.
    CoverRequirement.objects.create(
        department=ward.department, shift_type=ward.night, date=date(2026, 8, 5), minimum=0, ideal=0
    )

    problem = problem_from_department(ward.department, START, END, StaffGroup.TRAINING)

    assert {d.id for d in problem.doctors} == {str(d.pk) for d in ward.doctors}
    first = next(d for d in problem.doctors if d.id == str(ada.pk))
    assert first.rule_set == RuleSetName.TCS2016
    assert [(u.day, u.reason) for u in first.unavailable] == [
        (date(2026, 8, 10), Reason.LEAVE),
        (date(2026, 8, 11), Reason.LEAVE),
    ]
    second = next(d for d in problem.doctors if d.id == str(ward.doctors[1].pk))
    assert [(u.day, u.reason) for u in second.unavailable] == [(date(2026, 8, 4), Reason.OTHER)]
    nights = {c.day for c in problem.demand if c.shift == "N"}
    assert date(2026, 8, 5) not in nights
    assert len(nights) == 13
    days = {c.day for c in problem.demand if c.shift == "D"}
    assert len(days) == 10  # weekdays only
    assert [(r.doctor, r.kind, r.dates, r.weight) for r in problem.requests] == [
        (str(ada.pk), RequestKind.OFF, (date(2026, 8, 8), date(2026, 8, 9)), 3)
    ]
    everyone = problem_from_department(ward.department, START, END, StaffGroup.EVERYONE)
    senior = next(d for d in everyone.doctors if d.id == str(consultant.pk))
    assert senior.rule_set == RuleSetName.WTR


def test_days_outside_a_doctors_post_are_days_they_cannot_work():
    ward = make_ward()
    late = DoctorFactory(department=ward.department, post_start=date(2026, 8, 12))
    problem = problem_from_department(ward.department, START, END)
    doctor = next(d for d in problem.doctors if d.id == str(late.pk))
    assert [u.day for u in doctor.unavailable] == [START + timedelta(days=i) for i in range(9)]


def test_a_department_with_no_doctors_cannot_generate():
    ward = make_ward(doctors=0)
    with pytest.raises(CannotGenerate, match="no doctors in training in post"):
        problem_from_department(ward.department, START, END)


# --- a run ---------------------------------------------------------------------------


def test_a_run_is_queued_for_the_worker_and_makes_a_compliant_draft():
    ward = make_ward()
    run = start(ward)
    assert run.status == RunStatus.QUEUED
    assert DBTaskResult.objects.filter(id=run.task_id).exists()

    execute_run(run.pk)

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.failure_reason
    rota = run.rota
    assert rota is not None
    assert rota.status == RotaStatus.DRAFT
    assert rota.name.startswith("Acute medicine juniors — generated ")
    assert (rota.period_start, rota.period_end) == (START, END)
    assignments = Assignment.objects.filter(rota=rota)
    # One night and one long day every day, and the weekday day shifts at least once.
    assert assignments.filter(shift_type=ward.night).count() == 14
    assert assignments.filter(shift_type=ward.long_day).count() == 14
    assert assignments.filter(shift_type=ward.day).count() >= 10
    assert rota_compliance(rota).compliant
    assert run.objective is not None
    assert run.bound is not None
    assert run.seconds > 0
    assert run.result["status"] in {"optimal", "feasible"}
    assert len(run.result["fairness"]["rows"]) == 8
    assert set(run.result["fairness"]["spread"]) == {"nights", "weekends", "long_days", "hours"}
    nights = [r["nights_per_share"] for r in run.result["fairness"]["rows"]]
    assert run.result["fairness"]["spread"]["nights"] == round(max(nights) - min(nights), 2)
    # Audited shift by shift as the system, acting for the coordinator who asked.
    asker = ward.coordinator.get_full_name()
    logged = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Assignment),
        actor=None,
        additional_data__acting_for=asker,
    )
    assert logged.count() == assignments.count()
    made = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Rota), object_pk=str(rota.pk)
    ).get()
    assert (made.actor, made.additional_data["acting_for"]) == (None, asker)


def test_a_generated_draft_fits_round_shifts_already_published():
    ward = make_ward()
    published = RotaFactory(department=ward.department, period_start=START, period_end=END)
    for doctor in ward.doctors:
        for offset in (0, 3, 7, 10):  # Mondays and Thursdays: within the rules on their own
            AssignmentFactory(
                rota=published, doctor=doctor, shift_type=ward.day, date=START + timedelta(offset)
            )
    before = list(Assignment.objects.filter(rota=published).values_list("pk", "start"))
    run = start(ward)
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.failure_reason
    # Judged with the published shifts, the draft keeps the rules, and overlaps none.
    assert rota_compliance(run.rota).compliant
    assert publish_clashes(run.rota) == []
    assert list(Assignment.objects.filter(rota=published).values_list("pk", "start")) == before


def test_a_generated_draft_rests_doctors_after_the_nights_that_end_the_rota_before():
    ward = make_ward()
    before = RotaFactory(
        department=ward.department,
        period_start=START - timedelta(days=14),
        period_end=START - timedelta(days=1),
        status=RotaStatus.PUBLISHED,
    )
    # The last three nights of the rota before end on the new rota's first morning.
    for doctor in ward.doctors[:2]:
        for offset in (3, 2, 1):
            AssignmentFactory(
                rota=before, doctor=doctor, shift_type=ward.night, date=START - timedelta(offset)
            )
    run = start(ward)
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.failure_reason
    # Judged with the rota before it (the compliance code reads published rotas too).
    assert rota_compliance(run.rota).compliant
    for doctor in ward.doctors[:2]:
        shifts = list(Assignment.objects.filter(rota=run.rota, doctor=doctor).order_by("start"))
        last_night_ends = max(a.end for a in Assignment.objects.filter(rota=before, doctor=doctor))
        if shifts and shifts[0].shift_type != ward.night:  # a fourth night may continue the run
            assert shifts[0].start - last_night_ends >= timedelta(hours=46)


def test_requests_are_honoured_where_possible_and_the_rest_are_named():
    ward = make_ward()
    ada = ward.doctors[0]
    RotaRequestFactory(
        doctor=ada, first_date=date(2026, 8, 8), last_date=date(2026, 8, 9), weight=3
    )
    # Everyone asks for the same Wednesday off: the ward still needs its night.
    for doctor in ward.doctors[1:]:
        RotaRequestFactory(doctor=doctor, first_date=date(2026, 8, 12), last_date=date(2026, 8, 12))

    run = start(ward)
    execute_run(run.pk)
    run.refresh_from_db()

    assert run.status == RunStatus.SUCCEEDED, run.failure_reason
    outcomes = run.result["requests"]
    assert len(outcomes) == 8
    weekend = next(r for r in outcomes if r["doctor_id"] == ada.pk)
    assert weekend["honoured"]
    assert not Assignment.objects.filter(
        rota=run.rota, doctor=ada, date__in=[date(2026, 8, 8), date(2026, 8, 9)]
    ).exists()
    refused = [r for r in outcomes if not r["honoured"]]
    assert refused, "three shifts on Wed 12 Aug cannot all be covered by nobody"
    assert all(r["message"] for r in refused)
    assert all(r["request_id"] is not None for r in outcomes)


def test_a_run_cancelled_before_it_starts_never_solves():
    ward = make_ward()
    run = start(ward)
    GenerationRun.objects.filter(pk=run.pk).update(cancel_requested=True)
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED
    assert run.rota is None
    assert not Rota.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_run_cancelled_while_running_stops_and_saves_no_rota():
    ward = make_ward(doctors=12)
    # Sixty deterministic seconds of search: far more than the cancel takes to arrive.
    run = start(ward, period_end=START + timedelta(weeks=6, days=-1), time_limit=60)

    def cancel_once_running():
        while not GenerationRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).exists():
            clock.sleep(0.05)
        GenerationRun.objects.filter(pk=run.pk).update(cancel_requested=True)
        connection.close()

    canceller = threading.Thread(target=cancel_once_running)
    canceller.start()
    execute_run(run.pk)
    canceller.join()

    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED, run.failure_reason
    assert run.failure_reason == "Cancelled while running; no rota was saved."
    assert run.rota is None
    assert not Rota.objects.exists()


def test_a_department_with_no_doctors_fails_with_its_reason_and_changes_no_rota():
    ward = make_ward(doctors=0)
    existing = RotaFactory(department=ward.department, status=RotaStatus.DRAFT)
    run = start(ward)
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "has no doctors in training in post" in run.failure_reason
    assert list(Rota.objects.all()) == [existing]
    existing.refresh_from_db()
    assert existing.version == 1


def test_a_solver_crash_marks_the_run_failed_and_saves_nothing():
    ward = make_ward()

    def crashing(problem, **kwargs):
        raise RuntimeError("out of memory")

    run = start(ward)
    execute_run(run.pk, solver=crashing)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.failure_reason == "The solver stopped with an error: out of memory"
    assert not Rota.objects.exists()


def test_no_rota_within_the_rules_fails_with_the_solvers_reason():
    ward = make_ward()
    # Doctor0 already works eight days in a row on a published rota: no rota keeps them
    # within the 2016 terms' seven, and the solver proves it rather than running out of time.
    published = RotaFactory(
        department=ward.department,
        period_start=START,
        period_end=END,
        status=RotaStatus.PUBLISHED,
    )
    for offset in range(8):
        AssignmentFactory(
            rota=published,
            doctor=ward.doctors[0],
            shift_type=ward.day,
            date=START + timedelta(offset),
        )
    run = start(ward)
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.failure_reason == (
        "No rota can keep every doctor within the rules with the fixed shifts given: "
        "check the fixed shifts against each other and against leave."
    )
    assert run.rota is None
    assert list(Rota.objects.all()) == [published]


def test_too_few_doctors_make_a_compliant_rota_with_its_gaps_named():
    ward = make_ward(doctors=2)
    # Two doctors cannot work a night every night and a long day every day for two weeks
    # within the rules: the rota keeps the rules and names what it leaves uncovered.
    run = start(ward)
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.failure_reason
    assert rota_compliance(run.rota).compliant
    short = [g for g in run.result["gaps"] if g["below"] == "minimum"]
    nights = Assignment.objects.filter(rota=run.rota, shift_type=ward.night).count()
    short_nights = sum(g["needed"] - g["rostered"] for g in short if g["shift"] == "N")
    assert nights + short_nights == 14
    assert short_nights > 0
    assert all(g["reasons"][0].startswith("Of the 2 qualified doctors:") for g in short)
