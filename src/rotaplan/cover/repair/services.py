"""Finding and applying a repair for a gap.

``repair_request`` is what the gap page and the API call: quick, checked against the
user's department; it queues a ``RepairRun`` for the background worker, whose task runs
``execute_repair``: the solver's ``repair`` round the absence, the proposal saved in words,
or why there is none. ``repair_apply`` puts a proposal on the published rota as one new
version, only while the rota is still at the version the repair was found on, and brings
the gap register up to date: the gaps now covered are filled by the doctors put on them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from rotaplan.audit.actor import audited_as, audited_for
from rotaplan.engine.clock import format_moment
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.notifications.models import Topic
from rotaplan.notifications.services import notify
from rotaplan.people import access
from rotaplan.people.models import Doctor, User
from rotaplan.rotas.editing.breaches import EditCreatesBreaches
from rotaplan.rotas.models import Assignment, Rota, RotaStatus, ShiftType
from rotaplan.rotas.refusals import RotaChanged, RotaNotDraft
from rotaplan.rotas.versions.services import NewShift, rota_change_apply

from ..candidates import rota_for
from ..models import (
    REPAIR_UNFINISHED,
    REPAIRABLE_CAUSES,
    UNFILLED,
    CoverOffer,
    Gap,
    GapCause,
    GapStatus,
    OfferStatus,
    RepairRun,
    RepairStatus,
)
from ..services import GapChanged, dealt_with_words, gap_words, gaps_open
from .problem import CannotRepair, repair_inputs, repair_window
from .proposal import ProposedShift, changed_days, day_of, places_filled, shifts

logger = logging.getLogger(__name__)

DEFAULT_SECONDS = 10
NOT_REPAIRABLE = (
    "The rota generator repairs gaps left by leave, sickness or other absence: fill this "
    "one from the candidates, or book it through the bank or an agency."
)
NOT_PUBLISHED = "This shift is on no published rota, so there is nothing to repair."
STALE = "The rota changed since this repair was found: find a new one."
NO_REPAIR = (
    "No change to the shifts near the absence keeps every doctor within the rules: fill "
    "the gap from the candidates, or book it through the bank or an agency."
)
NOTHING_FOUND = (
    "The rota generator found no doctor who could be moved to cover the absence within the "
    "rules: fill the gap from the candidates, or book it through the bank or an agency."
)
CRASHED = (
    "The rota generator stopped before it found a repair. Try again; if it happens again, "
    "fill the gap from the candidates."
)


def repair_seconds() -> int:
    return int(getattr(settings, "ROTAPLAN_REPAIR_SECONDS", DEFAULT_SECONDS))


def absence_days(gap: Gap, rota: Rota) -> tuple[date, date]:
    """The absence the gap came from, within the rota: its leave record's days, or the
    gap's own day when it has none."""
    first = last = gap.date
    if gap.leave is not None:
        first, last = gap.leave.start, gap.leave.end
    first = min(max(first, rota.period_start), gap.date)
    last = max(min(last, rota.period_end), gap.date)
    return first, last


def repair_request(*, actor: User, gap: Gap) -> RepairRun:
    """Queue the search for a repair of ``gap`` for the worker, as ``actor``, who must run
    the gap's department's staffing. A gap with a repair still being found gets that run
    back, not a second. Raises ``PermissionDenied``, ``GapChanged`` (dealt with since it
    was read) or ``CannotRepair`` (not a gap the generator can repair).

    The run is queued only once its transaction commits, so the worker always finds it;
    the database holds at most one unfinished run a gap
    (``repair_one_unfinished_per_gap``), so two asking at once get the same run."""
    access.require_rota_editor(actor, gap.department_id)
    try:
        with transaction.atomic(), audited_as(actor):
            locked = (
                Gap.objects.select_for_update(of=("self",))
                .select_related("rota", "leave", "shift_type", "filled_by", "dealt_with_by")
                .get(pk=gap.pk)
            )
            rota = _check_repairable(locked)
            waiting = locked.repairs.filter(status__in=REPAIR_UNFINISHED).first()
            if waiting is not None:
                return waiting
            first, last = absence_days(locked, rota)
            run = RepairRun.objects.create(
                department_id=locked.department_id,
                rota=rota,
                gap=locked,
                first_day=first,
                last_day=last,
                rota_version=rota.version,
                time_limit=repair_seconds(),
                requested_by=actor,
            )
            transaction.on_commit(partial(enqueue_repair, run.pk))
    except IntegrityError:
        return RepairRun.objects.get(gap_id=gap.pk, status__in=REPAIR_UNFINISHED)
    return run


def _check_repairable(gap: Gap) -> Rota:
    """The published rota the gap is on, if the generator may repair it."""
    if gap.status not in UNFILLED:
        raise GapChanged(dealt_with_words(gap))
    if gap.cause not in REPAIRABLE_CAUSES:
        raise CannotRepair(NOT_REPAIRABLE)
    rota = gap.rota or rota_for(gap.shift_type, gap.date)
    if rota is None or rota.status != RotaStatus.PUBLISHED:
        raise CannotRepair(NOT_PUBLISHED)
    return rota


def enqueue_repair(run_id: int) -> None:
    """Hand a committed run to the worker and keep the task's id on it."""
    from .tasks import find_repair

    result = find_repair.enqueue(run_id)
    RepairRun.objects.filter(pk=run_id).update(task_id=str(result.id))


def execute_repair(run_id: int, *, workers: int = 2, deterministic: bool | None = None) -> None:
    """The background task: ask the solver for the repair and save it, or why not. The
    run's rota is read as it is now; if it moved on since the request, the run fails, as
    its proposal could not be applied. ``deterministic`` defaults to
    ``ROTAPLAN_SOLVER_DETERMINISTIC`` (the demo asks for it: the same trust every build)."""
    if deterministic is None:
        deterministic = bool(settings.ROTAPLAN_SOLVER_DETERMINISTIC)
    run = RepairRun.objects.select_related("rota", "gap", "department", "requested_by").get(
        pk=run_id
    )
    if run.finished_yet:
        return
    run.status = RepairStatus.RUNNING
    run.started = timezone.now()
    RepairRun.objects.filter(pk=run.pk).update(status=run.status, started=run.started)
    if run.rota.version != run.rota_version or run.rota.status != RotaStatus.PUBLISHED:
        _finish(run, RepairStatus.FAILED, reason=STALE)
        return
    try:
        inputs = repair_inputs(run)
    except CannotRepair as cannot:
        _finish(run, RepairStatus.FAILED, reason=cannot.message)
        return
    from rotaplan.engine.solver.repair import repair  # the solver loads only to solve

    try:
        found = repair(
            inputs.problem,
            inputs.current,
            inputs.absent,
            time_limit=float(run.time_limit),
            workers=workers,
            deterministic=deterministic,
        )
    except Exception:
        logger.exception("Repair run %s: the solver failed", run.pk)
        _finish(run, RepairStatus.FAILED, reason=CRASHED)
        return
    seconds = found.result.seconds
    if not found.result.compliant:
        _finish(run, RepairStatus.FAILED, reason=NO_REPAIR, seconds=seconds)
        return
    proposal = {"remove": _words(run, found.removed), "add": _words(run, found.added)}
    first, last = repair_window(run)
    left = [
        {
            "code": g.shift,
            "name": _shift_names(run).get(g.shift, g.shift),
            "date": g.day.isoformat(),
            "rostered": g.rostered,
            "needed": g.needed,
            "of": g.of,
            "reasons": list(g.reasons),
        }
        for g in found.result.gaps
        if g.below == "minimum" and first <= g.day <= last
    ]
    if not places_filled(proposal):
        _finish(run, RepairStatus.FAILED, reason=NOTHING_FOUND, seconds=seconds, left=left)
        return
    _finish(run, RepairStatus.FINISHED, proposal=proposal, left=left, seconds=seconds)


def _shift_names(run: RepairRun) -> dict[str, str]:
    return dict(
        ShiftType.objects.filter(department_id=run.department_id).values_list("code", "name")
    )


def _words(run: RepairRun, found: Sequence[RotaShift]) -> list[dict[str, Any]]:
    doctors = Doctor.objects.in_bulk({int(s.doctor) for s in found})
    names = _shift_names(run)
    return [
        {
            "doctor_id": int(s.doctor),
            "doctor": str(doctors[int(s.doctor)]),
            "code": s.shift,
            "name": names.get(s.shift, s.shift),
            "date": s.day.isoformat(),
        }
        for s in found
    ]


def _finish(
    run: RepairRun,
    status: str,
    *,
    reason: str = "",
    proposal: dict[str, Any] | None = None,
    left: list[dict[str, Any]] | None = None,
    seconds: float | None = None,
) -> None:
    """The run's outcome, saved (and audited) as the system acting for who asked."""
    run.refresh_from_db()
    run.status = status
    run.failure_reason = reason
    run.finished = timezone.now()
    if proposal is not None:
        run.proposal = proposal
    if left is not None:
        run.gaps_left = left
    if seconds is not None:
        run.seconds = seconds
    elif run.started is not None:
        run.seconds = (run.finished - run.started).total_seconds()
    with audited_for(run.requested_by, address=None):
        run.save()


class RepairRefused(Exception):
    """The repair was not applied: ``message`` says why, in words. Nothing was saved."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def applied_words(run: RepairRun) -> str:
    who = run.applied_by.display_name if run.applied_by else ""
    when = format_moment(run.applied_at) if run.applied_at else ""
    return f"This repair was already applied by {who} on {when}."


@transaction.atomic
def repair_apply(*, actor: User, run: RepairRun) -> RepairRun:
    """Put the run's proposal on its published rota as one new version, with the reason
    "Repair for <the gap's reason>"; the doctors whose shifts change are told. The gaps it
    covers are filled by the doctors put on those shifts (any doctor still asked to cover
    one is told it is no longer needed), and the register is brought up to date for the
    days it touched. The run's row is locked, so of two coordinators applying at once one
    applies it and the other is told it was. Raises ``PermissionDenied`` or
    ``RepairRefused`` (not finished, applied already, the rota changed since, a rule)."""
    access.require_rota_editor(actor, run.department_id)
    locked = (
        RepairRun.objects.select_for_update(of=("self",))
        .select_related("rota", "gap", "gap__leave", "gap__absent_doctor", "applied_by")
        .get(pk=run.pk)
    )
    if locked.applied_at is not None:
        raise RepairRefused(applied_words(locked))
    if locked.status != RepairStatus.FINISHED:
        raise RepairRefused("This repair has no proposal to apply.")
    rota = Rota.objects.select_for_update().get(pk=locked.rota_id)
    if rota.version != locked.rota_version:
        raise RepairRefused(STALE)
    gap = (
        Gap.objects.select_for_update(of=("self",))
        .select_related("leave", "absent_doctor", "filled_by", "dealt_with_by")
        .get(pk=locked.gap_id)
    )
    if gap.status not in UNFILLED:
        raise RepairRefused(f"{dealt_with_words(gap)} Nothing was changed.")
    remove = _assignments(rota, shifts(locked.proposal, "remove"))
    add = _new_shifts(rota, shifts(locked.proposal, "add"))
    reason = f"Repair for {gap.reason or gap.get_cause_display().lower()}"
    try:
        change = rota_change_apply(
            made_by=actor,
            rota=rota,
            remove=remove,
            add=add,
            reason=reason[:300],
            version=locked.rota_version,
        )
    except (RotaChanged, RotaNotDraft):
        raise RepairRefused(STALE) from None
    except EditCreatesBreaches as breaches:
        raise RepairRefused(
            "The repair would now break a rule, so nothing was changed: "
            + "; ".join(b.message for b in breaches.breaches)
            + ". Find a new one."
        ) from breaches
    except ValidationError as invalid:
        raise RepairRefused("; ".join(invalid.messages)) from invalid
    filled = _fill_gaps(actor, locked, rota)
    days = changed_days(locked.proposal)
    gaps_open(
        made_by=actor,
        department_id=locked.department_id,
        start=min([locked.first_day, *days]),
        end=max([locked.last_day, *days]),
        cause=GapCause(gap.cause),
        reason=gap.reason,
        leave=gap.leave,
        absent_doctor=gap.absent_doctor,
    )
    _withdraw_offers(
        actor, locked.department_id, min([locked.first_day, *days]), max([locked.last_day, *days])
    )
    with audited_as(actor):
        locked.applied_by = actor
        locked.applied_at = timezone.now()
        locked.change = change
        locked.proposal = {**locked.proposal, "filled": filled}
        locked.save(update_fields=["applied_by", "applied_at", "change", "proposal"])
    return locked


def _assignments(rota: Rota, wanted: list[ProposedShift]) -> list[Assignment]:
    """The rota's shifts the proposal takes off; one gone already means the rota changed."""
    found = []
    for shift in wanted:
        assignment = Assignment.objects.filter(
            rota=rota,
            doctor_id=shift["doctor_id"],
            shift_type__code=shift["code"],
            date=day_of(shift),
        ).first()
        if assignment is None:
            raise RepairRefused(STALE)
        found.append(assignment)
    return found


def _new_shifts(rota: Rota, wanted: list[ProposedShift]) -> list[NewShift]:
    doctors = Doctor.objects.in_bulk({s["doctor_id"] for s in wanted})
    types = {t.code: t for t in ShiftType.objects.filter(department_id=rota.department_id)}
    added = []
    for shift in wanted:
        doctor, shift_type = doctors.get(shift["doctor_id"]), types.get(shift["code"])
        if doctor is None or shift_type is None:
            raise RepairRefused(STALE)
        added.append(NewShift(doctor=doctor, shift_type=shift_type, date=day_of(shift)))
    return added


def _fill_gaps(actor: User, run: RepairRun, rota: Rota) -> list[int]:
    """Each place the repair fills takes one unfilled gap there, the run's own gap first,
    filled by a doctor the repair put on that shift. Returns the gaps' ids."""
    now = timezone.now()
    filled: list[int] = []
    put_on: dict[tuple[str, date], list[int]] = {}
    for shift in shifts(run.proposal, "add"):
        put_on.setdefault((shift["code"], day_of(shift)), []).append(shift["doctor_id"])
    with audited_as(actor):
        for (code, day), count in sorted(places_filled(run.proposal).items()):
            gaps = list(
                Gap.objects.select_for_update(of=("self",))
                .filter(
                    department_id=run.department_id,
                    shift_type__code=code,
                    date=day,
                    status__in=UNFILLED,
                )
                .order_by("pk")
            )
            gaps.sort(key=lambda g: g.pk != run.gap_id)
            doctors = put_on[(code, day)]
            for gap, doctor_id in zip(gaps[:count], doctors, strict=False):
                gap.status = GapStatus.FILLED_INTERNALLY
                gap.filled_by_id = doctor_id
                gap.assignment = Assignment.objects.filter(
                    rota=rota, doctor_id=doctor_id, shift_type__code=code, date=day
                ).first()
                gap.rota = rota
                gap.note = "Filled by the rota generator's repair"
                gap.dealt_with_by = actor
                gap.dealt_with_at = now
                gap.version += 1
                filled.append(gap.pk)
                gap.save(
                    update_fields=[
                        "status",
                        "filled_by",
                        "assignment",
                        "rota",
                        "note",
                        "dealt_with_by",
                        "dealt_with_at",
                        "version",
                    ]
                )
    return filled


def _withdraw_offers(actor: User, department_id: int, first: date, last: date) -> None:
    """Doctors still asked to cover a gap the repair filled or closed are told they are no
    longer needed."""
    asked = list(
        CoverOffer.objects.select_for_update(of=("self",))
        .filter(
            status=OfferStatus.WAITING,
            gap__department_id=department_id,
            gap__date__gte=first,
            gap__date__lte=last,
        )
        .exclude(gap__status__in=UNFILLED)
        .select_related("doctor", "gap", "gap__shift_type")
    )
    with audited_as(actor):
        for offer in asked:
            offer.status = OfferStatus.WITHDRAWN
            offer.save(update_fields=["status"])
    for offer in asked:
        notify(
            people=[offer.doctor],
            topic=Topic.OFFER,
            subject=f"Offer withdrawn: {gap_words(offer.gap)}",
            body=f"{gap_words(offer.gap)} is covered by a change to the rota: you need do nothing.",
            link=reverse("selfservice:offers"),
        )


__all__ = ["CannotRepair"]
