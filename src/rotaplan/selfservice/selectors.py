"""Reads for doctor self-service, each scoped to the user asking: a doctor reaches their
own shifts, offers, swaps and feed; a coordinator the swaps of the departments they
coordinate. What lies outside is ``None`` (a 404), exactly like what does not exist."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, QuerySet

from rotaplan.cover.models import CoverOffer
from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.notifications.models import Notification
from rotaplan.notifications.selectors import inbox
from rotaplan.people import access
from rotaplan.people.models import Doctor, Role, User
from rotaplan.rotas.models import Assignment, RotaStatus

from .models import OPEN_SWAP, CalendarFeed, ShiftSwap, SwapStatus
from .services import token_hash
from .swap_checks import tier_of

# A colleague's shifts offered in exchange: the next three months.
SWAP_WEEKS_AHEAD = 13
# The calendar feed: what has just passed, and everything planned.
FEED_DAYS_BEHIND = 56


def own_doctor(user: User) -> Doctor | None:
    """The doctor the user is; ``None`` for anyone else."""
    if not user.is_authenticated or not user.doctor_id:
        return None
    return Doctor.objects.select_related("department__site").filter(pk=user.doctor_id).first()


def published_shifts(doctor: Doctor, start: date, end: date | None = None) -> list[Assignment]:
    """The doctor's shifts on published rotas from ``start`` (to ``end``): a draft is not
    yet a promise."""
    query = Assignment.objects.filter(
        doctor=doctor, date__gte=start, rota__status=RotaStatus.PUBLISHED
    )
    if end is not None:
        query = query.filter(date__lte=end)
    return list(query.select_related("shift_type", "rota__department__site").order_by("start"))


def leave_between(doctor: Doctor, start: date, end: date | None = None) -> list[LeaveRecord]:
    """The doctor's approved and requested leave touching the days."""
    query = LeaveRecord.objects.filter(
        doctor=doctor,
        status__in=[LeaveStatus.APPROVED, LeaveStatus.REQUESTED],
        end__gte=start,
    )
    if end is not None:
        query = query.filter(start__lte=end)
    return list(query.order_by("start"))


def swappable_shift(user: User, assignment_id: int, today: date) -> Assignment | None:
    """One of the user's own published shifts from today on."""
    if not user.doctor_id:
        return None
    return (
        Assignment.objects.filter(
            pk=assignment_id,
            doctor_id=user.doctor_id,
            rota__status=RotaStatus.PUBLISHED,
            date__gte=today,
        )
        .select_related("shift_type", "rota__department", "doctor")
        .first()
    )


def swap_colleagues(shift: Assignment) -> list[Doctor]:
    """Colleagues who could take the shift: the department's doctors of the same grade
    group with shifts on the same published rota."""
    doctors = Doctor.objects.filter(
        department_id=shift.rota.department_id,
        assignments__rota_id=shift.rota_id,
    ).exclude(pk=shift.doctor_id)
    tier = tier_of(shift.doctor)
    return [d for d in doctors.distinct().order_by("last_name", "first_name") if tier_of(d) == tier]


def colleague_for_swap(shift: Assignment, doctor_id: int) -> Doctor | None:
    return next((d for d in swap_colleagues(shift) if d.pk == doctor_id), None)


def colleague_shifts(shift: Assignment, colleague: Doctor, today: date) -> list[Assignment]:
    """The colleague's shifts on the same rota, from today for the next weeks."""
    return list(
        Assignment.objects.filter(
            rota_id=shift.rota_id,
            doctor=colleague,
            date__gte=today,
            date__lte=today + timedelta(weeks=SWAP_WEEKS_AHEAD),
        )
        .select_related("shift_type")
        .order_by("start")
    )


def colleague_shift(shift: Assignment, colleague: Doctor, assignment_id: int) -> Assignment | None:
    return (
        Assignment.objects.filter(pk=assignment_id, rota_id=shift.rota_id, doctor=colleague)
        .select_related("shift_type")
        .first()
    )


def _swaps() -> QuerySet[ShiftSwap]:
    return ShiftSwap.objects.select_related(
        "rota__department",
        "requester",
        "colleague",
        "shift_type",
        "colleague_shift_type",
        "decided_by",
    )


def _coordinated(user: User) -> Q:
    if access.is_trust_wide(user):
        return Q(pk__isnull=False)
    return Q(rota__department_id__in=access.department_ids_for(user, Role.ROTA_COORDINATOR))


def visible_swaps(user: User) -> QuerySet[ShiftSwap]:
    """Swaps the user asked for or was asked, and those of the departments they
    coordinate."""
    scope = _coordinated(user)
    if user.doctor_id:
        scope |= Q(requester_id=user.doctor_id) | Q(colleague_id=user.doctor_id)
    return _swaps().filter(scope)


def swap_list(user: User, *, status: str | None = None, limit: int = 500) -> list[ShiftSwap]:
    swaps = visible_swaps(user)
    if status is not None:
        swaps = swaps.filter(status=status)
    return list(swaps[:limit])


def visible_swap(user: User, pk: int) -> ShiftSwap | None:
    return visible_swaps(user).filter(pk=pk).first()


def decidable_swap(user: User, pk: int) -> ShiftSwap | None:
    """A swap of a department the user coordinates."""
    return _swaps().filter(_coordinated(user), pk=pk).first()


def my_swaps(doctor: Doctor) -> list[ShiftSwap]:
    """The doctor's swaps, asked and asked of them, newest first."""
    return list(_swaps().filter(Q(requester=doctor) | Q(colleague=doctor))[:50])


def swaps_asked(doctor: Doctor) -> dict[int, str]:
    """The doctor's shifts with a swap still open, and the colleague asked."""
    return {
        s.assignment_id: str(s.colleague)
        for s in _swaps().filter(requester=doctor, status__in=OPEN_SWAP)
        if s.assignment_id is not None
    }


def swaps_to_answer(doctor: Doctor) -> list[ShiftSwap]:
    return list(_swaps().filter(colleague=doctor, status=SwapStatus.WAITING))


def swaps_to_approve(user: User) -> list[ShiftSwap]:
    """Swaps accepted by the colleague, waiting for a coordinator of the user's
    departments; the earliest shift first."""
    return list(
        _swaps().filter(_coordinated(user), status=SwapStatus.ACCEPTED).order_by("date", "pk")
    )


def my_offers(doctor: Doctor) -> list[CoverOffer]:
    """Offers of extra shifts made to the doctor: waiting ones first, then answered."""
    offers = CoverOffer.objects.filter(doctor=doctor).select_related(
        "gap__shift_type", "gap__department__site"
    )
    return sorted(offers, key=lambda o: (o.status != "waiting", -o.offered_at.timestamp()))


def own_offer(user: User, pk: int) -> CoverOffer | None:
    if not user.doctor_id:
        return None
    return CoverOffer.objects.filter(pk=pk, doctor_id=user.doctor_id).select_related("gap").first()


def live_feed(doctor: Doctor) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(doctor=doctor, revoked__isnull=True).first()


def feed_by_token(token: str) -> CalendarFeed | None:
    """The live feed the token opens, found by the token's hash (the token itself is kept
    nowhere); ``None`` for a revoked or unknown one, or one whose maker may no longer sign
    in (an account closed when the doctor left stops their feed too)."""
    if not token or len(token) > 200:
        return None
    return (
        CalendarFeed.objects.filter(
            token_hash=token_hash(token), revoked__isnull=True, created_by__is_active=True
        )
        .select_related("doctor", "created_by")
        .first()
    )


def feed_shifts(doctor: Doctor, today: date) -> list[Assignment]:
    return published_shifts(doctor, today - timedelta(days=FEED_DAYS_BEHIND))


def feed_leave(doctor: Doctor, today: date) -> list[LeaveRecord]:
    """Approved leave only: a request is not yet time away."""
    return [
        r
        for r in leave_between(doctor, today - timedelta(days=FEED_DAYS_BEHIND))
        if r.status == LeaveStatus.APPROVED
    ]


def my_notifications(user: User) -> list[Notification]:
    return inbox(user, limit=50)
