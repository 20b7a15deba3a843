"""Reads of claims, each scoped to the user: a doctor their own, a coordinator their
departments', medical staffing all."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from rotaplan.people import access
from rotaplan.people.models import Doctor, Role
from rotaplan.rotas.models import Assignment, RotaStatus

from .models import Claim, ClaimStatus

# How far back a doctor may pick a shift to claim on the form.
CLAIMABLE_DAYS = 92


def _related(query: QuerySet[Claim]) -> QuerySet[Claim]:
    return query.select_related("doctor", "department", "assignment__shift_type", "decided_by")


def decides_claims(user: access.AnyUser) -> bool:
    return access.is_trust_wide(user) or bool(
        access.department_ids_for(user, Role.ROTA_COORDINATOR)
    )


def _visible(user: access.AnyUser) -> Q:
    doctor_id: int | None = getattr(user, "doctor_id", None)
    own = Q(doctor_id=doctor_id) if doctor_id else Q(pk__in=[])
    if access.is_trust_wide(user):
        return Q()
    return own | Q(department_id__in=access.department_ids_for(user, Role.ROTA_COORDINATOR))


def own_claims(doctor: Doctor) -> list[Claim]:
    return list(_related(Claim.objects.filter(doctor=doctor)))


def claims_to_decide(user: access.AnyUser) -> list[Claim]:
    """Waiting claims the user may decide: not their own."""
    if not decides_claims(user):
        return []
    query = Claim.objects.filter(status=ClaimStatus.WAITING)
    if not access.is_trust_wide(user):
        query = query.filter(
            department_id__in=access.department_ids_for(user, Role.ROTA_COORDINATOR)
        )
    doctor_id: int | None = getattr(user, "doctor_id", None)
    if doctor_id:
        query = query.exclude(doctor_id=doctor_id)
    return list(_related(query).order_by("created", "pk"))


def visible_claims(user: access.AnyUser, status: str | None = None) -> list[Claim]:
    if not user.is_authenticated:
        return []
    query = Claim.objects.filter(_visible(user))
    if status:
        query = query.filter(status=status)
    return list(_related(query))


def visible_claim(user: access.AnyUser, claim_id: int) -> Claim | None:
    """The claim if the user may see it; otherwise None, whether or not it exists."""
    if not user.is_authenticated:
        return None
    return _related(Claim.objects.filter(_visible(user), pk=claim_id)).first()


def claimable_shifts(doctor: Doctor) -> QuerySet[Assignment]:
    """The doctor's shifts on published rotas that ended in the last three months and are
    not claimed (a rejected claim may be made again)."""
    now = timezone.now()
    claimed = Claim.objects.filter(assignment__isnull=False).exclude(status=ClaimStatus.REJECTED)
    return (
        Assignment.objects.filter(
            doctor=doctor,
            rota__status=RotaStatus.PUBLISHED,
            end__lte=now,
            date__gte=timezone.localdate() - timedelta(days=CLAIMABLE_DAYS),
        )
        .exclude(pk__in=claimed.values("assignment_id"))
        .select_related("shift_type")
        .order_by("-start")
    )


def doctor_assignment(assignment_id: int) -> Assignment | None:
    """Any shift of that id: the claim service says whether it is the doctor's to claim,
    in words that do not tell one doctor's shifts from another's."""
    return Assignment.objects.filter(pk=assignment_id).first()
