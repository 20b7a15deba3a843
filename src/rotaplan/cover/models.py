"""A gap is one place on one shift below its minimum; offers ask colleagues to fill it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rotaplan.leave.models import LeaveRecord
from rotaplan.organisation.models import Department
from rotaplan.people.models import Doctor
from rotaplan.rotas.models import Assignment, Rota, RotaChange, ShiftType


class GapCause(models.TextChoices):
    LEAVE = "leave", "Leave"
    SICKNESS = "sickness", "Sickness"
    ABSENCE = "absence", "Other absence"
    VACANCY = "vacancy", "Vacancy"
    SHORTFALL = "shortfall", "Not covered by the rota"
    SWAP = "swap", "Shift given up"


class GapStatus(models.TextChoices):
    OPEN = "open", "Open"
    OFFERED = "offered", "Offered"
    FILLED_INTERNALLY = "filled_internally", "Filled internally"
    BANK = "bank", "Bank"
    AGENCY = "agency", "Agency"
    CANCELLED = "cancelled", "Cancelled"


# Statuses in which the gap still needs someone.
UNFILLED = frozenset({GapStatus.OPEN, GapStatus.OFFERED})
# Gaps an absent doctor left, which the solver's repair can mend from the page.
REPAIRABLE_CAUSES = frozenset({GapCause.LEAVE, GapCause.SICKNESS, GapCause.ABSENCE})


class Gap(models.Model):
    """One missing doctor on one shift of a published rota: a shift two below its minimum
    is two gaps, each filled, booked or cancelled on its own."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="gaps")
    rota = models.ForeignKey(Rota, on_delete=models.SET_NULL, null=True, related_name="gaps")
    shift_type = models.ForeignKey(ShiftType, on_delete=models.CASCADE, related_name="gaps")
    date = models.DateField(help_text="The local day the shift starts")
    start = models.DateTimeField()
    end = models.DateTimeField()
    cause = models.CharField(max_length=20, choices=GapCause.choices)
    reason = models.CharField(
        max_length=300, blank=True, help_text='In words: "Dr Ada Patel on annual leave"'
    )
    leave = models.ForeignKey(
        LeaveRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="gaps"
    )
    absent_doctor = models.ForeignKey(
        Doctor, on_delete=models.SET_NULL, null=True, blank=True, related_name="gaps_left"
    )
    status = models.CharField(max_length=20, choices=GapStatus.choices, default=GapStatus.OPEN)
    filled_by = models.ForeignKey(
        Doctor, on_delete=models.SET_NULL, null=True, blank=True, related_name="gaps_filled"
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cost_pence = models.PositiveIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    dealt_with_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dealt_with_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    # Optimistic locking: two people dealing with the same gap cannot both win.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["start", "shift_type__code", "pk"]
        indexes = [
            models.Index(fields=["department", "status", "date"], name="gap_register"),
            models.Index(fields=["date"], name="gap_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="gap_end_after_start",
                violation_error_message="A shift must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"Gap on {self.shift_type.code} {self.date:%d %b %Y} ({self.get_status_display()})"


class OfferStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    TAKEN = "taken", "Taken by someone else"
    WITHDRAWN = "withdrawn", "Withdrawn"


class CoverOffer(models.Model):
    """A gap offered to one doctor and their answer: the first to accept gets the shift,
    and every other offer of the gap becomes "taken"."""

    gap = models.ForeignKey(Gap, on_delete=models.CASCADE, related_name="offers")
    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="cover_offers")
    status = models.CharField(
        max_length=10, choices=OfferStatus.choices, default=OfferStatus.WAITING
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    offered_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-offered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["gap", "doctor"], name="one_offer_a_doctor_a_gap"),
        ]

    def __str__(self) -> str:
        return f"Offer of {self.gap} to {self.doctor} ({self.get_status_display()})"


class RepairStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    FAILED = "failed", "Failed"


REPAIR_UNFINISHED = frozenset({RepairStatus.QUEUED, RepairStatus.RUNNING})


class RepairRun(models.Model):
    """The rota generator asked, in the background, for the fewest changes to a published
    rota that cover the gaps an absence left: the proposal it found (or why none), which
    a coordinator applies as one new version of the rota, or not. The proposal is only
    good for the version of the rota it was found on."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="repairs")
    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="repairs")
    gap = models.ForeignKey(Gap, on_delete=models.CASCADE, related_name="repairs")
    first_day = models.DateField(help_text="The absence's first day on the rota")
    last_day = models.DateField(help_text="The absence's last day on the rota")
    status = models.CharField(
        max_length=10, choices=RepairStatus.choices, default=RepairStatus.QUEUED
    )
    proposal = models.JSONField(
        default=dict,
        blank=True,
        help_text='{"remove": [...], "add": [...]}: each shift with doctor_id, doctor, code, '
        'name and date; once applied, "filled": the ids of the gaps it filled',
    )
    gaps_left = models.JSONField(
        default=list,
        blank=True,
        help_text="Shifts still below their minimum near the absence: code, name, date, "
        "rostered, needed, reasons",
    )
    rota_version = models.PositiveIntegerField(help_text="The rota's version it was found on")
    time_limit = models.PositiveIntegerField(default=10, help_text="Seconds")
    seconds = models.FloatField(default=0)
    failure_reason = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    change = models.ForeignKey(
        RotaChange, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")),
                name="repair_last_day_after_first",
                violation_error_message="The absence must end on or after its first day.",
            ),
            # Asking twice for the same gap while the first is still being found queues
            # one run, not two.
            models.UniqueConstraint(
                fields=["gap"],
                condition=Q(status__in=["queued", "running"]),
                name="repair_one_unfinished_per_gap",
                violation_error_message="A repair for this gap is already being found.",
            ),
        ]

    def __str__(self) -> str:
        return f"Repair {self.pk} for {self.gap} ({self.get_status_display()})"

    @property
    def finished_yet(self) -> bool:
        return self.status not in REPAIR_UNFINISHED
