"""A job plan is a year's agreed timetable of programmed activities (PAs). The PA
arithmetic lives in ``rotaplan.engine.jobplan``; these rows are what it is computed from."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from rotaplan.organisation.models import Department
from rotaplan.people.models import Doctor


class Category(models.TextChoices):
    """The four kinds of programmed activity the 2003 consultant contract and the 2021 SAS
    contracts name."""

    DCC = "dcc", "Direct clinical care"
    SPA = "spa", "Supporting professional activities"
    ANR = "anr", "Additional NHS responsibilities"
    EXTERNAL = "external", "External duties"


class ActivityKind(models.TextChoices):
    CLINIC = "clinic", "Outpatient clinic"
    THEATRE = "theatre", "Theatre list"
    WARD_ROUND = "ward_round", "Ward round"
    PATIENT_ADMIN = "patient_admin", "Patient administration"
    TEACHING = "teaching", "Teaching"
    SPA = "spa", "Supporting professional activities"
    MANAGEMENT = "management", "Management or other responsibility"
    OTHER = "other", "Other"


class Session(models.TextChoices):
    """The sessions of a day as timetables name them; each stands for fixed times
    (``SESSION_TIMES``) that a job plan may override with its own."""

    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"
    EVENING = "evening", "Evening"


class Weeks(models.TextChoices):
    """How often an activity runs: every week, one week in N, or a number of weeks a year."""

    EVERY = "every", "Every week"
    ONE_IN = "one_in", "One week in N"
    PER_YEAR = "per_year", "A number of weeks a year"


class JobPlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    DISCUSSED = "discussed", "Discussed"
    AGREED = "agreed", "Agreed"
    SIGNED = "signed", "Signed off"


class OnCallCategory(models.TextChoices):
    A = "A", "Category A: must return immediately"
    B = "B", "Category B: can respond by phone or later"


class JobPlan(models.Model):
    """One doctor's job plan for one job plan year. Its activities and on-call are
    changed only while it is not signed off; ``version`` refuses an edit made from a stale
    copy."""

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="job_plans")
    year_start = models.DateField(help_text="The first day of the job plan year")
    status = models.CharField(
        max_length=10, choices=JobPlanStatus.choices, default=JobPlanStatus.DRAFT
    )
    weeks_a_year = models.PositiveSmallIntegerField(
        default=42,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="Working weeks a year the annualised activities are spread over",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year_start", "doctor"]
        constraints = [
            models.UniqueConstraint(fields=["doctor", "year_start"], name="job_plan_one_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.doctor} job plan from {self.year_start:%-d %b %Y}"


class Activity(models.Model):
    """One timetabled activity: its weekday and times, how often it runs, and what it
    is. A clinic links to its clinic template from the template's side."""

    job_plan = models.ForeignKey(JobPlan, on_delete=models.CASCADE, related_name="activities")
    category = models.CharField(max_length=10, choices=Category.choices)
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    description = models.CharField(max_length=120)
    weekday = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(6)], help_text="0 is Monday, 6 is Sunday"
    )
    session = models.CharField(max_length=10, choices=Session.choices, blank=True)
    start = models.TimeField()
    end = models.TimeField()
    weeks = models.CharField(max_length=10, choices=Weeks.choices, default=Weeks.EVERY)
    weeks_value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="N of 'one week in N', or the weeks a year",
    )
    location = models.CharField(max_length=100, blank=True)
    theatre_list = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["weekday", "start", "pk"]
        verbose_name_plural = "activities"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="activity_has_length",
                violation_error_message="An activity must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(weeks="every") | Q(weeks_value__isnull=False),
                name="activity_weeks_value_set",
                violation_error_message="Say how many weeks.",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class OnCallCommitment(models.Model):
    """A job plan's on-call: how often, which category, and the hours of work it brings
    a week on average (predictable: ward rounds at weekends; unpredictable: calls back)."""

    job_plan = models.OneToOneField(JobPlan, on_delete=models.CASCADE, related_name="on_call")
    one_in = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(52)], help_text="On call one in N"
    )
    category = models.CharField(max_length=1, choices=OnCallCategory.choices)
    predictable_hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("48"))],
        help_text="Predictable emergency work, hours a week on average",
    )
    unpredictable_hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("48"))],
        help_text="Unpredictable emergency work, hours a week on average",
    )

    def __str__(self) -> str:
        return f"1 in {self.one_in}, category {self.category}"


class EventKind(models.TextChoices):
    STATUS = "status", "Status changed"
    CHANGE = "change", "Changed"
    COMMENT = "comment", "Comment"


class JobPlanEvent(models.Model):
    """The job plan's history: each change of status, each change of its activities or
    on-call, and each comment, never edited. The last one says who changed the plan when
    an edit from a stale copy is refused."""

    job_plan = models.ForeignKey(JobPlan, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=EventKind.choices, default=EventKind.COMMENT)
    status = models.CharField(
        max_length=10,
        choices=JobPlanStatus.choices,
        blank=True,
        help_text="The status it moved to; blank for a comment or an edit",
    )
    text = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.job_plan}: {self.get_kind_display().lower()}"


class JobPlanPolicy(models.Model):
    """A department's local job planning policy: the SPA each full-time job plan should
    hold (many trusts ask 1.5 PAs; the BMA recommends 2.5)."""

    department = models.OneToOneField(
        Department, on_delete=models.CASCADE, related_name="job_plan_policy"
    )
    minimum_spa = models.DecimalField(
        "minimum SPA for a full-time job plan",
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.5"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))],
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "job plan policies"

    def __str__(self) -> str:
        return f"Job plan policy for {self.department}"
