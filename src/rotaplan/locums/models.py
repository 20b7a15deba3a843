"""The trust's bank and agencies, what they charge, the locums booked through them, and
the induction an agency doctor must finish before their first shift."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from rotaplan.cover.models import Gap
from rotaplan.organisation.models import Department
from rotaplan.people.grades import Grade
from rotaplan.people.models import gmc_number_validator
from rotaplan.rotas.models import ShiftType

from . import costing


class SupplierKind(models.TextChoices):
    BANK = "bank", "Bank"
    AGENCY = "agency", "Agency"


class Supplier(models.Model):
    """The trust's own bank, or an agency it books locums through."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=SupplierKind.choices)
    framework = models.CharField(
        max_length=200, blank=True, help_text="The procurement framework the agency is on"
    )
    contact = models.CharField(max_length=200, blank=True, help_text="Who to call, and how")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class RateTier(models.TextChoices):
    """Locum rate cards price by level of doctor, not by each training year."""

    FOUNDATION = "Foundation", "Foundation (FY1, FY2)"
    CORE = "Core", "Core (CT1 to CT3, ST1, ST2)"
    REGISTRAR = "Registrar", "Registrar (ST3 to ST8)"
    SAS = "SAS", "Specialty doctor or specialist"
    CONSULTANT = "Consultant", "Consultant"


class HoursKind(models.TextChoices):
    DAY = costing.DAY, "Weekday day"
    NIGHT = costing.NIGHT, "Night"
    WEEKEND = costing.WEEKEND, "Weekend or bank holiday day"


class RateCard(models.Model):
    """One hourly rate a supplier charges (or the bank pays) for a level of doctor and a
    kind of hours, from a date. A figure the trust agrees, so it carries its source; a new
    rate is a new row from its own date, and the old one stays for the bookings it priced."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="rates")
    tier = models.CharField(max_length=12, choices=RateTier.choices)
    hours_kind = models.CharField(max_length=10, choices=HoursKind.choices)
    hourly_rate_pence = models.PositiveIntegerField()
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True, help_text="Empty: no end yet")
    source = models.CharField(
        max_length=300, help_text="Where the figure comes from: the agreement, its date"
    )

    class Meta:
        ordering = ["supplier", "tier", "hours_kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "tier", "hours_kind", "effective_from"],
                name="rate_card_one_row_a_day",
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="rate_card_ends_after_it_starts",
                violation_error_message="A rate must end on or after the day it starts.",
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate_pence__gt=0),
                name="rate_card_rate_positive",
                violation_error_message="An hourly rate is more than £0.",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.supplier}: {self.tier} {self.get_hours_kind_display().lower()} "
            f"{costing.pounds(self.hourly_rate_pence)} an hour from {self.effective_from}"
        )


class BookingReason(models.TextChoices):
    LEAVE = "leave", "Leave"
    SICKNESS = "sickness", "Sickness"
    VACANCY = "vacancy", "Vacancy"
    ABSENCE = "absence", "Other absence"
    EXTRA_DEMAND = "extra_demand", "Extra demand"
    OTHER = "other", "Other"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WORKED = "worked", "Worked"
    CANCELLED = "cancelled", "Cancelled"


# Bookings that are money spent, or promised.
SPENT = (BookingStatus.BOOKED, BookingStatus.WORKED)


class LocumBooking(models.Model):
    """A locum booked through the bank or an agency for one shift: a gap of the register,
    or a shift booked ad hoc. The rate and cost are kept as they were worked out when it was
    booked, so a later change of rate card does not rewrite what was spent."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="locum_bookings"
    )
    gap = models.ForeignKey(
        Gap, on_delete=models.SET_NULL, null=True, blank=True, related_name="locum_bookings"
    )
    shift_type = models.ForeignKey(
        ShiftType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="bookings")
    locum_name = models.CharField(max_length=200)
    gmc_number = models.CharField("GMC number", max_length=7, validators=[gmc_number_validator])
    grade = models.CharField(max_length=4, choices=Grade.choices)
    date = models.DateField(help_text="The local day the shift starts")
    start = models.DateTimeField()
    end = models.DateTimeField()
    minutes = models.PositiveIntegerField(help_text="Real elapsed time, across clock changes")
    hours_kind = models.CharField(max_length=10, choices=HoursKind.choices)
    rate = models.ForeignKey(RateCard, on_delete=models.PROTECT, related_name="bookings")
    hourly_rate_pence = models.PositiveIntegerField()
    cost_pence = models.PositiveIntegerField()
    reason = models.CharField(max_length=20, choices=BookingReason.choices)
    note = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    booked_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["department", "date"], name="locum_booking_spend"),
            models.Index(fields=["gmc_number", "date"], name="locum_booking_locum"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="locum_booking_end_after_start",
                violation_error_message="A shift must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.locum_name} ({self.supplier}) on {self.date:%d %b %Y}"

    @property
    def hours(self) -> Decimal:
        return costing.hours_of(self.minutes)

    @property
    def is_agency(self) -> bool:
        return self.supplier.kind == SupplierKind.AGENCY


class InductionCheck(models.TextChoices):
    IDENTITY = "identity", "Identity checked"
    GMC_REGISTRATION = "gmc_registration", "GMC registration checked"
    IT_ACCESS = "it_access", "IT access given"
    SITE_INDUCTION = "site_induction", "Site induction done"


class LocumInduction(models.Model):
    """An agency doctor's induction to the trust, by GMC number: done once, before their
    first shift, and good for every booking after it."""

    gmc_number = models.CharField(
        "GMC number", max_length=7, unique=True, validators=[gmc_number_validator]
    )
    locum_name = models.CharField(max_length=200)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["locum_name"]

    def __str__(self) -> str:
        return f"Induction of {self.locum_name} ({self.gmc_number})"


class InductionStep(models.Model):
    """One check of the induction done: who did it, and when."""

    induction = models.ForeignKey(LocumInduction, on_delete=models.CASCADE, related_name="steps")
    check_done = models.CharField(max_length=20, choices=InductionCheck.choices)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["induction", "done_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["induction", "check_done"], name="induction_step_done_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_check_done_display()} for {self.induction.locum_name}"
