"""Leave and sickness: the absences that open gaps in a rota."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from rotaplan.organisation.models import Department
from rotaplan.people.models import Doctor


class LeaveType(models.TextChoices):
    ANNUAL = "annual", "Annual leave"
    STUDY = "study", "Study leave"
    PROFESSIONAL = "professional", "Professional leave"
    SICK = "sick", "Sickness"
    PARENTAL = "parental", "Parental leave"
    COMPASSIONATE = "compassionate", "Compassionate leave"
    SPECIAL = "special", "Special leave"
    UNPAID = "unpaid", "Unpaid leave"


class LeaveStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


class LeaveRecord(models.Model):
    """Whole days away, ``start`` to ``end`` inclusive."""

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="leave_records")
    leave_type = models.CharField(max_length=20, choices=LeaveType.choices)
    start = models.DateField()
    end = models.DateField()
    status = models.CharField(
        max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.REQUESTED
    )
    note = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who asked, or recorded the absence",
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=300, blank=True)
    # Sickness and other absence: the day the doctor is expected back, and the day they were.
    expected_return = models.DateField(null=True, blank=True)
    actual_return = models.DateField(null=True, blank=True)
    return_note = models.CharField(max_length=300, blank=True)
    return_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Optimistic locking (ADR 0009): a decision made from a stale copy is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start", "doctor"]
        indexes = [models.Index(fields=["doctor", "start"], name="leave_doctor_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="leave_end_after_start",
                violation_error_message="Leave must end on or after the day it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_leave_type_display()} for {self.doctor}, {self.start} to {self.end}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class LeavePolicy(models.Model):
    """A department's rules for asking for leave: how much notice, and when its leave
    year starts. A department without one has the defaults."""

    department = models.OneToOneField(
        Department, on_delete=models.CASCADE, related_name="leave_policy"
    )
    notice_weeks = models.PositiveSmallIntegerField(
        default=6,
        validators=[MaxValueValidator(52)],
        help_text="Weeks of notice a doctor gives before leave",
    )
    year_start_month = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    year_start_day = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    # Optimistic locking (ADR 0009): two coordinators editing the policy at once cannot
    # silently overwrite each other. An unsaved policy (the defaults) is version 1.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "leave policies"

    def __str__(self) -> str:
        return f"Leave policy of {self.department}"


class MinimumStaffing(models.Model):
    """At least ``at_least`` doctors of ``grades`` available each day (or on ``weekdays``
    only, Monday 0): what leave is decided against."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="minimum_staffing"
    )
    grades = models.JSONField(help_text='Grade codes, e.g. ["ST3", "ST4"]')
    at_least = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    weekdays = models.JSONField(default=list, blank=True, help_text="Empty for every day")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["department", "pk"]
        verbose_name_plural = "minimum staffing"

    def __str__(self) -> str:
        return f"At least {self.at_least} of {', '.join(self.grades)} in {self.department}"


class LeaveEntitlement(models.Model):
    """What the national figures cannot know of one doctor in one leave year: when their
    service began, days carried over, and an adjustment with its reason."""

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="entitlements")
    year_start = models.DateField(help_text="The first day of the leave year")
    service_start = models.DateField(
        null=True,
        blank=True,
        help_text="When NHS service (doctors in training) or service in the grade began",
    )
    carried_over = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal(0))
    adjustment = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal(0))
    note = models.CharField(max_length=200, blank=True)
    # Optimistic locking (ADR 0009); an unsaved record (no figures set) is version 1.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["doctor", "-year_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["doctor", "year_start"], name="one_entitlement_a_leave_year"
            ),
        ]

    def __str__(self) -> str:
        return f"Leave entitlement of {self.doctor} from {self.year_start}"
