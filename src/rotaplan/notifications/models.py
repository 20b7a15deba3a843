"""A message to one person about a change that concerns them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Topic(models.TextChoices):
    LEAVE = "leave", "Leave"
    OFFER = "offer", "Offer of an extra shift"
    SWAP = "swap", "Shift swap"
    ROTA_CHANGE = "rota_change", "Change to your rota"
    CLAIM = "claim", "Claim"
    BOOKING = "booking", "Locum booking"
    JOB_PLAN = "job_plan", "Job plan"
    CLINIC = "clinic", "Clinic"


class Notification(models.Model):
    """What one person was told, and when it was sent: the inbox on their home page and the
    record that they were told. Never edited but to mark it sent or read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    email = models.EmailField(blank=True, help_text="Where it was emailed, if anywhere")
    topic = models.CharField(max_length=20, choices=Topic.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=300, blank=True, help_text="A page of ours, e.g. /leave/4/")
    created = models.DateTimeField(default=timezone.now)
    sent = models.DateTimeField(null=True, blank=True)
    read = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "-created"], name="notification_inbox")]

    def __str__(self) -> str:
        return f"{self.subject} ({self.created:%d %b %Y %H:%M})"
