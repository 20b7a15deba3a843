"""Leave and sickness: the absences that open gaps in a rota."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

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
