"""Writes of the cover area. ``gaps_open`` is how a change to a published rota (leave
approved, sickness recorded, a rota published short) reaches the gap register;
``gap_offer`` and ``offer_answer`` fill a gap with a colleague, the first to accept
getting the shift; ``gap_cancel`` closes one nobody needs to fill."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rotaplan.audit.actor import audited_as
from rotaplan.engine.clock import format_day
from rotaplan.leave.models import LeaveRecord
from rotaplan.notifications.models import Topic
from rotaplan.notifications.services import notify
from rotaplan.people import access
from rotaplan.people.models import Doctor, User
from rotaplan.rotas.editing.breaches import EditCreatesBreaches
from rotaplan.rotas.models import Assignment, Rota
from rotaplan.rotas.overlap import shift_words
from rotaplan.rotas.versions.services import NewShift, rota_change_apply

from .candidates import cover_refusals, rota_for
from .models import UNFILLED, CoverOffer, Gap, GapCause, GapStatus, OfferStatus
from .shortfall import ShiftShort, below_minimum

# Gaps whose cover is not a doctor on the rota: still counted as a missing doctor.
NOT_ON_THE_ROTA = frozenset({GapStatus.OPEN, GapStatus.OFFERED, GapStatus.BANK, GapStatus.AGENCY})
ALREADY_SHORT = "Below its minimum on the published rota"
NO_LONGER_SHORT = "No longer below its minimum: the rota was changed"


@transaction.atomic
def gaps_open(
    *,
    made_by: User | None,
    department_id: int,
    start: date,
    end: date,
    cause: GapCause,
    reason: str,
    leave: LeaveRecord | None = None,
    absent_doctor: Doctor | None = None,
    touched: Collection[tuple[int, date]] | None = None,
) -> list[Gap]:
    """Bring the register up to date for the department's shifts from ``start`` to
    ``end``: a shift with fewer doctors on its published rota than its minimum has one
    gap a missing doctor, counting those already registered whose cover is not on the
    rota (open, offered, or booked through the bank or an agency: a locum is not on it).
    The new gaps get ``cause`` and ``reason``, but where ``touched`` names the shifts the
    change took doctors off (by shift type id and day), a shift outside it that was short
    already is registered as a shortfall of the rota, not blamed on this absence. Open
    gaps of a shift that is no longer short are cancelled. Callers have checked
    ``made_by`` may change the department's rotas. Returns the gaps opened."""
    shorts = below_minimum(department_id, start, end)
    registered = _registered(department_id, start, end)
    opened: list[Gap] = []
    with audited_as(made_by):
        for short in shorts:
            held = registered.pop((short.shift_type_id, short.date), [])
            live = [g for g in held if g.status in NOT_ON_THE_ROTA]
            ours = touched is None or (short.shift_type_id, short.date) in touched
            for _ in range(short.missing - len(live)):
                if ours:
                    opened.append(_gap(short, cause, reason, leave, absent_doctor))
                else:
                    opened.append(_gap(short, GapCause.SHORTFALL, ALREADY_SHORT, None, None))
        for held in registered.values():
            for gap in held:
                if gap.status in {GapStatus.OPEN, GapStatus.OFFERED}:
                    _close(gap, made_by)
    return opened


def _registered(department_id: int, start: date, end: date) -> dict[tuple[int, date], list[Gap]]:
    found: dict[tuple[int, date], list[Gap]] = {}
    for gap in Gap.objects.select_for_update().filter(
        department_id=department_id, date__gte=start, date__lte=end
    ):
        found.setdefault((gap.shift_type_id, gap.date), []).append(gap)
    return found


def _gap(
    short: ShiftShort,
    cause: GapCause,
    reason: str,
    leave: LeaveRecord | None,
    absent_doctor: Doctor | None,
) -> Gap:
    return Gap.objects.create(
        department_id=short.department_id,
        rota_id=short.rota_id,
        shift_type_id=short.shift_type_id,
        date=short.date,
        start=short.start,
        end=short.end,
        cause=cause,
        reason=reason,
        leave=leave,
        absent_doctor=absent_doctor,
    )


def _close(gap: Gap, made_by: User | None) -> None:
    gap.status = GapStatus.CANCELLED
    gap.note = NO_LONGER_SHORT
    gap.dealt_with_by = made_by
    gap.dealt_with_at = timezone.now()
    gap.version += 1
    gap.save(update_fields=["status", "note", "dealt_with_by", "dealt_with_at", "version"])


class GapChanged(Exception):
    """The gap was dealt with (filled, booked, cancelled) or changed since it was read:
    nothing was saved. ``message`` says what happened, in words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CannotTake(Exception):
    """The doctor may not take the shift now: ``reasons`` say which rule, in words."""

    def __init__(self, doctor: Doctor, reasons: Sequence[str]) -> None:
        self.reasons = list(reasons)
        self.message = f"{doctor} cannot take this shift: {'; '.join(self.reasons)}"
        super().__init__(self.message)


GAP_CHANGED = "This gap was changed by someone else since you opened it: look again."
NO_DOCTORS = "Choose at least one doctor to offer the shift to"
NO_REASON = "Say why the gap no longer needs filling"


def gap_words(gap: Gap) -> str:
    """ "N (Night) on Mon 3 Aug 2026"."""
    return f"{gap.shift_type.code} ({gap.shift_type.name}) on {format_day(gap.date)}"


def dealt_with_words(gap: Gap) -> str:
    """What became of a gap no longer waiting, for the person who came too late."""
    who = f" by {gap.dealt_with_by.display_name}" if gap.dealt_with_by else ""
    if gap.status == GapStatus.FILLED_INTERNALLY:
        return f"This shift was already taken by {gap.filled_by}."
    if gap.status in {GapStatus.BANK, GapStatus.AGENCY}:
        return f"This shift was already booked through the {gap.get_status_display().lower()}{who}."
    return f"This gap was already cancelled{who}."


def _locked_gap(gap: Gap, version: int | None = None) -> Gap:
    locked = (
        Gap.objects.select_for_update(of=("self",))
        .select_related("shift_type", "department", "rota", "filled_by", "dealt_with_by")
        .get(pk=gap.pk)
    )
    if locked.status not in UNFILLED:
        raise GapChanged(dealt_with_words(locked))
    if version is not None and version != locked.version:
        raise GapChanged(GAP_CHANGED)
    return locked


def _gap_rota(gap: Gap) -> Rota:
    rota = gap.rota or rota_for(gap.shift_type, gap.date)
    if rota is None:
        raise GapChanged("This shift is on no published rota any more.")
    return rota


def offer_link(offer: CoverOffer) -> str:
    return reverse("cover:offer", args=[offer.pk])


@transaction.atomic
def gap_offer(
    *,
    actor: User,
    gap: Gap,
    doctors: Sequence[Doctor],
    note: str = "",
    version: int | None = None,
) -> list[CoverOffer]:
    """Offer the gap's shift to ``doctors``, each told by a notification. Each must be
    able to take it now (a doctor who would break a rule is refused with the rule, and
    nobody is offered it). A doctor offered it before, who declined, is asked again.
    Raises ``PermissionDenied``, ``GapChanged``, ``ValidationError`` (on ``doctors``)."""
    access.require_rota_editor(actor, gap.department_id)
    locked = _locked_gap(gap, version)
    if not doctors:
        raise ValidationError({"doctors": NO_DOCTORS})
    rota = _gap_rota(locked)
    problems = []
    for doctor in doctors:
        reasons = cover_refusals(
            doctor=doctor, shift_type=locked.shift_type, day=locked.date, rota=rota
        )
        if reasons:
            problems.append(f"{doctor} cannot take this shift: {'; '.join(reasons)}")
    if problems:
        raise ValidationError({"doctors": problems})
    now = timezone.now()
    offers = []
    with audited_as(actor):
        for doctor in doctors:
            offer = CoverOffer.objects.filter(gap=locked, doctor=doctor).first()
            if offer is None:
                offer = CoverOffer(gap=locked, doctor=doctor)
            elif offer.status == OfferStatus.WAITING:
                offers.append(offer)
                continue
            offer.status = OfferStatus.WAITING
            offer.offered_by = actor
            offer.offered_at = now
            offer.answered_at = None
            offer.note = note.strip()
            offer.save()
            offers.append(offer)
            _tell_offered(offer, locked)
        locked.status = GapStatus.OFFERED
        locked.dealt_with_by = actor
        locked.dealt_with_at = now
        locked.version += 1
        locked.save(update_fields=["status", "dealt_with_by", "dealt_with_at", "version"])
    return offers


def _tell_offered(offer: CoverOffer, gap: Gap) -> None:
    times = shift_words(gap.shift_type.code, gap.start, gap.end)
    lines = [f"{gap.department.name} needs a doctor for {gap.shift_type.name}: {times}."]
    if offer.note:
        lines.append(offer.note)
    lines.append("The first to accept gets the shift.")
    notify(
        people=[offer.doctor],
        topic=Topic.OFFER,
        subject=f"Can you work an extra shift: {gap_words(gap)}?",
        body="\n".join(lines),
        link=offer_link(offer),
    )


def may_answer(user: User, offer: CoverOffer) -> bool:
    """The doctor offered the shift, or a coordinator of the gap's department recording
    the answer they gave by phone."""
    own = user.is_authenticated and user.doctor_id == offer.doctor_id
    return own or access.coordinates(user, offer.gap.department_id)


@transaction.atomic
def offer_answer(*, actor: User, offer: CoverOffer, accept: bool) -> CoverOffer:
    """The doctor's answer to an offer: given by them, or recorded by a coordinator.

    Accepting: the gap's row is locked, so of two doctors accepting at once one waits for
    the other and then finds the shift taken. The doctor is checked against the rules
    again now (their rota may have changed since the offer) and put on the published rota
    as a new version; the gap is filled, and every other doctor still asked is told the
    shift is taken. Raises ``PermissionDenied``, ``GapChanged`` (taken, booked,
    cancelled, or this offer answered already) or ``CannotTake``."""
    if not may_answer(actor, offer):
        raise PermissionDenied
    gap = (
        Gap.objects.select_for_update(of=("self",))
        .select_related("shift_type", "department", "rota", "filled_by", "dealt_with_by")
        .get(pk=offer.gap_id)
    )
    locked = (
        CoverOffer.objects.select_for_update(of=("self",)).select_related("doctor").get(pk=offer.pk)
    )
    if locked.status == OfferStatus.TAKEN or (
        locked.status == OfferStatus.WAITING and gap.status not in UNFILLED
    ):
        raise GapChanged(dealt_with_words(gap))
    if locked.status == OfferStatus.WITHDRAWN:
        raise GapChanged("This offer was withdrawn: the shift no longer needs you.")
    if locked.status != OfferStatus.WAITING:
        raise GapChanged(f"This offer was already answered: {locked.get_status_display().lower()}.")
    now = timezone.now()
    if not accept:
        with audited_as(actor):
            locked.status = OfferStatus.DECLINED
            locked.answered_at = now
            locked.save(update_fields=["status", "answered_at"])
            still_asked = gap.offers.filter(status=OfferStatus.WAITING).exists()
            if not still_asked and gap.status == GapStatus.OFFERED:
                gap.status = GapStatus.OPEN
                gap.version += 1
                gap.save(update_fields=["status", "version"])
        return locked
    doctor = locked.doctor
    rota = _gap_rota(gap)
    reasons = cover_refusals(doctor=doctor, shift_type=gap.shift_type, day=gap.date, rota=rota)
    if reasons:
        raise CannotTake(doctor, reasons)
    try:
        rota_change_apply(
            made_by=actor,
            rota=rota,
            add=[NewShift(doctor=doctor, shift_type=gap.shift_type, date=gap.date)],
            reason=f"{doctor} covers a gap" + (f": {gap.reason}" if gap.reason else ""),
        )
    except EditCreatesBreaches as breaches:
        raise CannotTake(doctor, [b.message for b in breaches.breaches]) from breaches
    except ValidationError as invalid:
        raise CannotTake(doctor, invalid.messages) from invalid
    assignment = Assignment.objects.get(
        rota=rota, doctor=doctor, shift_type=gap.shift_type, date=gap.date
    )
    with audited_as(actor):
        locked.status = OfferStatus.ACCEPTED
        locked.answered_at = now
        locked.save(update_fields=["status", "answered_at"])
        gap.status = GapStatus.FILLED_INTERNALLY
        gap.filled_by = doctor
        gap.assignment = assignment
        gap.rota = rota
        gap.dealt_with_by = actor
        gap.dealt_with_at = now
        gap.version += 1
        gap.save(
            update_fields=[
                "status",
                "filled_by",
                "assignment",
                "rota",
                "dealt_with_by",
                "dealt_with_at",
                "version",
            ]
        )
        others = list(
            gap.offers.select_for_update(of=("self",))
            .filter(status=OfferStatus.WAITING)
            .exclude(pk=locked.pk)
            .select_related("doctor")
        )
        for other in others:
            other.status = OfferStatus.TAKEN
            other.save(update_fields=["status"])
    if others:
        notify(
            people=[o.doctor for o in others],
            topic=Topic.OFFER,
            subject=f"Shift taken: {gap_words(gap)}",
            body=f"Thank you: {gap_words(gap)} has been taken by a colleague. You need do nothing.",
            link=reverse("selfservice:offers"),
        )
    return locked


@transaction.atomic
def gap_cancel(*, actor: User, gap: Gap, reason: str, version: int | None = None) -> Gap:
    """Close a gap that no longer needs filling (the shift is not needed that day, cover
    was found another way), saying why; doctors still asked are told. Raises
    ``PermissionDenied``, ``GapChanged`` or ``ValidationError`` (on ``reason``)."""
    access.require_rota_editor(actor, gap.department_id)
    locked = _locked_gap(gap, version)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": NO_REASON})
    with audited_as(actor):
        locked.status = GapStatus.CANCELLED
        locked.note = reason[: Gap._meta.get_field("note").max_length]
        locked.dealt_with_by = actor
        locked.dealt_with_at = timezone.now()
        locked.version += 1
        locked.save(update_fields=["status", "note", "dealt_with_by", "dealt_with_at", "version"])
        asked = list(
            locked.offers.select_for_update(of=("self",))
            .filter(status=OfferStatus.WAITING)
            .select_related("doctor")
        )
        for offer in asked:
            offer.status = OfferStatus.WITHDRAWN
            offer.save(update_fields=["status"])
    if asked:
        notify(
            people=[o.doctor for o in asked],
            topic=Topic.OFFER,
            subject=f"Offer withdrawn: {gap_words(locked)}",
            body=f"{gap_words(locked)} no longer needs covering: {reason}",
            link=reverse("selfservice:offers"),
        )
    return locked


VACANCY_LOOKBACK_DAYS = 56


@transaction.atomic
def gaps_after_publish(*, made_by: User | None, rota: Rota) -> list[Gap]:
    """The gaps a rota published with shifts below their minimum opens: a shortfall,
    or a vacancy where a doctor whose post ended had worked that shift (``_vacancy``)."""
    opened = gaps_open(
        made_by=made_by,
        department_id=rota.department_id,
        start=rota.period_start,
        end=rota.period_end,
        cause=GapCause.SHORTFALL,
        reason=f"Below its minimum when {rota.name} was published",
    )
    leavers = _leavers(rota)
    with audited_as(made_by):
        for gap in opened:
            left = _vacancy(gap, leavers)
            if left is not None:
                gap.cause = GapCause.VACANCY
                gap.absent_doctor = left
                gap.reason = f"{left}'s post ended on {format_day(left.post_end or gap.date)}"
                gap.save(update_fields=["cause", "absent_doctor", "reason"])
    return opened


def _leavers(rota: Rota) -> dict[int, list[Doctor]]:
    """The department's doctors whose post ended during the rota or just before it, with
    the shift types (by id) they worked on published rotas in their last weeks."""
    start = rota.period_start - timedelta(days=VACANCY_LOOKBACK_DAYS)
    doctors = Doctor.objects.filter(
        department_id=rota.department_id, post_end__gte=start, post_end__lt=rota.period_end
    )
    found: dict[int, list[Doctor]] = {}
    for doctor in doctors.order_by("post_end", "pk"):
        assert doctor.post_end is not None
        worked = set(
            Assignment.objects.filter(
                doctor=doctor,
                date__gte=doctor.post_end - timedelta(days=VACANCY_LOOKBACK_DAYS),
                date__lte=doctor.post_end,
            ).values_list("shift_type_id", flat=True)
        )
        for shift_type_id in worked:
            found.setdefault(shift_type_id, []).append(doctor)
    return found


def _vacancy(gap: Gap, leavers: dict[int, list[Doctor]]) -> Doctor | None:
    """The doctor whose post ended before the gap and who worked its shift: the place
    they left is the vacancy. The latest to leave, if several."""
    left = [
        d
        for d in leavers.get(gap.shift_type_id, [])
        if d.post_end is not None and d.post_end < gap.date
    ]
    return left[-1] if left else None
