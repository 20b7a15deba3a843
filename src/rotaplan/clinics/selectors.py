"""Reads of clinics, each scoped to the user, and who may do what with a department's
clinics (the one place the clinics area decides it):

- its rota coordinators and the trust-wide roles manage templates and sessions and
  propose a change (cancel, reduce, backfill);
- its service managers approve or refuse short-notice changes, may make changes
  themselves, and set the notice window (a coordinator cannot shorten the window that
  holds their own changes for approval);
- its booking coordinators see its sessions and patients and the rebooking list, and book;
- a doctor sees their own sessions (without other people's patients).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from rotaplan.jobplans.models import Activity, ActivityKind, Category, JobPlan
from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.models import Competency, Doctor, Role, User
from rotaplan.rotas.models import Assignment, RotaStatus

from .models import (
    Appointment,
    AppointmentStatus,
    ChangeStatus,
    ClinicPolicy,
    ClinicSession,
    ClinicTemplate,
    RebookingEntry,
    RebookingStatus,
    SessionChange,
    SessionStatus,
)

CLINIC_ROLES = (Role.ROTA_COORDINATOR, Role.SERVICE_MANAGER, Role.BOOKING_COORDINATOR)
TO_ACT_ON = (SessionStatus.CLINICIAN_AWAY, SessionStatus.AWAITING_APPROVAL)
# A session still running (not cancelled): what leave would affect, what a backfill
# clinician must not already be running at the same time.
RUNNING = (
    SessionStatus.PLANNED,
    SessionStatus.CLINICIAN_AWAY,
    SessionStatus.AWAITING_APPROVAL,
    SessionStatus.REDUCED,
    SessionStatus.BACKFILLED,
)
DEFAULT_NOTICE_WEEKS = 6


# --- who may do what ---------------------------------------------------------------


def sees_clinics(user: access.AnyUser, department_id: int) -> bool:
    return access.is_trust_wide(user) or department_id in access.department_ids_for(
        user, *CLINIC_ROLES
    )


def sees_patients(user: access.AnyUser, department_id: int) -> bool:
    """Patients' names and NHS numbers: everyone who runs the department's clinics."""
    return sees_clinics(user, department_id)


def manages_clinics(user: access.AnyUser, department_id: int) -> bool:
    return access.coordinates(user, department_id)


def changes_sessions(user: access.AnyUser, department_id: int) -> bool:
    return manages_clinics(user, department_id) or approves_changes(user, department_id)


def approves_changes(user: access.AnyUser, department_id: int) -> bool:
    return access.is_trust_wide(user) or department_id in access.department_ids_for(
        user, Role.SERVICE_MANAGER
    )


def books(user: access.AnyUser, department_id: int) -> bool:
    return access.is_trust_wide(user) or department_id in access.department_ids_for(
        user, Role.ROTA_COORDINATOR, Role.BOOKING_COORDINATOR
    )


def clinic_departments(user: access.AnyUser) -> QuerySet[Department]:
    if not user.is_authenticated:
        return Department.objects.none()
    if access.is_trust_wide(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=access.department_ids_for(user, *CLINIC_ROLES))


def visible_department(user: access.AnyUser, department_id: int) -> Department | None:
    return clinic_departments(user).filter(pk=department_id).first()


def department_users(department_id: int, *roles: str) -> list[User]:
    """Who holds ``roles`` in the department and can sign in: who is told."""
    return list(
        User.objects.filter(
            role_assignments__role__in=roles,
            role_assignments__department_id=department_id,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


# --- templates ----------------------------------------------------------------------


def _templates() -> QuerySet[ClinicTemplate]:
    return ClinicTemplate.objects.select_related("clinician", "department").prefetch_related(
        "slots", "skills"
    )


def department_templates(department: Department) -> list[ClinicTemplate]:
    return list(
        _templates()
        .filter(department=department)
        .order_by("-active", "clinician__last_name", "weekday", "start", "pk")
    )


def visible_template(user: access.AnyUser, template_id: int) -> ClinicTemplate | None:
    template = _templates().filter(pk=template_id).first()
    if template is None or not sees_clinics(user, template.department_id):
        return None
    return template


def own_templates(doctor: Doctor) -> list[ClinicTemplate]:
    return list(_templates().filter(clinician=doctor, active=True))


# --- sessions -----------------------------------------------------------------------


def _sessions() -> QuerySet[ClinicSession]:
    return ClinicSession.objects.select_related(
        "template", "template__department", "clinician", "away_leave"
    ).annotate(
        booked=Count("appointments", filter=Q(appointments__status=AppointmentStatus.BOOKED))
    )


def department_sessions(
    department: Department,
    start: date,
    end: date,
    *,
    clinician_id: int | None = None,
    status: str | None = None,
) -> list[ClinicSession]:
    query = _sessions().filter(template__department=department, date__range=(start, end))
    if clinician_id:
        query = query.filter(Q(clinician_id=clinician_id) | Q(template__clinician_id=clinician_id))
    if status:
        query = query.filter(status=status)
    return list(query.order_by("date", "start", "pk"))


def sessions_to_act_on_count(department_ids: set[int] | None) -> int:
    """Sessions whose clinician is away, or whose change awaits approval, from today on;
    ``None`` counts every department."""
    query = ClinicSession.objects.filter(status__in=TO_ACT_ON, date__gte=timezone.localdate())
    if department_ids is not None:
        query = query.filter(template__department_id__in=department_ids)
    return query.count()


def visible_session(user: access.AnyUser, session_id: int) -> ClinicSession | None:
    """The session if the user may see it (their department's, or their own as its
    clinician); otherwise None, whether or not it exists."""
    if not user.is_authenticated:
        return None
    session = _sessions().filter(pk=session_id).first()
    if session is None:
        return None
    doctor_id = getattr(user, "doctor_id", None)
    own = doctor_id is not None and doctor_id in (
        session.clinician_id,
        session.template.clinician_id,
    )
    if own or sees_clinics(user, session.template.department_id):
        return session
    return None


def session_appointments(session: ClinicSession) -> list[Appointment]:
    return list(session.appointments.order_by("start", "pk"))


def session_changes(session: ClinicSession) -> list[SessionChange]:
    return list(session.changes.select_related("proposed_by", "decided_by", "backfill_clinician"))


def own_sessions(doctor: Doctor, start: date, end: date) -> list[ClinicSession]:
    """Sessions the doctor runs, or whose template is theirs (one they are away from)."""
    return list(
        _sessions()
        .filter(Q(clinician=doctor) | Q(template__clinician=doctor), date__range=(start, end))
        .order_by("date", "start", "pk")
    )


def notice_weeks(department_id: int) -> int:
    policy = ClinicPolicy.objects.filter(department_id=department_id).first()
    return policy.notice_weeks if policy else DEFAULT_NOTICE_WEEKS


def policy_of(department: Department) -> ClinicPolicy:
    """The department's policy, or the defaults (unsaved, version 1)."""
    return ClinicPolicy.objects.filter(department=department).first() or ClinicPolicy(
        department=department
    )


def is_short_notice(session_date: date, weeks: int, today: date | None = None) -> bool:
    """Less than ``weeks`` weeks ahead of today is short notice."""
    return session_date < (today or timezone.localdate()) + timedelta(weeks=weeks)


# --- changes ------------------------------------------------------------------------


def _changes() -> QuerySet[SessionChange]:
    return SessionChange.objects.select_related(
        "session",
        "session__template",
        "session__template__department",
        "session__clinician",
        "proposed_by",
        "decided_by",
        "backfill_clinician",
    ).annotate(
        booked=Count(
            "session__appointments",
            filter=Q(session__appointments__status=AppointmentStatus.BOOKED),
        )
    )


def approvable_department_ids(user: access.AnyUser) -> set[int] | None:
    """Departments whose changes the user approves; None for every department."""
    if access.is_trust_wide(user):
        return None
    return access.department_ids_for(user, Role.SERVICE_MANAGER)


def approves_any(user: access.AnyUser) -> bool:
    return access.is_trust_wide(user) or bool(access.department_ids_for(user, Role.SERVICE_MANAGER))


def changes_awaiting(user: access.AnyUser) -> list[SessionChange]:
    """Short-notice changes waiting for the user's approval, soonest session first."""
    if not user.is_authenticated or not approves_any(user):
        return []
    query = _changes().filter(status=ChangeStatus.AWAITING)
    ids = approvable_department_ids(user)
    if ids is not None:
        query = query.filter(session__template__department_id__in=ids)
    return list(query.order_by("session__date", "session__start", "pk"))


def visible_change(user: access.AnyUser, change_id: int) -> SessionChange | None:
    change = _changes().filter(pk=change_id).first()
    if change is None or not sees_clinics(user, change.session.template.department_id):
        return None
    return change


# --- rebooking ----------------------------------------------------------------------


def rebooking_entries(department: Department) -> list[RebookingEntry]:
    """Patients of the department waiting to be rebooked, oldest first: what the waiting
    list area books from."""
    return list(
        RebookingEntry.objects.filter(department=department, status=RebookingStatus.WAITING)
        .select_related("appointment", "appointment__session", "appointment__session__template")
        .order_by("added_at", "pk")
    )


def rebooking_count(department_ids: set[int] | None) -> int:
    query = RebookingEntry.objects.filter(status=RebookingStatus.WAITING)
    if department_ids is not None:
        query = query.filter(department_id__in=department_ids)
    return query.count()


def visible_rebooking_entry(user: access.AnyUser, entry_id: int) -> RebookingEntry | None:
    entry = (
        RebookingEntry.objects.select_related("appointment", "department")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or not sees_patients(user, entry.department_id):
        return None
    return entry


# --- backfill -----------------------------------------------------------------------


def away_on(doctor_id: int, day: date) -> LeaveRecord | None:
    return (
        LeaveRecord.objects.filter(
            doctor_id=doctor_id, status=LeaveStatus.APPROVED, start__lte=day, end__gte=day
        )
        .order_by("start")
        .first()
    )


def backfill_problem(session: ClinicSession, doctor: Doctor) -> str | None:
    """Why ``doctor`` cannot run ``session`` in its clinician's place, in words naming
    them, or None when they can."""
    template = session.template
    if doctor.department_id != template.department_id:
        return f"{doctor} is not in {template.department.name}"
    if doctor.pk == session.clinician_id:
        return f"{doctor} already runs this clinic"
    if doctor.pk == template.clinician_id and session.away_leave_id:
        return f"{doctor} is the clinician who is away"
    needed = {skill.pk: skill.name for skill in template.skills.all()}
    held = set(doctor.competencies.values_list("pk", flat=True))
    missing = [name for pk, name in needed.items() if pk not in held]
    if missing:
        return f"{doctor} does not have {', '.join(sorted(missing))}, which this clinic needs"
    leave = away_on(doctor.pk, session.date)
    if leave is not None:
        kind = leave.get_leave_type_display().lower()
        return f"{doctor} is away that day ({kind})"
    other = (
        ClinicSession.objects.filter(
            clinician=doctor, status__in=RUNNING, start__lt=session.end, end__gt=session.start
        )
        .exclude(pk=session.pk)
        .select_related("template")
        .first()
    )
    if other is not None:
        return f"{doctor} runs {other.template.name} at the same time"
    shift = (
        Assignment.objects.filter(
            doctor=doctor,
            rota__status=RotaStatus.PUBLISHED,
            start__lt=session.end,
            end__gt=session.start,
        )
        .select_related("shift_type")
        .first()
    )
    if shift is not None:
        return f"{doctor} is on the rota then ({shift.shift_type.name})"
    return None


@dataclass(frozen=True)
class Candidate:
    doctor: Doctor
    problem: str | None


def backfill_candidates(session: ClinicSession) -> list[Candidate]:
    """Every doctor of the department but the session's own, each with why they cannot
    backfill it (None: they can)."""
    doctors = (
        Doctor.objects.filter(department_id=session.template.department_id)
        .exclude(pk__in={session.clinician_id, session.template.clinician_id})
        .prefetch_related("competencies")
    )
    return [Candidate(d, backfill_problem(session, d)) for d in doctors]


def eligible_backfill(session: ClinicSession) -> list[Doctor]:
    return [c.doctor for c in backfill_candidates(session) if c.problem is None]


def department_clinicians(department: Department) -> QuerySet[Doctor]:
    """The department's doctors: who may hold a template there."""
    return Doctor.objects.filter(department=department).order_by("last_name", "first_name")


def template_of(template_id: int) -> ClinicTemplate | None:
    return _templates().filter(pk=template_id).first()


def skills_named(codes: Sequence[str]) -> tuple[list[Competency], list[str]]:
    """The competencies with these codes, and the codes that name none."""
    found = {c.code: c for c in Competency.objects.filter(code__in=codes)}
    return [found[c] for c in dict.fromkeys(codes) if c in found], [
        c for c in codes if c not in found
    ]


def untemplated_clinics() -> QuerySet[Activity]:
    """Job plans' clinics (direct clinical care) that no template runs yet: what clinic
    templates are made from, in one place for the service, its button and its list."""
    return Activity.objects.filter(
        kind=ActivityKind.CLINIC, category=Category.DCC, clinic_template__isnull=True
    )


def plans_with_clinics_untemplated(department: Department) -> list[tuple[JobPlan, int]]:
    """The department's job plans whose clinic activities have no template yet, with how
    many: what the coordinator makes templates from."""
    counts = (
        untemplated_clinics()
        .filter(job_plan__doctor__department=department)
        .values("job_plan")
        .annotate(count=Count("pk"))
    )
    by_plan = {row["job_plan"]: row["count"] for row in counts}
    plans = JobPlan.objects.filter(pk__in=by_plan).select_related("doctor")
    return [(plan, by_plan[plan.pk]) for plan in plans.order_by("doctor__last_name", "pk")]


def clinics_without_template(user: access.AnyUser, plan: JobPlan) -> int:
    """The job plan's clinics that have no template yet, for someone who may make them
    (none for anyone else, so the job plan page offers the button only to them)."""
    if not manages_clinics(user, plan.doctor.department_id):
        return 0
    return untemplated_clinics().filter(job_plan=plan).count()
