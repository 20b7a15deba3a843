"""Starting, cancelling and running a ``GenerationRun``.

``start_generation`` and ``cancel_generation`` are what pages and the API call: quick, and
checked against the user's department. ``execute_run`` is the background task's body: it
runs the solver in a thread of its own and, from this thread, writes the progress and reads
the cancel request about once a second, so the solver never touches the database. A new
draft rota is saved only when the solver found one and nobody cancelled; a failure of any
kind marks the run failed with its reason and leaves every existing rota as it was.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from rotaplan.audit.actor import audited_as, audited_for, current_address
from rotaplan.engine.clock import format_moment, shift_bounds
from rotaplan.engine.solver.outcome import GeneratedRota, Progress, SolveStatus
from rotaplan.engine.solver.problem import RotaProblem
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.models import Doctor, User

from ..compliance import rota_compliance
from ..horizon import outside_horizon
from ..models import (
    FINISHED_STATUSES,
    Assignment,
    GenerationRun,
    Rota,
    RotaStatus,
    RunStatus,
    ShiftType,
    StaffGroup,
)
from .problem import CannotGenerate, problem_from_department, requests_for
from .summary import result_summary

logger = logging.getLogger(__name__)

MAX_WEEKS = 26
MIN_SECONDS, MAX_SECONDS = 5, 600
POLL_SECONDS = 1.0
# A running run's worker writes its progress every second; silence this long means it died.
STALE_SECONDS = 120
ABANDONED = (
    "The background worker stopped before the run finished (it may have been restarted), "
    "so no rota was saved. Start the generation again."
)
# How long past its time limit the solver may take to stop before the run is called failed.
# A deterministic search (``ROTAPLAN_SOLVER_DETERMINISTIC``, for tests) counts its own time,
# not the wall clock's, so it has no such deadline.
GRACE_SECONDS = 30.0

Solver = Callable[..., GeneratedRota]


def _solver() -> Solver:
    from rotaplan.engine.solver.generate import generate

    return generate


# Runs waiting or running at once: the worker runs one at a time, so a department's
# coordinators (or one person clicking again and again) cannot keep it from everyone else.
MAX_UNFINISHED_PER_DEPARTMENT = 2
MAX_UNFINISHED_PER_USER = 3


class TooManyRuns(Exception):
    """Enough runs are waiting or running already: nothing was queued."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SameRunWaiting(Exception):
    """The same run (department, period, who works) is waiting or running already: it is
    not queued twice. ``run`` is the one already there."""

    def __init__(self, run: GenerationRun) -> None:
        super().__init__(f"Run {run.pk} is already {run.get_status_display().lower()}")
        self.run = run


def check_request(
    start: date | None, end: date | None, time_limit: int | None, today: date | None = None
) -> None:
    errors: dict[str, str] = {}
    today = today or timezone.localdate()
    for field, day in (("period_start", start), ("period_end", end)):
        problem = outside_horizon(day, today) if day is not None else None
        if problem:
            errors[field] = problem
    if start is not None and end is not None and not errors:
        if end < start:
            errors["period_end"] = "The last day must be on or after the first day"
        elif end - start >= timedelta(weeks=MAX_WEEKS):
            errors["period_end"] = f"A rota can be generated for at most {MAX_WEEKS} weeks"
    if time_limit is not None and not MIN_SECONDS <= time_limit <= MAX_SECONDS:
        errors["time_limit"] = (
            f"The time limit must be between {MIN_SECONDS} and {MAX_SECONDS} seconds"
        )
    if errors:
        raise ValidationError(errors)


def start_generation(
    *,
    actor: User,
    department: Department,
    period_start: date,
    period_end: date,
    time_limit: int = 60,
    staff_group: str = StaffGroup.TRAINING,
) -> GenerationRun:
    """Queue a run for the worker, as ``actor``, who must coordinate ``department``.
    Raises ``PermissionDenied``, ``ValidationError``, ``SameRunWaiting`` or
    ``TooManyRuns``.

    The run is saved in a transaction and the task queued only once it commits: the worker
    then always finds the run, and a start rolled back by the caller queues nothing. The
    department's row is locked while the runs waiting are counted, so two starts at the
    same moment are counted one after the other; and the database holds at most one
    unfinished run of the same request (``generation_one_unfinished_per_request``), so the
    second of two identical requests finds the first's run, whatever the database."""
    access.require_rota_editor(actor, department.pk)
    check_request(period_start, period_end, time_limit)
    request = {
        "department": department,
        "period_start": period_start,
        "period_end": period_end,
        "staff_group": staff_group,
    }
    try:
        with transaction.atomic(), audited_as(actor):
            Department.objects.select_for_update().filter(pk=department.pk).first()
            waiting = GenerationRun.objects.exclude(status__in=FINISHED_STATUSES)
            same = waiting.filter(**request).first()
            if same is not None:
                raise SameRunWaiting(same)
            _check_room(waiting, department, actor)
            run = GenerationRun.objects.create(
                **request,
                time_limit=time_limit,
                created_by=actor,
                requested_from=current_address(),
            )
            transaction.on_commit(partial(enqueue_run, run.pk))
    except IntegrityError:
        unfinished = GenerationRun.objects.exclude(status__in=FINISHED_STATUSES)
        raise SameRunWaiting(unfinished.get(**request)) from None
    run.refresh_from_db()
    return run


def _check_room(waiting: QuerySet[GenerationRun], department: Department, actor: User) -> None:
    """Refuse a run beyond the limits on runs waiting or running at once."""
    if waiting.filter(department=department).count() >= MAX_UNFINISHED_PER_DEPARTMENT:
        raise TooManyRuns(
            f"{department.name} already has {MAX_UNFINISHED_PER_DEPARTMENT} rotas being "
            "generated. Wait for one to finish, or cancel one, then try again."
        )
    if waiting.filter(created_by=actor).count() >= MAX_UNFINISHED_PER_USER:
        raise TooManyRuns(
            f"You already have {MAX_UNFINISHED_PER_USER} rotas being generated. Wait for "
            "one to finish, or cancel one, then try again."
        )


def enqueue_run(run_id: int) -> None:
    """Hand a committed run to the worker and keep the task's id on it."""
    from .tasks import generate_rota

    result = generate_rota.enqueue(run_id)
    # An immediate backend has run the task already: only the id is written here.
    GenerationRun.objects.filter(pk=run_id).update(task_id=str(result.id))


def cancel_generation(*, actor: User, run: GenerationRun) -> GenerationRun:
    """Ask the worker to stop ``run``; a run not yet started never starts. Raises
    ``PermissionDenied``; a finished run is left as it is."""
    access.require_rota_editor(actor, run.department_id)
    with transaction.atomic(), audited_as(actor):
        locked = GenerationRun.objects.select_for_update().get(pk=run.pk)
        if not locked.finished_yet and not locked.cancel_requested:
            locked.cancel_requested = True
            locked.save(update_fields=["cancel_requested"])
    return locked


def execute_run(run_id: int, *, workers: int = 2, solver: Solver | None = None) -> None:
    """The background task: generate the run's rota, or say why not."""
    run = GenerationRun.objects.select_related("department", "created_by").get(pk=run_id)
    if run.finished_yet:
        return
    if run.cancel_requested:
        _finish(run, RunStatus.CANCELLED, reason="Cancelled before it started.")
        return
    run.status = RunStatus.RUNNING
    run.started = timezone.now()
    GenerationRun.objects.filter(pk=run.pk).update(status=run.status, started=run.started)
    try:
        problem = problem_from_department(
            run.department, run.period_start, run.period_end, run.staff_group
        )
    except CannotGenerate as cannot:
        _finish(run, RunStatus.FAILED, reason=cannot.message)
        return
    try:
        generated, cancelled = _solve(run, problem, workers, solver or _solver())
    except Exception as error:
        logger.exception("Generation run %s: the solver failed", run.pk)
        _finish(run, RunStatus.FAILED, reason=f"The solver stopped with an error: {error}")
        return
    if generated is None:
        _finish(
            run,
            RunStatus.FAILED,
            reason=f"The solver did not stop within {run.time_limit + GRACE_SECONDS:.0f} "
            "seconds, so its work was abandoned.",
        )
        return
    if cancelled or generated.status == SolveStatus.CANCELLED:
        _finish(run, RunStatus.CANCELLED, reason="Cancelled while running; no rota was saved.")
        return
    names = {d.id: d.display_name for d in problem.doctors}
    pairs = requests_for(
        [int(d.id) for d in problem.doctors],
        run.period_start,
        run.period_end,
        {s.code for s in problem.shift_types},
    )
    summary = result_summary(generated, names, pairs)
    if not generated.compliant:
        reason = generated.message or (
            f"No rota that keeps to the rules was found in {run.time_limit} seconds."
        )
        _finish(run, RunStatus.FAILED, reason=reason, result=summary, generated=generated)
        return
    try:
        rota = _save_draft(run, generated)
    except Exception as error:
        logger.exception("Generation run %s: saving the draft failed", run.pk)
        _finish(
            run,
            RunStatus.FAILED,
            reason=f"The rota was found but could not be saved: {error}",
            result=summary,
            generated=generated,
        )
        return
    # The solver judged the rota on its own weeks; the compliance page also sees each
    # doctor's published shifts either side of them (the rota before this one).
    checked = rota_compliance(rota)
    summary["breaches_with_published"] = len(checked.breaches)
    summary["breaches_summary"] = checked.summary
    _finish(run, RunStatus.SUCCEEDED, result=summary, rota=rota, generated=generated)


def mark_if_abandoned(run: GenerationRun) -> GenerationRun:
    """A running run whose worker has written nothing for ``STALE_SECONDS`` has lost its
    worker (stopped or restarted): it is marked failed, as nothing more will come."""
    if run.status != RunStatus.RUNNING:
        return run
    last = run.progress_updated or run.started
    if last is not None and (timezone.now() - last).total_seconds() > STALE_SECONDS:
        _finish(run, RunStatus.FAILED, reason=ABANDONED)
        run.refresh_from_db()
    return run


def _solve(
    run: GenerationRun, problem: RotaProblem, workers: int, solver: Solver
) -> tuple[GeneratedRota | None, bool]:
    """The solver's answer (None if it never stopped) and whether a cancel was asked."""
    deterministic = bool(settings.ROTAPLAN_SOLVER_DETERMINISTIC)
    latest: list[Progress] = []
    stop = threading.Event()
    answer: dict[str, Any] = {}

    def solve() -> None:
        try:
            answer["rota"] = solver(
                problem,
                time_limit=float(run.time_limit),
                workers=workers,
                on_progress=latest.append,
                should_stop=stop.is_set,
                deterministic=deterministic,
            )
        except BaseException as error:  # raised again in the task's thread
            answer["error"] = error

    thread = threading.Thread(target=solve, name=f"generation-run-{run.pk}", daemon=True)
    began = timezone.now()
    thread.start()
    written = 0
    deadline = float("inf") if deterministic else run.time_limit + GRACE_SECONDS
    cancelled = False
    while thread.is_alive():
        thread.join(timeout=POLL_SECONDS)
        if len(latest) > written:
            written = len(latest)
            _write_progress(run, latest[-1])
        else:
            elapsed = (timezone.now() - began).total_seconds()
            GenerationRun.objects.filter(pk=run.pk).update(
                seconds=elapsed, progress_updated=timezone.now()
            )
        if not cancelled and _cancel_requested(run):
            cancelled = True
            stop.set()
        if (timezone.now() - began).total_seconds() > deadline and thread.is_alive():
            stop.set()
            thread.join(timeout=5)
            if thread.is_alive():
                return None, cancelled
    if "error" in answer:
        raise answer["error"]
    if latest:
        _write_progress(run, latest[-1])
    return answer["rota"], cancelled or _cancel_requested(run)


def _cancel_requested(run: GenerationRun) -> bool:
    return GenerationRun.objects.filter(pk=run.pk, cancel_requested=True).exists()


def _write_progress(run: GenerationRun, progress: Progress) -> None:
    GenerationRun.objects.filter(pk=run.pk).update(
        seconds=progress.seconds,
        objective=progress.objective,
        bound=progress.bound,
        solutions=progress.solutions,
        progress_updated=timezone.now(),
    )


def draft_name(run: GenerationRun) -> str:
    """ "Acute medicine juniors — generated Mon 3 Aug 2026 14:05": the time tells apart
    drafts generated the same day, to compare."""
    who = {
        StaffGroup.TRAINING: "juniors",
        StaffGroup.SENIOR: "consultants and SAS doctors",
        StaffGroup.EVERYONE: "doctors",
    }[StaffGroup(run.staff_group)]
    return f"{run.department.name[:70]} {who} — generated {format_moment(timezone.now())}"


def _save_draft(run: GenerationRun, generated: GeneratedRota) -> Rota:
    """A new draft rota with the solver's shifts, all or nothing, audited as the system
    acting for the user who asked, from where they asked: one ``save()`` a shift, as an
    import does, so the audit log has each."""
    shift_types = {s.code: s for s in ShiftType.objects.filter(department=run.department)}
    doctors = Doctor.objects.in_bulk({int(s.doctor) for s in generated.shifts})
    with transaction.atomic(), audited_for(run.created_by, address=run.requested_from):
        rota = Rota.objects.create(
            department=run.department,
            name=draft_name(run),
            period_start=run.period_start,
            period_end=run.period_end,
            status=RotaStatus.DRAFT,
        )
        for shift in sorted(generated.shifts, key=lambda s: (s.day, s.shift, s.doctor)):
            shift_type = shift_types[shift.shift]
            start, end = shift_bounds(shift.day, shift_type.start, shift_type.end)
            Assignment.objects.create(
                rota=rota,
                doctor=doctors[int(shift.doctor)],
                shift_type=shift_type,
                date=shift.day,
                start=start,
                end=end,
            )
    return rota


def _finish(
    run: GenerationRun,
    status: str,
    *,
    reason: str = "",
    result: dict[str, Any] | None = None,
    rota: Rota | None = None,
    generated: GeneratedRota | None = None,
) -> None:
    """The run's outcome, saved (and audited) as the system acting for the user who
    asked."""
    run.refresh_from_db()
    run.status = status
    run.failure_reason = reason
    run.finished = timezone.now()
    if result is not None:
        run.result = result
    if rota is not None:
        run.rota = rota
    if generated is not None:
        run.seconds = generated.seconds
        run.objective = generated.objective
        run.bound = generated.bound
    with audited_for(run.created_by, address=run.requested_from):
        run.save()
