"""Doctors, the people who sign in, and the roles that decide what each may see."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from rotaplan.organisation.models import Department

from .grades import Contract, Grade

gmc_number_validator = RegexValidator(
    r"^\d{7}$", "A GMC number is exactly 7 digits, such as 7012345.", code="gmc_number"
)


class Competency(models.Model):
    """A skill a shift may require, such as airway management or paediatric resus."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "competencies"

    def __str__(self) -> str:
        return self.name


class Doctor(models.Model):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    gmc_number = models.CharField(
        "GMC number", max_length=7, unique=True, validators=[gmc_number_validator]
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(
        "phone or bleep",
        max_length=30,
        blank=True,
        help_text="How colleagues reach them on shift: a mobile, an extension or a bleep",
    )
    grade = models.CharField(max_length=4, choices=Grade.choices)
    contract = models.CharField(max_length=20, choices=Contract.choices)
    wte = models.DecimalField(
        "WTE",
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.10")), MaxValueValidator(Decimal("1.00"))],
        help_text="Whole-time equivalent: 1.00 is full time, 0.60 is 60 %",
    )
    opted_out = models.BooleanField(
        "opted out of the 48-hour average",
        default=False,
        help_text="Has signed a Working Time Regulations opt-out",
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="doctors")
    post_start = models.DateField("start of post")
    post_end = models.DateField("end of post", null=True, blank=True)
    competencies = models.ManyToManyField(Competency, blank=True, related_name="doctors")
    # Optimistic locking: an edit made from a stale copy is refused, never silently applied.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post_end__isnull=True) | Q(post_end__gte=models.F("post_start")),
                name="doctor_post_end_after_start",
                violation_error_message="The end of post must be on or after its start.",
            ),
            models.CheckConstraint(
                condition=Q(wte__gte=Decimal("0.10")) & Q(wte__lte=Decimal("1.00")),
                name="doctor_wte_in_range",
                violation_error_message="WTE must be between 0.10 and 1.00.",
            ),
        ]

    def __str__(self) -> str:
        return f"Dr {self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_ltft(self) -> bool:
        return self.wte < 1

    def clean(self) -> None:
        if self.post_end and self.post_start and self.post_end < self.post_start:
            raise ValidationError({"post_end": "The end of post must be on or after its start."})


class User(AbstractUser):
    """A person who signs in; linked to a doctor when they are one."""

    doctor = models.OneToOneField(
        Doctor, null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )

    @property
    def display_name(self) -> str:
        """How pages, messages and the audit log name the person: "Gemma Price", or their
        username when no name is recorded."""
        return str(self.get_full_name() or self.username)


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    MEDICAL_STAFFING = "medical_staffing", "Medical staffing"
    ROTA_COORDINATOR = "rota_coordinator", "Rota coordinator"
    SERVICE_MANAGER = "service_manager", "Service manager"
    BOOKING_COORDINATOR = "booking_coordinator", "Booking coordinator"
    CLINICAL_DIRECTOR = "clinical_director", "Clinical director"
    DOCTOR = "doctor", "Doctor"


# Roles that act for particular departments only; the others are trust-wide.
DEPARTMENT_SCOPED_ROLES = frozenset(
    {
        Role.ROTA_COORDINATOR,
        Role.SERVICE_MANAGER,
        Role.BOOKING_COORDINATOR,
        Role.CLINICAL_DIRECTOR,
    }
)


class RoleAssignment(models.Model):
    """One role held by one user, for one department where the role is scoped."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=30, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "department"], name="role_assignment_unique"
            ),
            models.CheckConstraint(
                condition=~Q(role__in=sorted(DEPARTMENT_SCOPED_ROLES))
                | Q(department__isnull=False),
                name="scoped_role_has_department",
                violation_error_message="This role acts for a department: choose one.",
            ),
        ]

    def __str__(self) -> str:
        where = f" for {self.department}" if self.department_id else ""
        return f"{self.user} as {self.get_role_display()}{where}"
