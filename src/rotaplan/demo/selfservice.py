"""The demo's shift swaps: one a colleague has asked of the demo doctor, waiting for their
answer, and one the demo doctor asked for, which the colleague accepted and which waits
for the acute medicine coordinator's approval.

Both are between doctors of the same grade group and keep every rule (``swap_checks``),
so the demo doctor can accept the first and the coordinator approve the second. The
shifts are taken from the rota's last weeks, in order, so the same seed makes the same
swaps. The colleague asking the demo doctor has no account of their own: the
coordinator entered the request for them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta

from django.utils import timezone

from rotaplan.people.models import Doctor, User
from rotaplan.rotas.models import Assignment, RotaStatus
from rotaplan.selfservice.models import ShiftSwap, SwapStatus
from rotaplan.selfservice.swap_checks import SwapShifts, swap_problems, tier_of

from .dates import ROTA_END

# Swaps are of shifts in the rota's last weeks: still ahead for longest.
FROM = ROTA_END - timedelta(weeks=5)
MOST_TRIED = 40


def create_swaps(juniors: Sequence[Doctor], doctor: Doctor, coordinator: User | None) -> int:
    """The two swaps; none when the demo doctor or the coordinator was left alone."""
    doctor_user = User.objects.filter(doctor=doctor).first()
    if doctor_user is None or coordinator is None:
        return 0
    shifts = list(
        Assignment.objects.filter(
            doctor__in=[d for d in juniors if d.department_id == doctor.department_id],
            rota__status=RotaStatus.PUBLISHED,
            date__gte=FROM,
        )
        .select_related("rota__department", "shift_type", "doctor")
        .order_by("date", "start", "pk")
    )
    mine = [a for a in shifts if a.doctor_id == doctor.pk]
    others = [
        a for a in shifts if a.doctor_id != doctor.pk and tier_of(a.doctor) == tier_of(doctor)
    ]
    made = 0
    used: set[int] = set()
    asked_of_doctor = _first_keeping_the_rules(others, mine, used)
    if asked_of_doctor is not None:
        theirs, doctors = asked_of_doctor
        _swap(theirs, doctors, coordinator, SwapStatus.WAITING, "Could you take my shift?")
        made += 1
    asked_by_doctor = _first_keeping_the_rules(mine, others, used)
    if asked_by_doctor is not None:
        own, colleagues = asked_by_doctor
        _swap(own, colleagues, doctor_user, SwapStatus.ACCEPTED, "Family wedding")
        made += 1
    return made


def _pairs(
    asking: Sequence[Assignment], asked: Sequence[Assignment], used: set[int]
) -> Iterator[tuple[Assignment, Assignment]]:
    """Pairs of shifts on days the other doctor is off: a colleague already on a shift
    that day could not take another."""
    working = {(a.doctor_id, a.date) for a in [*asking, *asked]}
    for give in asking:
        for take in asked:
            if give.pk in used or take.pk in used:
                continue
            if give.doctor_id == take.doctor_id or give.rota_id != take.rota_id:
                continue
            if (take.doctor_id, give.date) in working or (give.doctor_id, take.date) in working:
                continue
            yield give, take


def _given_away(
    asking: Sequence[Assignment], asked: Sequence[Assignment], used: set[int]
) -> Iterator[tuple[Assignment, Doctor]]:
    """A shift given to a colleague free that day, with none taken back: where a small
    rota has no two shifts that can be traded."""
    working = {(a.doctor_id, a.date) for a in [*asking, *asked]}
    colleagues = {a.doctor_id: a.doctor for a in asked}
    for give in asking:
        for colleague in colleagues.values():
            if give.pk in used or colleague.pk == give.doctor_id:
                continue
            if (colleague.pk, give.date) not in working:
                yield give, colleague


def _first_keeping_the_rules(
    asking: Sequence[Assignment], asked: Sequence[Assignment], used: set[int]
) -> tuple[Assignment, Assignment | Doctor] | None:
    """A swap of two shifts that keeps every rule or, failing that, a shift given away."""
    for tried, (give, take) in enumerate(_pairs(asking, asked, used)):
        if tried >= MOST_TRIED:
            break
        check = SwapShifts(give.rota, give.doctor, give, take.doctor, take)
        if not swap_problems(check):
            used.update({give.pk, take.pk})
            return give, take
    for tried, (give, colleague) in enumerate(_given_away(asking, asked, used)):
        if tried >= MOST_TRIED:
            break
        if not swap_problems(SwapShifts(give.rota, give.doctor, give, colleague, None)):
            used.add(give.pk)
            return give, colleague
    return None


def _swap(
    give: Assignment,
    take: Assignment | Doctor,
    entered_by: User,
    status: SwapStatus,
    note: str,
) -> ShiftSwap:
    """The swap of ``give`` for ``take``: a colleague's shift, or a colleague who takes
    ``give`` and gives nothing back."""
    taken: dict[str, object] = (
        {"colleague": take}
        if isinstance(take, Doctor)
        else {
            "colleague": take.doctor,
            "colleague_assignment": take,
            "colleague_shift_type": take.shift_type,
            "colleague_date": take.date,
            "colleague_start": take.start,
            "colleague_end": take.end,
        }
    )
    accepted = status == SwapStatus.ACCEPTED
    return ShiftSwap.objects.create(
        rota=give.rota,
        requester=give.doctor,
        assignment=give,
        shift_type=give.shift_type,
        date=give.date,
        start=give.start,
        end=give.end,
        note=note,
        status=status,
        requested_by=entered_by,
        answered_at=timezone.now() if accepted else None,
        version=2 if accepted else 1,
        **taken,
    )
