"""Doctors' claims: extra duty for a shift they worked, and expenses; each approved or
rejected by the department's coordinator or medical staffing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rotaplan.organisation.models import Department
from rotaplan.people.models import Doctor
from rotaplan.rotas.models import Assignment


class ClaimKind(models.TextChoices):
    EXTRA_DUTY = "extra_duty", "Extra duty"
    EXPENSE = "expense", "Expense"


class ClaimStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class ExpenseCategory(models.TextChoices):
    TRAVEL = "travel", "Travel"
    ACCOMMODATION = "accommodation", "Accommodation"
    SUBSISTENCE = "subsistence", "Meals and subsistence"
    COURSE = "course", "Course or exam fees"
    OTHER = "other", "Other"


class Claim(models.Model):
    """One claim: extra duty (a shift of the doctor's, with the hours claimed) or an
    expense (a day, a category and an amount in pence). A shift is claimed once: a second
    claim is refused while the first waits or stands approved."""

    kind = models.CharField(max_length=12, choices=ClaimKind.choices)
    doctor = models.ForeignKey(Doctor, on_delete=models.PROTECT, related_name="claims")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="claims")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    hours = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    expense_date = models.DateField(null=True, blank=True)
    category = models.CharField(
        max_length=20, choices=ExpenseCategory.choices, blank=True, default=""
    )
    amount_pence = models.PositiveIntegerField(null=True, blank=True)
    description = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.WAITING
    )
    created = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["department", "status"], name="claims_to_decide"),
            models.Index(fields=["doctor", "-created"], name="claims_of_doctor"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(assignment__isnull=False) & ~Q(status="rejected"),
                name="claim_one_live_claim_a_shift",
                violation_error_message="This shift is claimed already.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="extra_duty", assignment__isnull=False, hours__gt=0)
                    | Q(kind="expense", expense_date__isnull=False, amount_pence__gt=0)
                ),
                name="claim_has_what_its_kind_needs",
                violation_error_message="A claim needs its shift and hours, or its amount.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} claim of {self.doctor} ({self.get_status_display()})"
