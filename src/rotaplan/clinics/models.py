"""Clinics: a template is the fixed weekly pattern of one clinician's clinic, a session
is one date of it, and a session change records what was decided when the clinician
was away. Appointments in a cancelled or reduced session go to the rebooking list,
which the waiting list area books from."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from rotaplan.jobplans.models import Activity
from rotaplan.leave.models import LeaveRecord
from rotaplan.organisation.models import Department
from rotaplan.people.models import Competency, Doctor


class SlotType(models.TextChoices):
    NEW = "new", "New"
    FOLLOW_UP = "follow_up", "Follow-up"
    URGENT_SUSPECTED_CANCER = "usc", "Urgent suspected cancer"
    PROCEDURE = "procedure", "Procedure"


class ClinicTemplate(models.Model):
    """One clinician's clinic on one weekday session: when it runs, where, and the slots
    it offers. Made from a job plan's clinic activity, or by the coordinator."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="clinic_templates"
    )
    clinician = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="clinic_templates")
    activity = models.OneToOneField(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clinic_template",
        help_text="The job plan activity this clinic delivers",
    )
    name = models.CharField(max_length=100)
    weekday = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(6)], help_text="0 is Monday, 6 is Sunday"
    )
    start = models.TimeField()
    end = models.TimeField()
    every_weeks = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="1 for every week, 2 for one week in two",
    )
    valid_from = models.DateField(help_text="The first week it runs (and counts one in N from)")
    valid_to = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=100, blank=True)
    skills = models.ManyToManyField(
        Competency,
        blank=True,
        related_name="clinic_templates",
        help_text="What a clinician must have to run it in the usual clinician's place",
    )
    active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["department", "weekday", "start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="clinic_template_has_length",
                violation_error_message="A clinic must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="clinic_template_valid_to_after_from",
                violation_error_message="The last date must be on or after the first.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TemplateSlot(models.Model):
    """A run of slots of one type in a template, in order: "6 new, 20 minutes each"."""

    template = models.ForeignKey(ClinicTemplate, on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveSmallIntegerField(default=0)
    slot_type = models.CharField(max_length=10, choices=SlotType.choices)
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    count = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["template", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0) & Q(count__gt=0),
                name="template_slot_has_length_and_count",
                violation_error_message="A slot needs a length and a count above 0.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.count} {self.get_slot_type_display().lower()}, {self.minutes} minutes each"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    CLINICIAN_AWAY = "away", "Clinician away: to decide"
    AWAITING_APPROVAL = "awaiting", "Change awaiting a service manager"
    CANCELLED = "cancelled", "Cancelled"
    REDUCED = "reduced", "Reduced"
    BACKFILLED = "backfilled", "Backfilled"


class ClinicSession(models.Model):
    """One date of a template. ``clinician`` is who runs it: the template's clinician, or
    the colleague who backfills it. ``slots_kept`` is the slots it still offers."""

    template = models.ForeignKey(ClinicTemplate, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    start = models.DateTimeField()
    end = models.DateTimeField()
    clinician = models.ForeignKey(Doctor, on_delete=models.PROTECT, related_name="clinic_sessions")
    location = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    slots_planned = models.PositiveSmallIntegerField()
    slots_kept = models.PositiveSmallIntegerField()
    away_leave = models.ForeignKey(
        LeaveRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clinic_sessions",
        help_text="The leave or absence that took the clinician away",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["date", "start", "pk"]
        indexes = [
            models.Index(fields=["clinician", "date"], name="clinic_session_clinician_day"),
            models.Index(fields=["date"], name="clinic_session_day"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["template", "date"], name="clinic_session_one_a_day"),
            models.CheckConstraint(
                condition=Q(slots_kept__lte=F("slots_planned")),
                name="clinic_session_kept_within_planned",
                violation_error_message="A session cannot keep more slots than it planned.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.name} on {self.date:%a %-d %b %Y}"


class ChangeAction(models.TextChoices):
    CANCEL = "cancel", "Cancel"
    REDUCE = "reduce", "Reduce"
    BACKFILL = "backfill", "Backfill"


class ChangeStatus(models.TextChoices):
    AWAITING = "awaiting", "Awaiting approval"
    APPLIED = "applied", "Applied"
    REFUSED = "refused", "Refused"


class SessionChange(models.Model):
    """What was decided for a session and by whom. A change inside the notice window is
    short notice: it waits for a service manager's approval before it takes effect."""

    session = models.ForeignKey(ClinicSession, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=10, choices=ChangeAction.choices)
    slots_kept = models.PositiveSmallIntegerField(default=0)
    backfill_clinician = models.ForeignKey(
        Doctor, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    short_notice = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=ChangeStatus.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.session}"


class ClinicPolicy(models.Model):
    """A department's notice window: a session changed less than this far ahead is short
    notice and needs a service manager's approval."""

    department = models.OneToOneField(
        Department, on_delete=models.CASCADE, related_name="clinic_policy"
    )
    notice_weeks = models.PositiveSmallIntegerField(default=6, validators=[MaxValueValidator(52)])
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "clinic policies"

    def __str__(self) -> str:
        return f"Clinic notice for {self.department}"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    TO_REBOOK = "to_rebook", "To rebook"
    REBOOKED = "rebooked", "Rebooked"


class Appointment(models.Model):
    """A patient booked into a session's slot. The waiting list area will link it to the
    patient's pathway; until then it holds who the patient is."""

    session = models.ForeignKey(
        ClinicSession, on_delete=models.CASCADE, related_name="appointments"
    )
    slot_type = models.CharField(max_length=10, choices=SlotType.choices)
    start = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    patient_name = models.CharField(max_length=100)
    nhs_number = models.CharField("NHS number", max_length=10)
    status = models.CharField(
        max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )

    class Meta:
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.patient_name} at {self.start:%H:%M}"


class RebookingStatus(models.TextChoices):
    WAITING = "waiting", "Waiting to be rebooked"
    REBOOKED = "rebooked", "Rebooked"


class RebookingEntry(models.Model):
    """A patient whose appointment was lost to a cancelled or reduced session, waiting to
    be booked again. The waiting list area books from this list."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    appointment = models.OneToOneField(
        Appointment, on_delete=models.CASCADE, related_name="rebooking"
    )
    change = models.ForeignKey(
        SessionChange, on_delete=models.SET_NULL, null=True, related_name="rebookings"
    )
    reason = models.CharField(max_length=300)
    added_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=RebookingStatus.choices, default=RebookingStatus.WAITING
    )

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name_plural = "rebooking entries"

    def __str__(self) -> str:
        return f"{self.appointment.patient_name} to rebook"
