"""What a doctor does for themself: swapping a shift with a colleague, and a private
calendar feed of their shifts and leave."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from rotaplan.people.models import Doctor
from rotaplan.rotas.models import Assignment, Rota, RotaChange, ShiftType


class SwapStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for your colleague"
    ACCEPTED = "accepted", "Waiting for the coordinator"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined by your colleague"
    REFUSED = "refused", "Refused by the coordinator"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A swap in one of these is still to be decided; the others are final.
OPEN_SWAP = frozenset({SwapStatus.WAITING, SwapStatus.ACCEPTED})


class ShiftSwap(models.Model):
    """One doctor's published shift exchanged with a colleague's (or given to them): the
    colleague accepts, the department's coordinator approves, and the rota changes as one
    new version.

    The shifts are kept in words (type, day, times) as well as by their assignments: an
    approved swap removes both assignments, and the record must still say what was
    swapped."""

    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="swaps")
    requester = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="swaps_asked")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shift_type = models.ForeignKey(ShiftType, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    start = models.DateTimeField()
    end = models.DateTimeField()
    colleague = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="swaps_offered")
    colleague_assignment = models.ForeignKey(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the shift is given away",
    )
    colleague_shift_type = models.ForeignKey(
        ShiftType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    colleague_date = models.DateField(null=True, blank=True)
    colleague_start = models.DateTimeField(null=True, blank=True)
    colleague_end = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=SwapStatus.choices, default=SwapStatus.WAITING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(
        max_length=300, blank=True, help_text="Why it was refused, or the coordinator's note"
    )
    change = models.ForeignKey(
        RotaChange,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The rota's version that made the swap",
    )
    # Optimistic locking: two answers or two decisions at once cannot both win.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "rota"], name="swap_status_rota"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("colleague")),
                name="swap_between_two_doctors",
                violation_error_message="Choose a colleague, not yourself.",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"Swap of {self.shift_type.code} {self.date} by {self.requester} with {self.colleague}"
        )

    @property
    def gives_away(self) -> bool:
        return self.colleague_shift_type_id is None


class CalendarFeed(models.Model):
    """A secret address a doctor's calendar app reads their shifts and leave from. Only a
    SHA-256 hash of the token is kept, so the address cannot be read back out of the
    database: it is shown once, when made. A new feed revokes the one before."""

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["doctor"],
                condition=Q(revoked__isnull=True),
                name="one_live_calendar_feed_a_doctor",
            ),
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked else "live"
        return f"Calendar feed of {self.doctor} ({state})"
