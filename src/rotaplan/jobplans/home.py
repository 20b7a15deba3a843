"""The job plans' part of the home page: a doctor's own job plan (its status and PAs);
for a clinical director, the job plans agreed and waiting for them to sign off; for
service managers, rota coordinators and the trust-wide roles, their departments' job
plans."""

from __future__ import annotations

from django.urls import reverse

from rotaplan.engine.jobplan.pas import job_plan_pas, pas_text
from rotaplan.people import access
from rotaplan.people.models import Role, User
from rotaplan.web.home import HomeLink, HomeSection, staffing_section

from . import selectors
from .engine_input import stored_input
from .models import JobPlanStatus


def sections(user: User) -> list[HomeSection]:
    roles = access.roles_of(user)
    parts: list[HomeSection] = []
    if Role.DOCTOR in roles and user.doctor is not None:
        plan = selectors.current_job_plan(user.doctor)
        if plan is not None:
            total = pas_text(job_plan_pas(stored_input(plan)).total)
            parts.append(
                HomeSection(
                    Role.DOCTOR,
                    links=[
                        HomeLink(
                            "Your job plan",
                            reverse("jobplans:mine"),
                            f"{plan.get_status_display()}, {total} PAs a week",
                        )
                    ],
                )
            )
    if Role.CLINICAL_DIRECTOR in roles:
        waiting = selectors.plans_to_sign(user)
        parts.append(
            HomeSection(
                Role.CLINICAL_DIRECTOR,
                links=[
                    HomeLink(
                        f"Job plans to sign: {len(waiting)}",
                        _department_link(user, Role.CLINICAL_DIRECTOR, JobPlanStatus.AGREED),
                        "Agreed job plans waiting for you to sign them off",
                    ),
                    _delivery_link(),
                ],
            )
        )
    if Role.SERVICE_MANAGER in roles and Role.ROTA_COORDINATOR not in roles:
        parts.append(
            HomeSection(
                Role.SERVICE_MANAGER,
                links=[_plans_link(user, Role.SERVICE_MANAGER), _delivery_link()],
            )
        )
    role = staffing_section(roles)
    if role is not None:
        parts.append(HomeSection(role, links=[_plans_link(user, role)]))
    return parts


def _department_link(user: User, role: str, status: str = "") -> str:
    """The department's job plans when the user holds ``role`` for one; else the list of
    departments."""
    departments = access.department_ids_for(user, role)
    if len(departments) == 1 and not access.is_trust_wide(user):
        link = reverse("jobplans:department", args=[next(iter(departments))])
        return link + (f"?status={status}" if status else "")
    return reverse("jobplans:departments")


def _plans_link(user: User, role: str) -> HomeLink:
    return HomeLink(
        "Job plans",
        _department_link(user, role),
        "Consultants' and SAS doctors' PAs, warnings and sign-off",
    )


def _delivery_link() -> HomeLink:
    return HomeLink(
        "Planned against delivered",
        reverse("jobplans:delivery"),
        "Job-planned PAs against clinics run, on-call worked and SPA honoured",
    )
