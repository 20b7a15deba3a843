"""Reads of the gap register, scoped to the user: a department's coordinators and service
managers see its gaps, medical staffing and administrators every department's, a doctor
only the offers made to them. A gap outside the user's scope is not found, exactly as one
that does not exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.models import Doctor, Role, User

from .models import UNFILLED, CoverOffer, Gap, GapStatus, OfferStatus

SOON_DAYS = 14
"""Open gaps in the next fortnight are the coordinator's to-do list."""


def register_departments(user: User) -> QuerySet[Department]:
    """Departments whose gaps the user may read."""
    if access.is_trust_wide(user):
        return Department.objects.all()
    return Department.objects.filter(
        pk__in=access.department_ids_for(user, *access.STAFF_VIEW_ROLES)
    )


def may_see_gaps(user: User) -> bool:
    return access.can_list_doctors(user)


def _visible(user: User) -> QuerySet[Gap]:
    if access.is_trust_wide(user):
        return Gap.objects.all()
    return Gap.objects.filter(
        department_id__in=access.department_ids_for(user, *access.STAFF_VIEW_ROLES)
    )


@dataclass(frozen=True)
class GapFilter:
    department_id: int | None = None
    status: str | None = None
    start: date | None = None
    end: date | None = None


def gap_register(user: User, wanted: GapFilter) -> QuerySet[Gap]:
    """The gaps the user may see that match ``wanted``: offered, then open, then the rest,
    each soonest first (``URGENCY``)."""
    gaps = _visible(user)
    if wanted.department_id is not None:
        gaps = gaps.filter(department_id=wanted.department_id)
    if wanted.status:
        gaps = gaps.filter(status=wanted.status)
    if wanted.start is not None:
        gaps = gaps.filter(date__gte=wanted.start)
    if wanted.end is not None:
        gaps = gaps.filter(date__lte=wanted.end)
    return (
        gaps.select_related(
            "department", "shift_type", "filled_by", "dealt_with_by", "absent_doctor"
        )
        .annotate(urgency=URGENCY)
        .order_by("urgency", "date", "start", "shift_type__code", "pk")
    )


# The register leads with the gaps still in hand: offered (answers to chase), then open
# (nobody asked yet), then those dealt with; each soonest first.
URGENCY = Case(
    When(status=GapStatus.OFFERED, then=Value(0)),
    When(status=GapStatus.OPEN, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def visible_gap(user: User, gap_id: int) -> Gap | None:
    return (
        _visible(user)
        .select_related(
            "department", "shift_type", "rota", "filled_by", "dealt_with_by", "absent_doctor"
        )
        .filter(pk=gap_id)
        .first()
    )


def coordinated_gap(user: User, gap_id: int) -> Gap | None:
    """The gap, for a user who runs its department's staffing; None for anyone else,
    even one who may read it."""
    gap = visible_gap(user, gap_id)
    if gap is None or not access.coordinates(user, gap.department_id):
        return None
    return gap


def gap_offers(gap: Gap) -> list[CoverOffer]:
    """Every offer of the gap and its answer, newest first: the gap's history."""
    return list(gap.offers.select_related("doctor", "offered_by").order_by("-offered_at", "-pk"))


def gap_offer_for(gap: Gap, offer_id: int) -> CoverOffer | None:
    return gap.offers.select_related("doctor", "gap").filter(pk=offer_id).first()


def department_doctors(gap: Gap, doctor_ids: list[int]) -> list[Doctor]:
    """The doctors of the gap's department among ``doctor_ids``; others are not found."""
    return list(
        Doctor.objects.filter(department_id=gap.department_id, pk__in=doctor_ids).order_by(
            "last_name", "first_name", "pk"
        )
    )


def own_offer(user: User, offer_id: int) -> CoverOffer | None:
    """An offer made to the signed-in doctor, or one a coordinator of its department may
    record an answer to; None for anyone else."""
    offer = (
        CoverOffer.objects.select_related(
            "doctor", "gap", "gap__shift_type", "gap__department", "gap__filled_by"
        )
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        return None
    if user.doctor_id == offer.doctor_id or access.coordinates(user, offer.gap.department_id):
        return offer
    return None


def waiting_offers_for_doctor(doctor_id: int) -> list[CoverOffer]:
    return list(
        CoverOffer.objects.filter(
            doctor_id=doctor_id, status=OfferStatus.WAITING, gap__status__in=UNFILLED
        )
        .select_related("gap", "gap__shift_type", "gap__department")
        .order_by("gap__start", "pk")
    )


def coordinated_department_ids(user: User) -> set[int] | None:
    """The departments whose staffing the user runs; None for every department."""
    if access.is_trust_wide(user):
        return None
    return access.department_ids_for(user, Role.ROTA_COORDINATOR)


def gaps_soon(user: User, today: date | None = None) -> list[Gap]:
    """Unfilled gaps from today to 14 days ahead in the departments the user coordinates,
    soonest (most urgent) first."""
    today = today or timezone.localdate()
    gaps = Gap.objects.filter(
        status__in=UNFILLED, date__gte=today, date__lt=today + timedelta(days=SOON_DAYS)
    )
    ids = coordinated_department_ids(user)
    if ids is not None:
        gaps = gaps.filter(department_id__in=ids)
    return list(
        gaps.select_related("department", "shift_type")
        .annotate(asked=Count("offers", filter=Q(offers__status=OfferStatus.WAITING)))
        .order_by("start", "pk")
    )


def offers_unanswered(user: User) -> int:
    """Offers the user's departments made that still wait for an answer."""
    offers = CoverOffer.objects.filter(status=OfferStatus.WAITING, gap__status__in=UNFILLED)
    ids = coordinated_department_ids(user)
    if ids is not None:
        offers = offers.filter(gap__department_id__in=ids)
    return offers.count()


__all__ = ["GapStatus"]
