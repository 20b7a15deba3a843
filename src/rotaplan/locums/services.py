"""Writes of the locums area: booking a locum (for a gap of the register or ad hoc),
cancelling a booking, marking it worked, and an agency doctor's induction. Each in one
transaction, checked against the user's departments through ``access``, audited.

Two coordinators booking the same gap at once: the gap's row is locked and its status
read again under the lock, so exactly one booking is made; the other is told who booked
it (``AlreadyDealtWith``), and nothing of theirs is saved.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from rotaplan.audit.actor import audited_as
from rotaplan.cover.models import UNFILLED, Gap, GapStatus
from rotaplan.engine.clock import format_day, format_moment, to_london
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.grades import TIER_OF_GRADE, Grade
from rotaplan.people.models import User, gmc_number_validator
from rotaplan.rotas.models import ShiftType

from . import costing
from .models import (
    BookingReason,
    BookingStatus,
    HoursKind,
    InductionCheck,
    InductionStep,
    LocumBooking,
    LocumInduction,
    RateCard,
    Supplier,
    SupplierKind,
)

NOT_YOURS = "You do not coordinate this department's staffing"
# A locum shift longer than a day is a mistake in the times, not a shift.
LONGEST_SHIFT_MINUTES = 24 * 60


class AlreadyDealtWith(Exception):
    """Someone else changed the gap or the booking first: ``message`` says who and how."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def rate_for(*, supplier: Supplier, grade: str, start: datetime) -> RateCard:
    """The supplier's rate card row in effect on the shift's (London) day for the grade's
    level and the shift's kind of hours. Raises ``ValidationError`` on ``supplier`` when
    none applies."""
    day = to_london(start).date()
    kind = costing.hours_kind(start)
    tier = TIER_OF_GRADE.get(grade)
    rows = RateCard.objects.filter(supplier=supplier, tier=tier, hours_kind=kind)
    found = costing.rate_in_effect(list(rows), day)
    if found is None:
        raise ValidationError(
            {
                "supplier": f"{supplier.name} has no rate for a {tier or grade} doctor's "
                f"{HoursKind(kind).label.lower()} on {format_day(day)}: add one to its rate "
                "card, or choose another supplier"
            }
        )
    return found


@transaction.atomic
def booking_make(
    *,
    actor: User,
    supplier: Supplier,
    locum_name: str,
    gmc_number: str,
    grade: str,
    reason: str,
    note: str = "",
    gap: Gap | None = None,
    gap_version: int | None = None,
    department: Department | None = None,
    shift_type: ShiftType | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> LocumBooking:
    """Book a locum for ``gap`` (its shift, its times), or ad hoc for ``department`` from
    ``start`` to ``end``. The rate is the supplier's rate card row in effect on the
    shift's day; a gap booked becomes "bank" or "agency" with the cost. Raises
    ``PermissionDenied``, ``ValidationError`` (by field) or ``AlreadyDealtWith`` when the
    gap was booked, filled or cancelled first."""
    if gap is not None:
        access.require_rota_editor(actor, gap.department_id)
        locked = (
            Gap.objects.select_for_update(of=("self",)).select_related("shift_type").get(pk=gap.pk)
        )
        _still_unfilled(locked, gap_version)
        department_id, shift_type = locked.department_id, locked.shift_type
        if (start is not None and start != locked.start) or (end is not None and end != locked.end):
            raise ValidationError(
                {"start": "A booking for a gap covers the gap's shift: leave the times out"}
            )
        start, end = locked.start, locked.end
    else:
        if department is None:
            raise ValidationError({"department": "Choose the department the locum works for"})
        access.require_rota_editor(actor, department.pk)
        department_id = department.pk
        if shift_type is not None and shift_type.department_id != department_id:
            raise ValidationError({"shift_type": "Choose a shift of this department"})
        if start is None or end is None:
            raise ValidationError({"start": "Enter when the shift starts and ends"})
        locked = None
    problems = _booking_problems(supplier, locum_name, gmc_number, grade, reason, start, end)
    if problems:
        raise ValidationError(problems)
    rate = rate_for(supplier=supplier, grade=grade, start=start)
    minutes = costing.shift_minutes(start, end)
    booking = LocumBooking(
        department_id=department_id,
        gap=locked,
        shift_type=shift_type,
        supplier=supplier,
        locum_name=locum_name.strip(),
        gmc_number=gmc_number.strip(),
        grade=grade,
        date=to_london(start).date(),
        start=start,
        end=end,
        minutes=minutes,
        hours_kind=rate.hours_kind,
        rate=rate,
        hourly_rate_pence=rate.hourly_rate_pence,
        cost_pence=costing.cost_pence(minutes, rate.hourly_rate_pence),
        reason=reason,
        note=note.strip(),
        booked_by=actor,
    )
    with audited_as(actor):
        booking.save()
        if locked is not None:
            locked.status = (
                GapStatus.AGENCY if supplier.kind == SupplierKind.AGENCY else GapStatus.BANK
            )
            locked.cost_pence = booking.cost_pence
            locked.filled_by = None
            locked.note = f"{booking.locum_name} booked through {supplier.name}"
            _dealt_with(locked, actor)
        if supplier.kind == SupplierKind.AGENCY:
            _induction_for(booking)
    return booking


def _still_unfilled(gap: Gap, version: int | None) -> None:
    if gap.status not in UNFILLED:
        who = gap.dealt_with_by.get_full_name() if gap.dealt_with_by else "someone else"
        when = f" at {format_moment(gap.dealt_with_at)}" if gap.dealt_with_at else ""
        raise AlreadyDealtWith(
            f"This gap is no longer open: it was marked {gap.get_status_display().lower()} "
            f"by {who or 'someone else'}{when}"
        )
    if version is not None and version != gap.version:
        raise AlreadyDealtWith(
            "This gap was changed by someone else while you were booking: look at it again"
        )


def _booking_problems(
    supplier: Supplier,
    locum_name: str,
    gmc_number: str,
    grade: str,
    reason: str,
    start: datetime,
    end: datetime,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not supplier.active:
        problems["supplier"] = f"{supplier.name} is no longer used: choose another supplier"
    if not locum_name.strip():
        problems["locum_name"] = "Enter the locum's name"
    elif len(locum_name.strip()) > 200:
        problems["locum_name"] = "Enter the locum's name in 200 characters or fewer"
    try:
        gmc_number_validator(gmc_number.strip())
    except ValidationError:
        problems["gmc_number"] = "Enter the locum's GMC number: exactly 7 digits, like 7012345"
    if grade not in Grade.values:
        problems["grade"] = "Choose the locum's grade"
    if reason not in BookingReason.values:
        problems["reason"] = "Choose why the locum is needed"
    if start.tzinfo is None or end.tzinfo is None:
        problems["start"] = "Give the times with their time zone"
    elif end <= start:
        problems["end"] = "The shift must end after it starts"
    elif costing.shift_minutes(start, end) > LONGEST_SHIFT_MINUTES:
        problems["end"] = "A locum shift is 24 hours at most: check the end"
    return problems


def _dealt_with(gap: Gap, actor: User) -> None:
    gap.dealt_with_by = actor
    gap.dealt_with_at = timezone.now()
    gap.version += 1
    gap.save(
        update_fields=[
            "status",
            "cost_pence",
            "filled_by",
            "note",
            "dealt_with_by",
            "dealt_with_at",
            "version",
        ]
    )


def _induction_for(booking: LocumBooking) -> LocumInduction:
    induction, _ = LocumInduction.objects.get_or_create(
        gmc_number=booking.gmc_number, defaults={"locum_name": booking.locum_name}
    )
    return induction


def _locked_booking(booking: LocumBooking, version: int | None) -> LocumBooking:
    locked = (
        LocumBooking.objects.select_for_update(of=("self",))
        .select_related("supplier")
        .get(pk=booking.pk)
    )
    if locked.status == BookingStatus.CANCELLED:
        who = locked.changed_by.get_full_name() if locked.changed_by else "someone else"
        raise AlreadyDealtWith(f"This booking was already cancelled by {who or 'someone else'}")
    if version is not None and version != locked.version:
        raise AlreadyDealtWith(
            "This booking was changed by someone else while you were looking: look at it again"
        )
    return locked


@transaction.atomic
def booking_cancel(
    *, actor: User, booking: LocumBooking, reason: str, version: int | None = None
) -> LocumBooking:
    """Cancel a booking not yet worked; its gap, if it had one, opens again. Raises
    ``PermissionDenied``, ``ValidationError`` or ``AlreadyDealtWith``."""
    access.require_rota_editor(actor, booking.department_id)
    locked = _locked_booking(booking, version)
    if locked.status == BookingStatus.WORKED:
        raise ValidationError({"reason": "This shift has been worked: it cannot be cancelled"})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the booking is cancelled"})
    locked.status = BookingStatus.CANCELLED
    locked.cancel_reason = reason.strip()[:300]
    locked.changed_by = actor
    locked.changed_at = timezone.now()
    locked.version += 1
    with audited_as(actor):
        locked.save()
        if locked.gap_id is not None:
            gap = Gap.objects.select_for_update().get(pk=locked.gap_id)
            if gap.status in {GapStatus.BANK, GapStatus.AGENCY}:
                gap.status = GapStatus.OPEN
                gap.cost_pence = None
                gap.note = f"Locum booking cancelled: {locked.cancel_reason}"
                _dealt_with(gap, actor)
    return locked


def induction_missing(gmc_number: str) -> list[str]:
    """The checks of the locum's induction not yet done, in words; empty when complete."""
    done = set(
        InductionStep.objects.filter(induction__gmc_number=gmc_number).values_list(
            "check_done", flat=True
        )
    )
    return [check.label for check in InductionCheck if check.value not in done]


@transaction.atomic
def booking_mark_worked(
    *, actor: User, booking: LocumBooking, version: int | None = None
) -> LocumBooking:
    """Record that the locum worked the shift: only once it has started, and for an agency
    doctor only once their induction is complete. Raises ``PermissionDenied``,
    ``ValidationError`` or ``AlreadyDealtWith``."""
    access.require_rota_editor(actor, booking.department_id)
    locked = _locked_booking(booking, version)
    if locked.status == BookingStatus.WORKED:
        raise AlreadyDealtWith("This booking is already marked as worked")
    if locked.start > timezone.now():
        raise ValidationError(
            {"status": "The shift has not started yet: mark it worked once it has"}
        )
    if locked.supplier.kind == SupplierKind.AGENCY:
        missing = induction_missing(locked.gmc_number)
        if missing:
            raise ValidationError(
                {
                    "status": f"{locked.locum_name}'s induction is not complete "
                    f"({', '.join(m.lower() for m in missing)} still to do): an agency doctor "
                    "must be inducted before their first shift"
                }
            )
    locked.status = BookingStatus.WORKED
    locked.changed_by = actor
    locked.changed_at = timezone.now()
    locked.version += 1
    with audited_as(actor):
        locked.save()
    return locked


@transaction.atomic
def induction_step_done(*, actor: User, booking: LocumBooking, check: str) -> InductionStep:
    """Record one check of the booked agency doctor's induction as done by ``actor`` now.
    Done already (by anyone): the first record stands and is returned."""
    if not access.coordinates(actor, booking.department_id):
        raise PermissionDenied(NOT_YOURS)
    if check not in InductionCheck.values:
        raise ValidationError({"check": "Choose a check of the induction"})
    if booking.supplier.kind != SupplierKind.AGENCY:
        raise ValidationError(
            {"check": "A bank doctor is inducted as one of the trust's own staff"}
        )
    with audited_as(actor):
        induction = _induction_for(booking)
        LocumInduction.objects.select_for_update().filter(pk=induction.pk).first()
        held = InductionStep.objects.filter(induction=induction, check_done=check).first()
        if held is not None:
            return held
        return InductionStep.objects.create(induction=induction, check_done=check, done_by=actor)
