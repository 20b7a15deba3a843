"""``rotaplan demo``: build the demo trust in an empty database, all or nothing.

No audit trail is written for the demo. django-auditlog records changes through model
signals, and the demo inserts with ``bulk_create`` (a thousand doctors bring a hundred
thousand shifts), which sends none; nor is an actor set, because no person made these
rows. A fresh demo database therefore starts with an empty audit log, and everything in
it afterwards was done by someone who signed in (see docs/adr/0005).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.db import transaction

from rotaplan.leave.models import LeaveRecord
from rotaplan.notifications.services import kept_unsent
from rotaplan.organisation.models import Trust
from rotaplan.people.models import User
from rotaplan.rotas.models import Assignment

from .clinics import create_clinics
from .cover import create_cover, create_local_rules, create_requests
from .doctors import create_doctors, draw_doctors
from .gaps import create_gaps
from .jobplans import create_job_plans, demo_consultant, signed_by
from .leave import approved_days, create_leave, create_leave_for_coordinators
from .locums import create_claims, create_locums
from .repairs import create_repair
from .rotas import create_rotas
from .selfservice import create_swaps
from .staffing import MIN_DOCTORS
from .trust import ACUTE_MEDICINE, create_organisation
from .users import (
    CONSULTANT_USERNAME,
    DEMO_PASSWORD,
    DOCTOR_USERNAME,
    USERNAMES,
    create_users,
)

COORDINATOR_USERNAME = "coordinator"  # acute medicine's, who enters colleagues' requests
MANAGER_USERNAME = "manager"  # acute medicine's service manager, who approves short notice
DIRECTOR_USERNAME = "director"  # acute medicine's clinical director, who signs job plans

# Where `make run` serves by default; `make run HOST=... PORT=...` passes its own address.
SIGN_IN_URL = "http://127.0.0.1:8000"


class Echo(Protocol):
    def __call__(self, message: str, *, err: bool = ...) -> object: ...


@dataclass(frozen=True)
class DemoSummary:
    trust: str
    sites: int
    departments: int
    doctors: int
    rotas: int
    assignments: int
    leave_records: int
    doctor_user: str
    consultant_user: str
    users_left_alone: tuple[str, ...]

    def lines(self, sign_in_url: str = SIGN_IN_URL) -> list[str]:
        others = ", ".join(u for u in USERNAMES if u != "coordinator")
        lines = [
            f"Created {self.trust}: {self.sites} sites, {self.departments} departments, "
            f"{self.doctors:,} doctors, {self.rotas} published rotas, "
            f"{self.assignments:,} assignments and {self.leave_records:,} leave records.",
        ]
        if self.users_left_alone:
            lines.append(
                "These users already existed and were left as they were: "
                + ", ".join(self.users_left_alone)
                + "."
            )
        lines.append(
            f"Open {sign_in_url} and sign in as coordinator / {DEMO_PASSWORD} (also: {others})"
        )
        if DOCTOR_USERNAME not in self.users_left_alone:
            lines.append(
                f"The {DOCTOR_USERNAME} user is {self.doctor_user}, on the acute medicine rota."
            )
        if CONSULTANT_USERNAME not in self.users_left_alone:
            lines.append(
                f"The {CONSULTANT_USERNAME} user is {self.consultant_user}, an acute medicine "
                "consultant with a job plan, clinics and on-call."
            )
        return lines


def build_demo(*, seed: int, doctors: int) -> DemoSummary:
    """Every demo row, in dependency order. Leave comes before the rotas because nobody
    is rostered on a day of approved leave. The notifications the services make along
    the way are kept for the inboxes, never sent."""
    with kept_unsent():
        return _build(seed, doctors)


def _build(seed: int, doctors: int) -> DemoSummary:
    trust, sites, departments = create_organisation()
    staff = create_doctors(draw_doctors(seed, doctors), departments)
    leave = create_leave(staff, seed)
    rotas = create_rotas(list(departments.values()), staff, approved_days(leave), seed)
    juniors = rotas.juniors[ACUTE_MEDICINE]
    doctor = next((d for d in juniors if d.wte == 1), juniors[0])
    plans = create_job_plans(list(departments.values()), staff, seed)
    consultant = demo_consultant(plans, departments[ACUTE_MEDICINE])
    taken = create_users(departments, doctor, consultant)
    signed_by(User.objects.filter(username=DIRECTOR_USERNAME).first())
    create_cover([departments[code] for code in rotas.juniors])
    create_local_rules(juniors, departments[ACUTE_MEDICINE])
    coordinator = User.objects.filter(username=COORDINATOR_USERNAME).first()
    manager = User.objects.filter(username=MANAGER_USERNAME).first()
    create_clinics(plans, list(departments.values()), coordinator, manager, seed, consultant)
    create_requests(juniors, doctor, coordinator)
    create_leave_for_coordinators(departments[ACUTE_MEDICINE], juniors, doctor, seed)
    create_gaps(departments[ACUTE_MEDICINE], juniors, doctor, coordinator)
    staffing = User.objects.filter(username="staffing").first()
    create_locums(departments, departments[ACUTE_MEDICINE], coordinator, staffing)
    create_repair(departments[ACUTE_MEDICINE], coordinator)
    create_claims(juniors, doctor, coordinator)
    create_swaps(juniors, doctor, coordinator)
    return DemoSummary(
        trust=trust.name,
        sites=len(sites),
        departments=len(departments),
        doctors=len(staff),
        rotas=len(rotas.rotas),
        # Counted now: sickness and cover (``create_gaps``) change the published rotas.
        assignments=Assignment.objects.count(),
        leave_records=LeaveRecord.objects.count(),
        doctor_user=f"Dr {doctor.first_name} {doctor.last_name} ({doctor.get_grade_display()})",
        consultant_user=str(consultant),
        users_left_alone=tuple(taken),
    )


def run_demo(
    *, seed: int, doctors: int, if_empty: bool, echo: Echo, sign_in_url: str = SIGN_IN_URL
) -> int:
    """Build the demo trust and say how to sign in at ``sign_in_url``, the address the
    server is about to listen on; the exit code for the command line."""
    if doctors < MIN_DOCTORS:
        echo(f"Error: --doctors must be at least {MIN_DOCTORS}; got {doctors}.", err=True)
        return 1
    with transaction.atomic():
        if Trust.objects.exists():
            if if_empty:
                echo("The database already holds a trust; leaving it as it is.")
                echo(
                    f"Open {sign_in_url} and sign in with your own account, or as a demo "
                    f"user ({', '.join(USERNAMES)}) with password {DEMO_PASSWORD} if this "
                    "database was made by `rotaplan demo`."
                )
                return 0
            echo(
                "Error: the database already holds a trust, and the demo only loads into an "
                "empty database. Use --if-empty to succeed without loading it.",
                err=True,
            )
            return 1
        summary = build_demo(seed=seed, doctors=doctors)
    for line in summary.lines(sign_in_url):
        echo(line)
    return 0
