"""Writes of leave: a doctor asks and withdraws, a coordinator decides, records sickness and
other absence and the return to work. Each in one transaction, permission checked through
``rotaplan.people.access``, audited. Approved leave and recorded absence take the doctor's
shifts off every published rota as a new version (``rota_change_apply``) and bring the gap
register up to date (``gaps_open``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rotaplan.audit.actor import audited_as
from rotaplan.cover.models import GapCause
from rotaplan.cover.services import gaps_open
from rotaplan.engine.clock import format_day, format_moment
from rotaplan.notifications.models import Topic
from rotaplan.notifications.services import notify
from rotaplan.people import access
from rotaplan.people.models import Doctor, User
from rotaplan.rotas.horizon import outside_horizon
from rotaplan.rotas.models import Assignment, Rota, RotaStatus
from rotaplan.rotas.versions.services import rota_change_apply

from .away import away_hooks_run
from .models import LeaveRecord, LeaveStatus, LeaveType
from .selectors import (
    ABSENCE_TYPES,
    REQUESTABLE_TYPES,
    balance_shortfalls,
    department_coordinators,
    leave_days,
    overlapping,
)

NOT_YOURS = "You may ask for leave only for yourself or for doctors you coordinate"
NOT_YOUR_DECISION = "You do not coordinate this doctor's department"
REASON_NEEDED = "Give the reason the leave is declined: the doctor is told it"


def period(start: date, end: date) -> str:
    return f"{format_day(start)} to {format_day(end)}"


class LeaveAlreadyDecided(Exception):
    """Someone decided (or withdrew) the request first: ``message`` says who and how."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def decided_words(record: LeaveRecord) -> str:
    """How a request that is no longer waiting came to be so, for the one who came second."""
    if record.status == LeaveStatus.CANCELLED:
        return "This request was already withdrawn"
    who = record.decided_by.display_name if record.decided_by else ""
    when = f" on {format_moment(record.decided_at)}" if record.decided_at else ""
    verb = "approved" if record.status == LeaveStatus.APPROVED else "declined"
    return f"This request was already {verb}{f' by {who}' if who else ''}{when}"


def absence_words(record: LeaveRecord, start: date | None = None, end: date | None = None) -> str:
    """ "Dr Ada Patel on annual leave Mon 3 Aug 2026 to Fri 7 Aug 2026": why shifts went."""
    first, last = start or record.start, end or record.end
    when = format_day(first) if first == last else period(first, last)
    if record.leave_type == LeaveType.SICK:
        return f"{record.doctor} off sick {when}"
    return f"{record.doctor} on {record.get_leave_type_display().lower()} {when}"


def gap_cause(record: LeaveRecord) -> GapCause:
    if record.leave_type == LeaveType.SICK:
        return GapCause.SICKNESS
    if record.expected_return is not None:
        return GapCause.ABSENCE
    return GapCause.LEAVE


def _dates_checked(**days: date) -> None:
    today = timezone.localdate()
    errors = {
        name: problem for name, day in days.items() if (problem := outside_horizon(day, today))
    }
    if errors:
        raise ValidationError(errors)


def _overlap_refused(doctor: Doctor, start: date, end: date, excluding: int | None = None) -> None:
    held = overlapping(doctor, start, end, excluding=excluding)
    if held:
        first = held[0]
        raise ValidationError(
            {
                "start": f"{doctor} already has {first.get_leave_type_display().lower()} "
                f"{period(first.start, first.end)} ({first.get_status_display().lower()}): "
                "choose other days"
            }
        )


@transaction.atomic
def leave_request(
    *,
    actor: User,
    doctor: Doctor,
    leave_type: str,
    start: date,
    end: date,
    note: str = "",
) -> LeaveRecord:
    """Ask for leave for ``doctor`` (the actor themself, or a doctor they coordinate).
    Refused with ``ValidationError`` (by field) when it ends before it starts, a year is
    out of range, it overlaps their requested or approved leave, or annual leave exceeds
    the balance. Notice, minimum staffing and rota clashes only warn
    (``selectors.leave_warnings``). The department's coordinators are told once it commits.
    Raises ``PermissionDenied`` for anyone else."""
    own = actor.doctor_id == doctor.pk
    if not own and not access.coordinates(actor, doctor.department_id):
        raise PermissionDenied(NOT_YOURS)
    if leave_type not in REQUESTABLE_TYPES:
        raise ValidationError({"leave_type": "Choose a type of leave from the list"})
    if end < start:
        raise ValidationError({"end": "The last day must be on or after the first day"})
    _dates_checked(start=start, end=end)
    # Two requests from the same doctor at once cannot both take the same days (a count()
    # would drop the FOR UPDATE: Django counts in a query of its own).
    list(Doctor.objects.select_for_update().filter(pk=doctor.pk).values_list("pk", flat=True))
    _overlap_refused(doctor, start, end)
    if leave_type == LeaveType.ANNUAL:
        short = balance_shortfalls(doctor, start, end)
        if short:
            raise ValidationError({"end": short})
    record = LeaveRecord(
        doctor=doctor,
        leave_type=leave_type,
        start=start,
        end=end,
        note=note.strip(),
        status=LeaveStatus.REQUESTED,
        requested_by=actor,
        requested_at=timezone.now(),
    )
    record.full_clean()
    with audited_as(actor):
        record.save()
    _coordinators_told(actor=actor, record=record)
    return record


def _coordinators_told(*, actor: User, record: LeaveRecord) -> None:
    """The doctor's coordinators hear of a request as it is made (after it commits), as
    the doctor hears of the decision; the one who asked is not told of their own."""
    kind = record.get_leave_type_display().lower()
    when = (
        format_day(record.start) if record.start == record.end else period(record.start, record.end)
    )
    own = actor.doctor_id == record.doctor_id
    subject = (
        f"{record.doctor} asks for {kind} {when}"
        if own
        else f"{kind.capitalize()} asked for {record.doctor} {when}"
    )
    days = leave_days(record.start, record.end)
    notify(
        people=[c for c in department_coordinators(record.doctor.department_id) if c != actor],
        topic=Topic.LEAVE,
        subject=subject,
        body="\n".join(
            [
                f"{subject}: {days} working {'day' if days == 1 else 'days'}.",
                *([f"Note: {record.note}"] if record.note else []),
                "Open the request to see its impact on the rota before you decide.",
            ]
        ),
        link=reverse("leave:detail", args=[record.pk]),
    )


@transaction.atomic
def leave_withdraw(*, actor: User, record: LeaveRecord) -> LeaveRecord:
    """The doctor (or their coordinator) withdraws a request before it is decided. Raises
    ``LeaveAlreadyDecided`` once it is."""
    if actor.doctor_id != record.doctor_id and not access.coordinates(
        actor, record.doctor.department_id
    ):
        raise PermissionDenied(NOT_YOURS)
    locked = (
        LeaveRecord.objects.select_for_update(of=("self",))
        .select_related("decided_by")
        .get(pk=record.pk)
    )
    if locked.status != LeaveStatus.REQUESTED:
        raise LeaveAlreadyDecided(decided_words(locked))
    locked.status = LeaveStatus.CANCELLED
    locked.version += 1
    with audited_as(actor):
        locked.save(update_fields=["status", "version"])
    return locked


@transaction.atomic
def leave_decide(
    *,
    actor: User,
    record: LeaveRecord,
    approve: bool,
    reason: str = "",
    version: int | None = None,
) -> LeaveRecord:
    """Approve or decline a request, as a coordinator of the doctor's department. The
    row is locked and must still be waiting: of two coordinators deciding at once, the
    second gets ``LeaveAlreadyDecided`` saying who decided and how. On approval the
    doctor's shifts on those days leave every published rota and the gaps open. The
    doctor is told either way."""
    if not access.coordinates(actor, record.doctor.department_id):
        raise PermissionDenied(NOT_YOUR_DECISION)
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": REASON_NEEDED})
    locked = (
        LeaveRecord.objects.select_for_update(of=("self",))
        .select_related("doctor", "decided_by")
        .get(pk=record.pk)
    )
    if locked.status != LeaveStatus.REQUESTED:
        raise LeaveAlreadyDecided(decided_words(locked))
    if version is not None and version != locked.version:
        raise LeaveAlreadyDecided("This request changed while you were looking at it")
    locked.status = LeaveStatus.APPROVED if approve else LeaveStatus.DECLINED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.decision_reason = reason
    locked.version += 1
    with audited_as(actor):
        locked.save(
            update_fields=["status", "decided_by", "decided_at", "decision_reason", "version"]
        )
    if approve:
        take_off_rotas(made_by=actor, record=locked, start=locked.start, end=locked.end)
    kind = locked.get_leave_type_display().lower()
    verb = "approved" if approve else "declined"
    notify(
        people=[locked.doctor],
        topic=Topic.LEAVE,
        subject=f"Your {kind} {period(locked.start, locked.end)} is {verb}",
        body="\n".join(
            [f"Your {kind} {period(locked.start, locked.end)} is {verb}."]
            + ([f"Reason: {reason}"] if reason else [])
        ),
        link=f"/leave/{locked.pk}/",
    )
    return locked


def take_off_rotas(*, made_by: User, record: LeaveRecord, start: date, end: date) -> int:
    """Take the doctor's shifts from ``start`` to ``end`` off every published rota, one
    new version a rota, then open the gaps in each department affected. Rules are not
    checked: a doctor who is away does not work the shifts either way. Returns the number
    of shifts taken off."""
    reason = absence_words(record, start, end)
    shifts = Assignment.objects.filter(
        doctor=record.doctor, rota__status=RotaStatus.PUBLISHED, date__gte=start, date__lte=end
    ).select_related("doctor", "shift_type")
    by_rota: dict[int, list[Assignment]] = defaultdict(list)
    for shift in shifts:
        by_rota[shift.rota_id].append(shift)
    departments: set[int] = set()
    for rota in Rota.objects.filter(pk__in=by_rota).order_by("pk"):
        rota_change_apply(
            made_by=made_by, rota=rota, remove=by_rota[rota.pk], reason=reason, check_rules=False
        )
        departments.add(rota.department_id)
    for department_id in sorted(departments):
        gaps_open(
            made_by=made_by,
            department_id=department_id,
            start=start,
            end=end,
            cause=gap_cause(record),
            reason=reason,
            leave=record,
            absent_doctor=record.doctor,
            touched={(a.shift_type_id, a.date) for held in by_rota.values() for a in held},
        )
    # Other areas (clinics) hear of the days away in the same transaction.
    away_hooks_run(made_by=made_by, record=record, start=start, end=end)
    return sum(len(s) for s in by_rota.values())


@transaction.atomic
def absence_record(
    *,
    actor: User,
    doctor: Doctor,
    leave_type: str,
    start: date,
    expected_return: date,
    note: str = "",
) -> LeaveRecord:
    """Record sickness or another absence from ``start``, the doctor expected back on
    ``expected_return``: approved at once, the shifts of the days away taken off and the
    gaps opened. Raises ``PermissionDenied`` or ``ValidationError`` (by field)."""
    if not access.coordinates(actor, doctor.department_id):
        raise PermissionDenied(NOT_YOUR_DECISION)
    if leave_type not in ABSENCE_TYPES:
        raise ValidationError({"leave_type": "Choose sickness or another absence from the list"})
    if expected_return <= start:
        raise ValidationError(
            {"expected_return": "The expected return must be after the first day away"}
        )
    _dates_checked(start=start, expected_return=expected_return)
    end = expected_return - timedelta(days=1)
    list(Doctor.objects.select_for_update().filter(pk=doctor.pk).values_list("pk", flat=True))
    _overlap_refused(doctor, start, end)
    now = timezone.now()
    record = LeaveRecord(
        doctor=doctor,
        leave_type=leave_type,
        start=start,
        end=end,
        status=LeaveStatus.APPROVED,
        note=note.strip(),
        requested_by=actor,
        requested_at=now,
        decided_by=actor,
        decided_at=now,
        expected_return=expected_return,
    )
    record.full_clean()
    with audited_as(actor):
        record.save()
    take_off_rotas(made_by=actor, record=record, start=start, end=end)
    return record


@transaction.atomic
def absence_return(
    *,
    actor: User,
    record: LeaveRecord,
    actual_return: date,
    note: str = "",
    version: int | None = None,
) -> tuple[LeaveRecord, str]:
    """Record the doctor's return to work on ``actual_return``. Earlier than expected,
    the absence's last day is brought in, and the shifts already taken off stay off (the
    gaps may be filled by now: put the doctor back on the rota if they should work them).
    Later, the absence is extended and the extra days' shifts are taken off. Returns the
    record and what happened, in words."""
    if not access.coordinates(actor, record.doctor.department_id):
        raise PermissionDenied(NOT_YOUR_DECISION)
    locked = (
        LeaveRecord.objects.select_for_update(of=("self",))
        .select_related("doctor")
        .get(pk=record.pk)
    )
    if locked.expected_return is None or locked.status != LeaveStatus.APPROVED:
        raise ValidationError({"actual_return": "Only sickness and other absence have a return"})
    if version is not None and version != locked.version:
        raise LeaveAlreadyDecided("This absence changed while you were looking at it")
    if locked.actual_return is not None:
        raise ValidationError(
            {
                "actual_return": "The return to work was already recorded, on "
                f"{format_day(locked.actual_return)}"
            }
        )
    if actual_return <= locked.start:
        raise ValidationError(
            {
                "actual_return": "The return must be after the first day away, "
                f"{format_day(locked.start)}"
            }
        )
    _dates_checked(actual_return=actual_return)
    last_day = actual_return - timedelta(days=1)
    old_end = locked.end
    if last_day > old_end:
        _overlap_refused(locked.doctor, old_end + timedelta(days=1), last_day, excluding=locked.pk)
    locked.end = last_day
    locked.actual_return = actual_return
    locked.return_note = note.strip()
    locked.return_recorded_by = actor
    locked.version += 1
    with audited_as(actor):
        locked.save(
            update_fields=["end", "actual_return", "return_note", "return_recorded_by", "version"]
        )
    if last_day < old_end:
        said = (
            f"The absence now ends on {format_day(last_day)}. Shifts already taken off the "
            "rota are not put back: add any the doctor should now work on the rota."
        )
    elif last_day > old_end:
        taken = take_off_rotas(
            made_by=actor, record=locked, start=old_end + timedelta(days=1), end=last_day
        )
        said = (
            f"The absence now ends on {format_day(last_day)}; {taken} more "
            f"{'shift was' if taken == 1 else 'shifts were'} taken off the rota."
        )
    else:
        said = f"Back on {format_day(actual_return)}, as expected."
    return locked, said
