"""Shift types, rotas and the assignments of doctors to shifts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from rotaplan.organisation.models import Department
from rotaplan.people.models import Doctor


class ShiftKind(models.TextChoices):
    WORK = "work", "Work"
    ON_CALL = "on_call", "On call"


class ShiftType(models.Model):
    """A named shift as the department rosters it, e.g. "N" night 20:00 to 08:30."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="shift_types")
    code = models.CharField(max_length=6, help_text="Shown in the rota grid, e.g. LD or N")
    name = models.CharField(max_length=60)
    start = models.TimeField(help_text="Local (UK) time")
    end = models.TimeField(help_text="Local (UK) time; at or before the start means next day")
    kind = models.CharField(max_length=10, choices=ShiftKind.choices, default=ShiftKind.WORK)

    class Meta:
        ordering = ["department", "start", "code"]
        constraints = [
            models.UniqueConstraint(fields=["department", "code"], name="shift_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name} {self.start:%H:%M}-{self.end:%H:%M}"


class RotaStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Rota(models.Model):
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="rotas")
    name = models.CharField(max_length=120)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=RotaStatus.choices, default=RotaStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["department", "-period_start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="rota_period_end_after_start",
                violation_error_message="The rota period must end on or after its start.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.period_start:%d %b %Y} to {self.period_end:%d %b %Y})"


class Assignment(models.Model):
    """One doctor on one shift. ``start`` and ``end`` are stored in UTC, so a night across a
    clock change keeps its real length; ``date`` is the local day the shift belongs to."""

    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="assignments")
    doctor = models.ForeignKey(Doctor, on_delete=models.PROTECT, related_name="assignments")
    shift_type = models.ForeignKey(ShiftType, on_delete=models.PROTECT, related_name="assignments")
    date = models.DateField()
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        ordering = ["date", "start", "doctor"]
        indexes = [
            models.Index(fields=["doctor", "start"], name="assignment_doctor_start"),
            models.Index(fields=["rota", "date"], name="assignment_rota_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="assignment_end_after_start",
                violation_error_message="A shift must end after it starts.",
            ),
            models.UniqueConstraint(
                fields=["doctor", "start"],
                name="assignment_one_per_doctor_and_start",
                violation_error_message="This doctor already has a shift starting then.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doctor} {self.shift_type.code} on {self.date:%d %b %Y}"


class ComplianceOverride(models.Model):
    """A change to a draft rota saved although it breaks the rules, with the breaches it
    made and the reason the coordinator gave: an immutable record, never edited."""

    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="overrides")
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="overrides",
        help_text="The shift added; empty for a shift removed",
    )
    change = models.CharField(
        max_length=200, help_text='What changed, e.g. "Added N on Mon 3 Aug 2026 for Dr Ada Patel"'
    )
    breaches = models.JSONField(
        help_text="Each breach: rule, doctor, start, end, value, limit, message"
    )
    reason = models.TextField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="compliance_overrides"
    )
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-made_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="compliance_override_reason_given",
                violation_error_message="Give the reason for going ahead.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.change} ({self.made_at:%d %b %Y %H:%M})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A compliance override is a record: it is never changed")
        super().save(*args, **kwargs)
