"""Writes of doctor self-service: shift swaps asked, answered, decided and withdrawn; the
calendar feed made and revoked; notifications marked read.

A swap passes three people: the doctor asks, the colleague accepts, the department's
coordinator approves, and only then does the rota change (``rota_change_apply``, one new
version, both doctors told). Each step locks the swap's row and checks its state, so two
answers or two decisions at once cannot both win: the second is told what happened."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rotaplan.audit.actor import audited_as
from rotaplan.engine.clock import format_day, format_moment
from rotaplan.notifications.models import Notification, Topic
from rotaplan.notifications.services import notify
from rotaplan.people import access
from rotaplan.people.models import Doctor, Role, User
from rotaplan.rotas.editing.breaches import EditCreatesBreaches
from rotaplan.rotas.models import Assignment, RotaStatus
from rotaplan.rotas.refusals import RotaChanged, RotaNotDraft
from rotaplan.rotas.versions.services import NewShift, rota_change_apply

from .models import OPEN_SWAP, CalendarFeed, ShiftSwap, SwapStatus
from .swap_checks import SwapShifts, swap_problems

NOT_YOUR_SHIFT = "You can only swap your own shifts."
NOT_ASKED_OF_YOU = "This swap was not asked of you."
SHIFT_CHANGED = (
    "A shift of this swap has changed since it was asked for (taken off the rota, moved, "
    "or swapped already), so the swap cannot go ahead. Ask again from the rota as it is now."
)
NOT_A_DOCTOR = "Only a doctor has a calendar feed."
FEED_TOKEN_BYTES = 32


class SwapBreaksRules(Exception):
    """The swap would break a rule for one of the doctors: nothing was saved."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class SwapConflict(Exception):
    """The swap is no longer in the state the user saw (someone answered, decided or
    withdrew it first, or a shift changed): nothing was saved."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def shift_text(code: str, name: str, day_text: str) -> str:
    return f"{code} ({name}) on {day_text}"


def swap_summary(swap: ShiftSwap) -> str:
    """ "Dr Ada Patel's N (Night) on Mon 3 Aug 2026 for Dr Bea Okafor's LD (Long day) on
    Tue 4 Aug 2026", or "... given to Dr Bea Okafor"."""
    mine = shift_text(swap.shift_type.code, swap.shift_type.name, format_day(swap.date))
    if swap.colleague_shift_type is None or swap.colleague_date is None:
        return f"{swap.requester}'s {mine}, given to {swap.colleague}"
    theirs = shift_text(
        swap.colleague_shift_type.code,
        swap.colleague_shift_type.name,
        format_day(swap.colleague_date),
    )
    return f"{swap.requester}'s {mine} for {swap.colleague}'s {theirs}"


@transaction.atomic
def swap_request(
    *,
    actor: User,
    assignment: Assignment,
    colleague: Doctor,
    colleague_assignment: Assignment | None = None,
    note: str = "",
) -> ShiftSwap:
    """``actor``, a doctor, asks ``colleague`` to take their published ``assignment``, in
    exchange for ``colleague_assignment`` or for nothing. Raises ``PermissionDenied``
    (not the actor's shift), ``ValidationError`` (named by field: a shift in the past, a
    colleague of another department, a shift not theirs...) or ``SwapBreaksRules``."""
    if not actor.doctor_id or assignment.doctor_id != actor.doctor_id:
        raise PermissionDenied(NOT_YOUR_SHIFT)
    locked = _locked_shifts(
        [assignment.pk] + ([colleague_assignment.pk] if colleague_assignment else [])
    )
    mine = locked.get(assignment.pk)
    if mine is None or mine.doctor_id != actor.doctor_id:
        raise ValidationError({"assignment": "This shift is no longer on your rota."})
    rota = mine.rota
    today = timezone.localdate()
    if rota.status != RotaStatus.PUBLISHED:
        raise ValidationError({"assignment": "Only shifts on a published rota can be swapped."})
    if mine.date < today:
        raise ValidationError({"assignment": "This shift is in the past."})
    if colleague.pk == mine.doctor_id:
        raise ValidationError({"colleague": "Choose a colleague, not yourself."})
    if colleague.department_id != rota.department_id:
        raise ValidationError({"colleague": f"Choose a colleague in {rota.department.name}."})
    theirs = None
    if colleague_assignment is not None:
        theirs = locked.get(colleague_assignment.pk)
        if theirs is None or theirs.doctor_id != colleague.pk or theirs.rota_id != rota.pk:
            raise ValidationError(
                {"colleague_assignment": f"Choose a shift of {colleague} on the same rota."}
            )
        if theirs.date < today:
            raise ValidationError({"colleague_assignment": "Their shift is in the past."})
    asked = ShiftSwap.objects.filter(assignment=mine, status__in=OPEN_SWAP).first()
    if asked is not None:
        raise ValidationError(
            {"assignment": f"You have already asked {asked.colleague} to swap this shift."}
        )
    problems = swap_problems(SwapShifts(rota, mine.doctor, mine, colleague, theirs))
    if problems:
        raise SwapBreaksRules(problems)
    swap = ShiftSwap(
        rota=rota,
        requester=mine.doctor,
        assignment=mine,
        shift_type=mine.shift_type,
        date=mine.date,
        start=mine.start,
        end=mine.end,
        colleague=colleague,
        colleague_assignment=theirs,
        colleague_shift_type=theirs.shift_type if theirs else None,
        colleague_date=theirs.date if theirs else None,
        colleague_start=theirs.start if theirs else None,
        colleague_end=theirs.end if theirs else None,
        note=note.strip(),
        requested_by=actor,
    )
    swap.full_clean()
    with audited_as(actor):
        swap.save()
    notify(
        people=[colleague],
        topic=Topic.SWAP,
        subject=f"{swap.requester} asks to swap a shift with you",
        body="\n".join(
            [
                swap_summary(swap),
                *([f"Note: {swap.note}"] if swap.note else []),
                "Accept or decline it on the swap's page.",
            ]
        ),
        link=reverse("selfservice:swap", args=[swap.pk]),
    )
    return swap


@transaction.atomic
def swap_answer(
    *, actor: User, swap: ShiftSwap, accept: bool, version: int | None = None
) -> ShiftSwap:
    """The colleague accepts or declines. Accepting checks the rules again (the rota may
    have changed) and passes the swap to the department's coordinators. Raises
    ``PermissionDenied``, ``SwapConflict`` or ``SwapBreaksRules``."""
    if not actor.doctor_id or actor.doctor_id != swap.colleague_id:
        raise PermissionDenied(NOT_ASKED_OF_YOU)
    locked = _locked(swap, version)
    if locked.status != SwapStatus.WAITING:
        raise SwapConflict(_already(locked))
    if accept:
        _check_again(locked)
        locked.status = SwapStatus.ACCEPTED
    else:
        locked.status = SwapStatus.DECLINED
    locked.answered_at = timezone.now()
    _save(locked, actor, ["status", "answered_at"])
    link = reverse("selfservice:swap", args=[locked.pk])
    if accept:
        notify(
            people=[locked.requester],
            topic=Topic.SWAP,
            subject=f"{locked.colleague} accepted your swap",
            body=f"{swap_summary(locked)}\nIt now waits for the rota coordinator's approval.",
            link=link,
        )
        notify(
            people=_coordinators(locked.rota.department_id),
            topic=Topic.SWAP,
            subject="A shift swap waits for your approval",
            body=swap_summary(locked),
            link=reverse("selfservice:swap-decide", args=[locked.pk]),
        )
    else:
        notify(
            people=[locked.requester],
            topic=Topic.SWAP,
            subject=f"{locked.colleague} declined your swap",
            body=swap_summary(locked),
            link=link,
        )
    return locked


@transaction.atomic
def swap_decide(
    *,
    actor: User,
    swap: ShiftSwap,
    approve: bool,
    reason: str = "",
    version: int | None = None,
) -> ShiftSwap:
    """The department's coordinator approves (the rota changes as one new version, both
    doctors told) or refuses with a reason. Raises ``PermissionDenied``,
    ``ValidationError`` (a refusal without a reason), ``SwapConflict`` or
    ``SwapBreaksRules``."""
    if not access.coordinates(actor, swap.rota.department_id):
        raise PermissionDenied(access.NOT_YOUR_ROTAS)
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": "Say why the swap is refused."})
    locked = _locked(swap, version)
    if locked.status != SwapStatus.ACCEPTED:
        raise SwapConflict(_already(locked))
    if approve:
        mine, theirs = _check_again(locked)
        add = [NewShift(locked.colleague, mine.shift_type, mine.date)]
        if theirs is not None:
            add.append(NewShift(locked.requester, theirs.shift_type, theirs.date))
        try:
            change = rota_change_apply(
                made_by=actor,
                rota=locked.rota,
                remove=[mine, *([theirs] if theirs else [])],
                add=add,
                reason=f"Shift swap approved: {swap_summary(locked)}"
                + (f". {reason}" if reason else ""),
            )
        except EditCreatesBreaches as breaking:
            raise SwapBreaksRules([b.message for b in breaking.breaches]) from None
        except (RotaChanged, RotaNotDraft):
            raise SwapConflict(SHIFT_CHANGED) from None
        except ValidationError as invalid:
            raise SwapBreaksRules(list(invalid.messages)) from None
        locked.status = SwapStatus.APPROVED
        locked.change = change
    else:
        locked.status = SwapStatus.REFUSED
    locked.reason = reason
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    _save(locked, actor, ["status", "change", "reason", "decided_by", "decided_at"])
    verdict = "approved" if approve else "refused"
    notify(
        people=[locked.requester, locked.colleague],
        topic=Topic.SWAP,
        subject=f"Your shift swap was {verdict}",
        body="\n".join(
            [swap_summary(locked), *([f"Reason: {reason}"] if reason else [])]
            + (["Your rota has changed."] if approve else [])
        ),
        link=reverse("selfservice:swap", args=[locked.pk]),
    )
    return locked


@transaction.atomic
def swap_withdraw(*, actor: User, swap: ShiftSwap, version: int | None = None) -> ShiftSwap:
    """The doctor who asked takes the swap back while it is still undecided. Raises
    ``PermissionDenied`` or ``SwapConflict``."""
    if not actor.doctor_id or actor.doctor_id != swap.requester_id:
        raise PermissionDenied(NOT_YOUR_SHIFT)
    locked = _locked(swap, version)
    if locked.status not in OPEN_SWAP:
        raise SwapConflict(_already(locked))
    was_accepted = locked.status == SwapStatus.ACCEPTED
    locked.status = SwapStatus.WITHDRAWN
    _save(locked, actor, ["status"])
    people: list[Doctor | User] = [locked.colleague]
    if was_accepted:
        people += _coordinators(locked.rota.department_id)
    notify(
        people=people,
        topic=Topic.SWAP,
        subject=f"{locked.requester} withdrew a shift swap",
        body=swap_summary(locked),
        link=reverse("selfservice:swap", args=[locked.pk]),
    )
    return locked


def _locked(swap: ShiftSwap, version: int | None) -> ShiftSwap:
    locked = (
        ShiftSwap.objects.select_for_update(of=("self",))
        .select_related(
            "rota__department", "requester", "colleague", "shift_type", "colleague_shift_type"
        )
        .get(pk=swap.pk)
    )
    if version is not None and version != locked.version:
        # Each step moves the swap on, so an old version names what happened since.
        raise SwapConflict(_already(locked))
    return locked


def _already(swap: ShiftSwap) -> str:
    """What happened to the swap first, in words: "This swap was already approved by
    Gemma Price on Mon 3 Aug 2026 at 10:00"."""
    if swap.status == SwapStatus.WAITING:
        return "This swap still waits for the colleague's answer."
    if swap.status in {SwapStatus.APPROVED, SwapStatus.REFUSED} and swap.decided_by:
        who = swap.decided_by.display_name
        when = f" on {format_moment(swap.decided_at)}" if swap.decided_at else ""
        return f"This swap was already {swap.status} by {who}{when}."
    if swap.status == SwapStatus.ACCEPTED:
        return f"This swap was already accepted by {swap.colleague}."
    if swap.status == SwapStatus.DECLINED:
        return f"This swap was already declined by {swap.colleague}."
    return f"This swap was already withdrawn by {swap.requester}."


def _locked_shifts(ids: Iterable[int]) -> dict[int, Assignment]:
    return {
        a.pk: a
        for a in Assignment.objects.select_for_update(of=("self",))
        .select_related("rota__department", "doctor", "shift_type")
        .filter(pk__in=list(ids))
    }


def _check_again(swap: ShiftSwap) -> tuple[Assignment, Assignment | None]:
    """Both shifts as they were asked for, still on the rota, and the swap still within
    every rule; else ``SwapConflict`` or ``SwapBreaksRules``."""
    ids = [i for i in (swap.assignment_id, swap.colleague_assignment_id) if i is not None]
    shifts = _locked_shifts(ids)
    mine = shifts.get(swap.assignment_id) if swap.assignment_id else None
    if (
        mine is None
        or mine.doctor_id != swap.requester_id
        or (mine.start, mine.end) != (swap.start, swap.end)
    ):
        raise SwapConflict(SHIFT_CHANGED)
    theirs = None
    if not swap.gives_away:
        theirs = shifts.get(swap.colleague_assignment_id) if swap.colleague_assignment_id else None
        if (
            theirs is None
            or theirs.doctor_id != swap.colleague_id
            or (theirs.start, theirs.end) != (swap.colleague_start, swap.colleague_end)
        ):
            raise SwapConflict(SHIFT_CHANGED)
    problems = swap_problems(SwapShifts(swap.rota, swap.requester, mine, swap.colleague, theirs))
    if problems:
        raise SwapBreaksRules(problems)
    return mine, theirs


def _save(swap: ShiftSwap, actor: User, fields: list[str]) -> None:
    swap.version += 1
    with audited_as(actor):
        swap.save(update_fields=[*fields, "version"])


def _coordinators(department_id: int) -> list[User]:
    return list(
        User.objects.filter(
            role_assignments__role=Role.ROTA_COORDINATOR,
            role_assignments__department_id=department_id,
            is_active=True,
        ).distinct()
    )


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_create(*, actor: User) -> tuple[CalendarFeed, str]:
    """A new feed for the actor's own shifts and leave, replacing any before it. Returns
    the feed and its token, which is kept nowhere: the caller shows it once."""
    if not actor.doctor_id:
        raise PermissionDenied(NOT_A_DOCTOR)
    Doctor.objects.select_for_update().filter(pk=actor.doctor_id).first()
    token = secrets.token_urlsafe(FEED_TOKEN_BYTES)
    with audited_as(actor):
        _revoke_live(actor.doctor_id)
        feed = CalendarFeed.objects.create(
            doctor_id=actor.doctor_id, token_hash=token_hash(token), created_by=actor
        )
    return feed, token


@transaction.atomic
def feed_revoke(*, actor: User) -> int:
    """Stop the actor's feed: its address answers "not found" from now on. Returns how
    many feeds were stopped (0 or 1)."""
    if not actor.doctor_id:
        raise PermissionDenied(NOT_A_DOCTOR)
    Doctor.objects.select_for_update().filter(pk=actor.doctor_id).first()
    with audited_as(actor):
        return _revoke_live(actor.doctor_id)


def _revoke_live(doctor_id: int) -> int:
    stopped = 0
    for feed in CalendarFeed.objects.filter(doctor_id=doctor_id, revoked__isnull=True):
        feed.revoked = timezone.now()
        feed.save(update_fields=["revoked"])
        stopped += 1
    return stopped


def notifications_mark_read(*, user: User, notifications: Iterable[Notification]) -> int:
    """The user's own notifications among ``notifications``, marked read now."""
    ids = [n.pk for n in notifications if n.recipient_id == user.pk and n.read is None]
    return Notification.objects.filter(pk__in=ids, recipient=user).update(read=timezone.now())
