"""Writes of doctors' claims: a doctor claims extra duty for a shift they worked, or an
expense; the department's coordinator (or medical staffing) approves or rejects it, and
the doctor is told. Each in one transaction, audited.

A shift is claimed once: the shift's row is locked while a claim is made, so two claims
for it sent at once make one claim. Two people deciding the same claim at once: the claim
is locked and its status read again, so one decides and the other is told who did."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rotaplan.audit.actor import audited_as
from rotaplan.engine.clock import format_day, format_moment
from rotaplan.locums.costing import pounds
from rotaplan.notifications.models import Topic
from rotaplan.notifications.services import notify
from rotaplan.people import access
from rotaplan.people.models import Doctor, User
from rotaplan.rotas.horizon import outside_horizon
from rotaplan.rotas.models import Assignment, RotaStatus

from .models import Claim, ClaimKind, ClaimStatus, ExpenseCategory

MOST_HOURS = Decimal(24)
# £10,000: a bigger expense is a typing slip, or goes through the finance team.
MOST_EXPENSE_PENCE = 1_000_000
NOT_YOUR_SHIFT = "Choose a shift of yours on a published rota that has ended"


class AlreadyDecided(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _own(actor: User, doctor: Doctor) -> None:
    if actor.doctor_id != doctor.pk:
        raise PermissionDenied("A doctor makes their own claims")


def hours_problem(hours: Decimal | None) -> str | None:
    if hours is None:
        return "Enter the hours you claim"
    try:
        exact = hours.quantize(Decimal("0.01"))
    except InvalidOperation:
        return "Enter the hours as a number, like 4.5"
    if exact != hours:
        return "Enter the hours to 2 decimal places at most, like 4.25"
    if hours <= 0:
        return "Enter more than 0 hours"
    if hours > MOST_HOURS:
        return "Enter 24 hours or fewer"
    return None


@transaction.atomic
def extra_duty_claim(
    *, actor: User, doctor: Doctor, assignment: Assignment, hours: Decimal, note: str = ""
) -> Claim:
    """Claim extra duty for ``assignment``, a shift ``doctor`` worked: theirs, on a
    published rota, ended. Raises ``PermissionDenied`` or ``ValidationError`` (on
    ``assignment`` for a shift not theirs or claimed already, on ``hours``)."""
    _own(actor, doctor)
    locked = (
        Assignment.objects.select_for_update(of=("self",))
        .filter(pk=assignment.pk)
        .select_related("rota", "shift_type")
        .first()
    )
    if (
        locked is None
        or locked.doctor_id != doctor.pk
        or locked.rota.status != RotaStatus.PUBLISHED
        or locked.end > timezone.now()
    ):
        raise ValidationError({"assignment": NOT_YOUR_SHIFT})
    held = Claim.objects.filter(assignment=locked).exclude(status=ClaimStatus.REJECTED).first()
    if held is not None:
        raise ValidationError(
            {
                "assignment": f"You claimed this shift already on {format_day(held.created.date())}"
                f" ({held.get_status_display().lower()})"
            }
        )
    problem = hours_problem(hours)
    if problem:
        raise ValidationError({"hours": problem})
    claim = Claim(
        kind=ClaimKind.EXTRA_DUTY,
        doctor=doctor,
        department_id=locked.rota.department_id,
        assignment=locked,
        hours=hours,
        description=note.strip()[:500],
        created_by=actor,
    )
    with audited_as(actor):
        claim.save()
    return claim


@transaction.atomic
def expense_claim(
    *,
    actor: User,
    doctor: Doctor,
    expense_date: date,
    category: str,
    amount_pence: int,
    description: str,
) -> Claim:
    """Claim an expense. Raises ``PermissionDenied`` or ``ValidationError`` by field."""
    _own(actor, doctor)
    problems: dict[str, str] = {}
    today = timezone.localdate()
    if expense_date > today:
        problems["expense_date"] = (
            "Claim an expense once you have paid it: the date is in the future"
        )
    elif horizon := outside_horizon(expense_date, today):
        problems["expense_date"] = horizon
    if category not in ExpenseCategory.values:
        problems["category"] = "Choose what the expense was for"
    if amount_pence <= 0:
        problems["amount_pence"] = "Enter an amount more than £0"
    elif amount_pence > MOST_EXPENSE_PENCE:
        problems["amount_pence"] = f"Enter {pounds(MOST_EXPENSE_PENCE)} or less"
    if not description.strip():
        problems["description"] = "Say what the expense was"
    elif len(description.strip()) > 500:
        problems["description"] = "Say what the expense was in 500 characters or fewer"
    if problems:
        raise ValidationError(problems)
    claim = Claim(
        kind=ClaimKind.EXPENSE,
        doctor=doctor,
        department_id=doctor.department_id,
        expense_date=expense_date,
        category=category,
        amount_pence=amount_pence,
        description=description.strip(),
        created_by=actor,
    )
    with audited_as(actor):
        claim.save()
    return claim


def may_decide(user: User, claim: Claim) -> bool:
    return access.coordinates(user, claim.department_id) and user.doctor_id != claim.doctor_id


@transaction.atomic
def claim_decide(
    *, actor: User, claim: Claim, approve: bool, reason: str = "", version: int | None = None
) -> Claim:
    """Approve or reject a waiting claim (a rejection says why); the doctor is told.
    Raises ``PermissionDenied`` (not the department's coordinator, or the claim is the
    actor's own), ``ValidationError`` on ``reason``, or ``AlreadyDecided``."""
    if not access.coordinates(actor, claim.department_id):
        raise PermissionDenied("You do not coordinate this department's claims")
    if actor.doctor_id == claim.doctor_id:
        raise PermissionDenied("Someone else decides your own claims")
    locked = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("doctor", "decided_by")
        .get(pk=claim.pk)
    )
    if locked.status != ClaimStatus.WAITING:
        who = locked.decided_by.get_full_name() if locked.decided_by else ""
        when = f" at {format_moment(locked.decided_at)}" if locked.decided_at else ""
        raise AlreadyDecided(
            f"This claim was already {locked.get_status_display().lower()} by "
            f"{who or 'someone else'}{when}"
        )
    if version is not None and version != locked.version:
        raise AlreadyDecided("This claim was changed while you were looking: look at it again")
    if not approve and not reason.strip():
        raise ValidationError({"reason": "Say why the claim is rejected"})
    locked.status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
    locked.decision_reason = reason.strip()[:500]
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.version += 1
    with audited_as(actor):
        locked.save()
        verdict = "approved" if approve else "rejected"
        by = actor.display_name
        body = f"Your {claim_words(locked)} was {verdict} by {by}."
        if locked.decision_reason:
            body += f" Reason: {locked.decision_reason}"
        notify(
            people=[locked.doctor],
            topic=Topic.CLAIM,
            subject=f"Your claim was {verdict}",
            body=body,
            link=reverse("claims:claim", args=[locked.pk]),
        )
    return locked


def claim_words(claim: Claim) -> str:
    """ "extra duty claim for Mon 3 Aug 2026 (4.50 hours)", "expense claim of £12.50"."""
    if claim.kind == ClaimKind.EXTRA_DUTY and claim.assignment is not None:
        return f"extra duty claim for {format_day(claim.assignment.date)} ({claim.hours} hours)"
    return f"expense claim of {pounds(claim.amount_pence or 0)}"
