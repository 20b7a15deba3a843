"""Reads of job plans, scoped to who may see them, and the one place their permissions
are written down (the services, pages and API all ask here):

- a consultant or SAS doctor sees their own, comments on it, and changes its activities
  while it is a draft;
- the department's clinical director and service manager see, change (unless signed off)
  and move it from draft to discussed to agreed; only the clinical director signs it off;
  either reopens a plan, which takes it back to a draft;
- the department's rota coordinators see its job plans, and change nothing;
- the trust-wide roles see every job plan; medical staffing changes them too.

A plan outside the user's scope is not found, so a refusal never says it exists."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from rotaplan.engine.jobplan.pas import Breakdown, job_plan_pas
from rotaplan.engine.jobplan.plan import SESSION_TIMES
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.access import AnyUser
from rotaplan.people.models import Doctor, Role, User

from .engine_input import (
    CONTRACT_OF_GRADE,
    DEFAULT_MINIMUM_SPA,
    job_plan_input,
    stored_input,
)
from .models import (
    Activity,
    JobPlan,
    JobPlanEvent,
    JobPlanPolicy,
    JobPlanStatus,
    OnCallCommitment,
)

# Department roles that read a department's job plans; of those, the ones that change them.
VIEW_ROLES = (Role.CLINICAL_DIRECTOR, Role.SERVICE_MANAGER, Role.ROTA_COORDINATOR)
EDIT_ROLES = (Role.CLINICAL_DIRECTOR, Role.SERVICE_MANAGER)
JOB_PLAN_GRADES = tuple(CONTRACT_OF_GRADE)


def _own(user: AnyUser, plan: JobPlan) -> bool:
    return user.is_authenticated and getattr(user, "doctor_id", None) == plan.doctor_id


def viewable_department_ids(user: AnyUser) -> set[int] | None:
    """Departments whose job plans the user reads; ``None`` for every department."""
    if access.is_trust_wide(user):
        return None
    return access.department_ids_for(user, *VIEW_ROLES)


def edits_department(user: AnyUser, department_id: int) -> bool:
    """Changes the department's job plans: its clinical director or service manager, or
    medical staffing."""
    return access.has_role(
        user, Role.MEDICAL_STAFFING
    ) or department_id in access.department_ids_for(user, *EDIT_ROLES)


def may_view(user: AnyUser, plan: JobPlan) -> bool:
    departments = viewable_department_ids(user)
    return _own(user, plan) or departments is None or plan.doctor.department_id in departments


def may_edit(user: AnyUser, plan: JobPlan) -> bool:
    """Change the plan's activities and on-call now: never once signed off."""
    if plan.status == JobPlanStatus.SIGNED:
        return False
    if edits_department(user, plan.doctor.department_id):
        return True
    return _own(user, plan) and plan.status == JobPlanStatus.DRAFT


def moves_status(user: AnyUser, plan: JobPlan) -> bool:
    """Take the plan to discussed or agreed, or reopen it: the department's clinical
    director or service manager, and never for their own job plan."""
    return not _own(user, plan) and plan.doctor.department_id in access.department_ids_for(
        user, *EDIT_ROLES
    )


def signs(user: AnyUser, plan: JobPlan) -> bool:
    """Sign the plan off: the department's clinical director, never their own."""
    return not _own(user, plan) and plan.doctor.department_id in access.department_ids_for(
        user, Role.CLINICAL_DIRECTOR
    )


def may_comment(user: AnyUser, plan: JobPlan) -> bool:
    """The doctor and those who change the plan comment on it; a rota coordinator reads."""
    return _own(user, plan) or edits_department(user, plan.doctor.department_id)


def sets_policy(user: AnyUser, department_id: int) -> bool:
    return edits_department(user, department_id)


def creates_for(user: AnyUser, doctor: Doctor) -> bool:
    """Starts a doctor's job plan: those who change the department's plans, or the
    doctor themself."""
    own = user.is_authenticated and getattr(user, "doctor_id", None) == doctor.pk
    return own or edits_department(user, doctor.department_id)


# --- Reads ----------------------------------------------------------------------------


def _with_doctor(plans: QuerySet[JobPlan]) -> QuerySet[JobPlan]:
    return plans.select_related("doctor", "doctor__department", "signed_by")


def visible_job_plans(user: AnyUser) -> QuerySet[JobPlan]:
    """Every job plan the user may read: their own, and their departments'."""
    if not user.is_authenticated:
        return JobPlan.objects.none()
    departments = viewable_department_ids(user)
    if departments is None:
        return _with_doctor(JobPlan.objects.all())
    scope = Q(doctor__department_id__in=departments)
    own = getattr(user, "doctor_id", None)
    if own:
        scope |= Q(doctor_id=own)
    return _with_doctor(JobPlan.objects.filter(scope))


def visible_job_plan(user: AnyUser, pk: int) -> JobPlan | None:
    return visible_job_plans(user).filter(pk=pk).first()


def plan_activity(plan: JobPlan, pk: int) -> Activity | None:
    """One activity of a plan the user has already been allowed to read."""
    return Activity.objects.filter(job_plan=plan, pk=pk).first()


def activity_values(activity: Activity) -> dict[str, object]:
    """An activity as its form starts: the session alone when its times are the
    session's."""
    own_times = SESSION_TIMES.get(activity.session) != (activity.start, activity.end)
    return {
        "description": activity.description,
        "category": activity.category,
        "kind": activity.kind,
        "weekday": activity.weekday,
        "session": activity.session,
        "start": activity.start if own_times else None,
        "end": activity.end if own_times else None,
        "weeks": activity.weeks,
        "weeks_value": activity.weeks_value,
        "location": activity.location,
        "theatre_list": activity.theatre_list,
    }


def on_call_of(plan: JobPlan) -> OnCallCommitment | None:
    return OnCallCommitment.objects.filter(job_plan=plan).first()


def moves_open(user: AnyUser, plan: JobPlan) -> list[tuple[str, str]]:
    """The steps of sign-off this user may take now, as (move, button text)."""
    found: list[tuple[str, str]] = []
    if moves_status(user, plan):
        if plan.status == JobPlanStatus.DRAFT:
            found.append(("discuss", "Mark as discussed"))
        if plan.status == JobPlanStatus.DISCUSSED:
            found.append(("agree", "Mark as agreed"))
    if signs(user, plan) and plan.status == JobPlanStatus.AGREED:
        found.append(("sign", "Sign off"))
    if moves_status(user, plan) and plan.status != JobPlanStatus.DRAFT:
        found.append(("reopen", "Reopen as a draft"))
    return found


def own_job_plans(doctor: Doctor) -> list[JobPlan]:
    return list(_with_doctor(JobPlan.objects.filter(doctor=doctor)))


def job_plan_departments(user: AnyUser) -> list[Department]:
    """Departments whose job plans the user may list."""
    departments = viewable_department_ids(user)
    query = (
        Department.objects.all()
        if departments is None
        else Department.objects.filter(pk__in=departments)
    )
    return list(query.order_by("name"))


def visible_department(user: AnyUser, department_id: int) -> Department | None:
    departments = viewable_department_ids(user)
    if departments is not None and department_id not in departments:
        return None
    return Department.objects.filter(pk=department_id).first()


def department_job_plans(department: Department, *, status: str | None = None) -> list[JobPlan]:
    """A department's job plans, the newest year first, then by the doctor's name."""
    plans = JobPlan.objects.filter(doctor__department=department)
    if status:
        plans = plans.filter(status=status)
    return list(
        _with_doctor(plans)
        .prefetch_related("activities")
        .order_by("-year_start", "doctor__last_name", "doctor__first_name", "pk")[:500]
    )


def job_plans_listed(
    user: AnyUser, *, department_id: int | None = None, status: str | None = None
) -> list[JobPlan]:
    """The API's list: every plan the user may read, narrowed by department and status."""
    plans = visible_job_plans(user)
    if department_id is not None:
        plans = plans.filter(doctor__department_id=department_id)
    if status:
        plans = plans.filter(status=status)
    return list(
        plans.prefetch_related("activities").order_by(
            "-year_start", "doctor__last_name", "doctor__first_name", "pk"
        )[:500]
    )


def plans_to_sign(user: AnyUser) -> list[JobPlan]:
    """Agreed job plans waiting for this clinical director to sign them off."""
    departments = access.department_ids_for(user, Role.CLINICAL_DIRECTOR)
    if not departments:
        return []
    plans = JobPlan.objects.filter(
        doctor__department_id__in=departments, status=JobPlanStatus.AGREED
    )
    own = getattr(user, "doctor_id", None)
    if own:
        plans = plans.exclude(doctor_id=own)
    return list(_with_doctor(plans).order_by("doctor__last_name", "doctor__first_name", "pk"))


def current_job_plan(doctor: Doctor) -> JobPlan | None:
    """The doctor's latest job plan."""
    return JobPlan.objects.filter(doctor=doctor).order_by("-year_start").first()


def breakdown(plan: JobPlan) -> Breakdown:
    """The plan's PAs by activity and category, with its warnings."""
    return job_plan_pas(stored_input(plan))


def breakdowns(plans: list[JobPlan]) -> dict[int, Breakdown]:
    """Each plan's breakdown, in a few queries for a whole list (activities prefetched)."""
    on_calls = {o.job_plan_id: o for o in OnCallCommitment.objects.filter(job_plan__in=plans)}
    departments = {p.doctor.department_id for p in plans}
    policies = {
        p.department_id: p.minimum_spa
        for p in JobPlanPolicy.objects.filter(department_id__in=departments)
    }
    return {
        plan.pk: job_plan_pas(
            job_plan_input(
                plan,
                activities=plan.activities.all(),
                on_call=on_calls.get(plan.pk),
                minimum_spa=policies.get(plan.doctor.department_id, DEFAULT_MINIMUM_SPA),
            )
        )
        for plan in plans
    }


def history(plan: JobPlan) -> list[JobPlanEvent]:
    return list(plan.events.select_related("by").order_by("at", "pk"))


def last_event(plan: JobPlan) -> JobPlanEvent | None:
    return plan.events.select_related("by").order_by("-at", "-pk").first()


def policy_of(department: Department) -> JobPlanPolicy:
    """The department's job plan policy, unsaved with the default if it has set none."""
    found = JobPlanPolicy.objects.filter(department=department).first()
    return found or JobPlanPolicy(department=department, minimum_spa=DEFAULT_MINIMUM_SPA)


def clinical_directors(department_id: int) -> list[User]:
    """Who signs the department's job plans, told when one is agreed."""
    return list(
        User.objects.filter(
            role_assignments__role=Role.CLINICAL_DIRECTOR,
            role_assignments__department_id=department_id,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def plannable_doctors(user: AnyUser) -> QuerySet[Doctor]:
    """Consultants and SAS doctors the user may start a job plan for."""
    doctors = Doctor.objects.filter(grade__in=JOB_PLAN_GRADES)
    if access.has_role(user, Role.MEDICAL_STAFFING):
        return doctors.order_by("last_name", "first_name")
    departments = access.department_ids_for(user, *EDIT_ROLES)
    return doctors.filter(department_id__in=departments).order_by("last_name", "first_name")


def plannable_doctor(user: AnyUser, doctor_id: int) -> Doctor | None:
    own = getattr(user, "doctor_id", None) == doctor_id and user.is_authenticated
    if own:
        return Doctor.objects.filter(pk=doctor_id).first()
    return plannable_doctors(user).filter(pk=doctor_id).first()


def home_counts(user: AnyUser, department_ids: set[int]) -> dict[str, int]:
    """How many of the departments' job plans are in each status."""
    counts: dict[str, int] = {}
    for status in JobPlan.objects.filter(doctor__department_id__in=department_ids).values_list(
        "status", flat=True
    ):
        counts[status] = counts.get(status, 0) + 1
    return counts
