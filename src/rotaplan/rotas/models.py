"""Shift types, rotas and the assignments of doctors to shifts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from rotaplan.engine.solver.problem import Policy
from rotaplan.organisation.models import Department
from rotaplan.people.models import Competency, Doctor


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
            # Per rota: two draft rotas for the same weeks (generated alternatives to
            # compare) may well both put a doctor on the same night. Across rotas, only
            # published shifts are commitments (``overlap``), checked on publishing.
            models.UniqueConstraint(
                fields=["rota", "doctor", "start"],
                name="assignment_one_per_rota_doctor_and_start",
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


class CoverRequirement(models.Model):
    """How many doctors a shift needs: on a weekday every week, or on one date. A dated row
    overrides the weekday rows for its shift type on that date (a bank holiday, or the
    night the clocks go back, when a different night shift runs)."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="cover_requirements"
    )
    shift_type = models.ForeignKey(
        ShiftType, on_delete=models.CASCADE, related_name="cover_requirements"
    )
    weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="0 Monday to 6 Sunday; empty for a dated row"
    )
    date = models.DateField(null=True, blank=True, help_text="Overrides the weekday rows")
    minimum = models.PositiveSmallIntegerField(help_text="Fewer doctors than this is a gap")
    ideal = models.PositiveSmallIntegerField(help_text="The cover wanted, at least the minimum")

    class Meta:
        ordering = ["department", "shift_type__start", "shift_type__code", "weekday", "date"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(weekday__isnull=False) & Q(date__isnull=True))
                | (Q(weekday__isnull=True) & Q(date__isnull=False)),
                name="cover_weekday_or_date",
                violation_error_message="Give a weekday or a date, not both.",
            ),
            models.CheckConstraint(
                condition=Q(weekday__isnull=True) | Q(weekday__lte=6),
                name="cover_weekday_in_week",
                violation_error_message="The weekday is 0 (Monday) to 6 (Sunday).",
            ),
            models.CheckConstraint(
                condition=Q(ideal__gte=F("minimum")),
                name="cover_ideal_at_least_minimum",
                violation_error_message="The ideal cover must be at least the minimum.",
            ),
            models.UniqueConstraint(
                fields=["shift_type", "weekday"],
                condition=Q(weekday__isnull=False),
                name="cover_one_per_shift_and_weekday",
                violation_error_message="This shift already has cover set for that weekday.",
            ),
            models.UniqueConstraint(
                fields=["shift_type", "date"],
                condition=Q(date__isnull=False),
                name="cover_one_per_shift_and_date",
                violation_error_message="This shift already has cover set for that date.",
            ),
        ]

    def __str__(self) -> str:
        when = self.date.isoformat() if self.date else WEEKDAYS[self.weekday or 0]
        return f"{self.shift_type.code} {when}: {self.minimum} to {self.ideal}"


class CoverMix(models.Model):
    """Part of a shift's cover that must come from some of its doctors, every day the shift
    has cover, as coordinators say it: "at least 1 of FY2, CT1, CT2" on the junior night,
    "at least 1 with ALS". No grades means any grade; a doctor counts with every one of the
    competencies. On a day the shift needs fewer doctors than ``at_least``, all of them."""

    shift_type = models.ForeignKey(ShiftType, on_delete=models.CASCADE, related_name="cover_mix")
    at_least = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    grades = models.JSONField(default=list, blank=True, help_text="Grade codes, e.g. FY2")
    competencies = models.ManyToManyField(Competency, blank=True, related_name="cover_mix")

    class Meta:
        ordering = ["shift_type", "pk"]

    def __str__(self) -> str:
        return f"{self.shift_type.code}: at least {self.at_least} of {', '.join(self.grades)}"


class RotaPolicy(models.Model):
    """A department's choice on a policy stricter than the contract that the rota
    generator keeps (``engine.solver.problem.Policy``): a policy with no row is on, as it
    protects doctors."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="rota_policies"
    )
    policy = models.CharField(max_length=40, choices=[(p.value, p.words) for p in Policy])
    on = models.BooleanField(default=True)

    class Meta:
        ordering = ["department", "policy"]
        constraints = [
            models.UniqueConstraint(fields=["department", "policy"], name="one_row_a_policy"),
        ]

    def __str__(self) -> str:
        return f"{self.department}: {self.policy} {'on' if self.on else 'off'}"


class DepartmentLocalRules(models.Model):
    """What a department asks of its rotas beyond the contract (``rules.local``): empty
    for no such rule."""

    department = models.OneToOneField(
        Department, on_delete=models.CASCADE, related_name="local_rules"
    )
    max_nights_in_a_row = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    max_weekends_in_a_row = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(26)]
    )
    whole_weekends = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Local rules of {self.department}"


class NeverAloneRule(models.Model):
    """Doctors of these grades never the only ones on these shifts (any, if none): "an
    FY1 never alone on a night"."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="never_alone_rules"
    )
    grades = models.JSONField(default=list, help_text="Grade codes, e.g. FY1")
    shift_types = models.ManyToManyField(ShiftType, blank=True, related_name="never_alone_rules")

    class Meta:
        ordering = ["department", "pk"]

    def __str__(self) -> str:
        return f"{', '.join(self.grades)} never alone"


class DoctorPair(models.Model):
    """Two doctors of a department never on the same shift, or always on the same shifts
    (a trainee and their supervisor)."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="doctor_pairs"
    )
    first = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="+")
    together = models.BooleanField(help_text="Always on the same shifts; otherwise never")

    class Meta:
        ordering = ["department", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(first=F("second")),
                name="pair_of_two_doctors",
                violation_error_message="Choose two different doctors.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} and {self.second} {'together' if self.together else 'apart'}"


class FixedRotaLine(models.Model):
    """A doctor's shifts set by the coordinator as a pattern of weeks from a Monday
    (``engine.fixed_lines``): the generator keeps them, and a rota that does not is
    reported as breaking a local rule. Days the doctor is away are left out."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="fixed_rota_lines"
    )
    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="fixed_rota_lines")
    first_monday = models.DateField(help_text="Week 1 of the pattern starts on this Monday")
    last_day = models.DateField(null=True, blank=True, help_text="Empty: no end")
    weeks = models.JSONField(help_text="Each week's 7 shift codes, Monday first; '' for none")
    note = models.CharField(max_length=200, blank=True, help_text="Why: 'Clinic on Tuesdays'")

    class Meta:
        ordering = ["department", "doctor", "first_monday", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__isnull=True) | Q(last_day__gte=F("first_monday")),
                name="fixed_line_ends_after_it_starts",
                violation_error_message="The last day must be on or after the first Monday.",
            ),
        ]

    def __str__(self) -> str:
        return f"Fixed rota line of {self.doctor} from {self.first_monday}"


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class RequestKind(models.TextChoices):
    OFF = "off", "Not to work"
    ON = "on", "To work a shift"


class RotaRequest(models.Model):
    """A doctor's wish for the next rota, such as "not this weekend": honoured where the
    rules and cover allow, and the generated rota says which were not."""

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="rota_requests")
    kind = models.CharField(max_length=3, choices=RequestKind.choices, default=RequestKind.OFF)
    first_date = models.DateField()
    last_date = models.DateField()
    shift_type = models.ForeignKey(
        ShiftType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rota_requests",
        help_text='The shift wanted, for a request "to work a shift"',
    )
    weight = models.PositiveSmallIntegerField(
        default=1, help_text="1 a preference, 2 important, 3 very important"
    )
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rota_requests_made"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["first_date", "doctor"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_date__gte=F("first_date")),
                name="rota_request_last_after_first",
                violation_error_message="The last date must be on or after the first.",
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=3),
                name="rota_request_weight_1_to_3",
                violation_error_message="The importance is 1, 2 or 3.",
            ),
            models.CheckConstraint(
                condition=Q(kind="off") | Q(shift_type__isnull=False),
                name="rota_request_on_names_shift",
                violation_error_message="Choose the shift wanted.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doctor}: {self.get_kind_display()} {self.first_date} to {self.last_date}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


FINISHED_STATUSES = frozenset({RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED})


class StaffGroup(models.TextChoices):
    TRAINING = "training", "Doctors in training"
    SENIOR = "senior", "Consultants and SAS doctors"
    EVERYONE = "everyone", "Every doctor in the department"


class GenerationRun(models.Model):
    """One request to generate a draft rota, run in the background: its progress while it
    runs, and what it made (a new draft rota) or why it failed."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="generation_runs"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    staff_group = models.CharField(
        max_length=10, choices=StaffGroup.choices, default=StaffGroup.TRAINING
    )
    time_limit = models.PositiveIntegerField(default=60, help_text="Seconds")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    cancel_requested = models.BooleanField(default=False)
    seconds = models.FloatField(default=0)
    objective = models.FloatField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    solutions = models.PositiveIntegerField(default=0)
    progress_updated = models.DateTimeField(null=True, blank=True)
    failure_reason = models.TextField(blank=True)
    rota = models.ForeignKey(
        Rota, on_delete=models.SET_NULL, null=True, blank=True, related_name="generation_runs"
    )
    result = models.JSONField(default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="generation_runs"
    )
    # Where the run was asked from: the worker's audit entries name it with the user.
    requested_from = models.GenericIPAddressField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="generation_period_end_after_start",
                violation_error_message="The period must end on or after its start.",
            ),
            # The same request twice at the same moment queues one run, not two.
            models.UniqueConstraint(
                fields=["department", "period_start", "period_end", "staff_group"],
                condition=Q(status__in=["queued", "running"]),
                name="generation_one_unfinished_per_request",
                violation_error_message="This rota is already being generated.",
            ),
        ]

    def __str__(self) -> str:
        return f"Generation {self.pk} for {self.department} ({self.get_status_display()})"

    @property
    def finished_yet(self) -> bool:
        return self.status in FINISHED_STATUSES


class RotaChange(models.Model):
    """One new version of a published rota: the shifts it took off and put on, who made
    the change and why. Doctors rely on a published rota, so it changes only this way,
    and each change is kept, never edited."""

    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="changes")
    version = models.PositiveIntegerField(help_text="The rota's version this change made")
    removed = models.JSONField(
        default=list, help_text="Each shift taken off: doctor_id, doctor, code, date, start, end"
    )
    added = models.JSONField(default=list, help_text="Each shift put on, as removed")
    reason = models.CharField(max_length=300)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rota_changes"
    )
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rota", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["rota", "version"], name="one_change_a_version"),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="rota_change_reason_given",
                violation_error_message="Say why the published rota changes.",
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.version} of {self.rota}: {self.reason}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A rota change is a record: it is never changed")
        super().save(*args, **kwargs)
