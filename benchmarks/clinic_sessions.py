"""A year of clinic sessions for 200 clinicians, generated from their templates (issue 19,
goal: under 5 s): one department of 200 consultants, each with 8 weekly clinic templates
(4 days, morning and afternoon, a tenth of them one week in 2), a tenth of the
clinicians with a week of approved leave, and ``sessions_generate`` over 52 weeks (bank
holidays skipped). Then the same again, which finds every session there (idempotent).

Run: .venv/bin/python benchmarks/clinic_sessions.py [--clinicians 200]
         [--database-url postgres://postgres@127.0.0.1:5432/NEW_DATABASE]

Runs over a throwaway database (a SQLite file in a temporary folder, or the PostgreSQL
database named, created and dropped), with the development settings and ``DEBUG`` off.
Prints the wall time (``perf_counter``) of each run and the sessions made.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinicians", type=int, default=200)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/clinics.sqlite3"
        if url.startswith("postgres"):
            _psql(url, "CREATE")
        try:
            os.environ["DATABASE_URL"] = url
            os.environ["DEBUG"] = "false"
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rotaplan.settings")
            sys.path.insert(0, str(REPO / "src"))
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            run(args)
        finally:
            if url.startswith("postgres"):
                from django.db import connections

                connections.close_all()
                _psql(url, "DROP")


def run(args: argparse.Namespace) -> None:
    from datetime import time as clock

    from rotaplan.clinics.models import ClinicSession, ClinicTemplate, TemplateSlot
    from rotaplan.clinics.services import sessions_generate
    from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
    from rotaplan.organisation.models import Department, Site, Trust
    from rotaplan.people.models import Doctor, Role, RoleAssignment, User

    trust = Trust.objects.create(name="Bench trust", ods_code="RZZ")
    site = Site.objects.create(trust=trust, name="Bench hospital", ods_code="RZZ01")
    department = Department.objects.create(
        trust=trust, site=site, name="Medicine", code="medicine", treatment_function_code="300"
    )
    start = date(2027, 4, 5)
    doctors = Doctor.objects.bulk_create(
        Doctor(
            first_name="Clin",
            last_name=f"Ician {n}",
            gmc_number=f"{6000000 + n:07d}",
            grade="CONS",
            contract="consultant2003",
            department=department,
            post_start=date(2020, 1, 1),
        )
        for n in range(args.clinicians)
    )
    templates = ClinicTemplate.objects.bulk_create(
        ClinicTemplate(
            department=department,
            clinician=doctor,
            name=f"Clinic {n}",
            weekday=n // 2,
            start=clock(9) if n % 2 == 0 else clock(13, 30),
            end=clock(13) if n % 2 == 0 else clock(17, 30),
            every_weeks=2 if (i + n) % 10 == 0 else 1,
            valid_from=start,
        )
        for i, doctor in enumerate(doctors)
        for n in range(8)
    )
    TemplateSlot.objects.bulk_create(
        slot
        for t in templates
        for slot in (
            TemplateSlot(template=t, position=0, slot_type="new", minutes=30, count=3),
            TemplateSlot(template=t, position=1, slot_type="follow_up", minutes=20, count=7),
        )
    )
    LeaveRecord.objects.bulk_create(
        LeaveRecord(
            doctor=doctor,
            leave_type=LeaveType.ANNUAL,
            start=start + timedelta(weeks=10 + n % 30),
            end=start + timedelta(weeks=10 + n % 30, days=4),
            status=LeaveStatus.APPROVED,
        )
        for n, doctor in enumerate(doctors)
        if n % 10 == 0
    )
    coordinator = User.objects.create(username="bench-coordinator")
    RoleAssignment.objects.create(
        user=coordinator, role=Role.ROTA_COORDINATOR, department=department
    )
    end = start + timedelta(weeks=52) - timedelta(days=1)
    print(f"{args.clinicians} clinicians, {len(templates)} templates, {start} to {end}")
    for label in ("first generation", "again (every session there)"):
        began = time.perf_counter()
        made = sessions_generate(actor=coordinator, department=department, start=start, end=end)
        took = time.perf_counter() - began
        print(f"{label}: {took:.2f} s; {made.words[:120]}")
    print(f"sessions in the database: {ClinicSession.objects.count():,}")


def _psql(url: str, verb: str) -> None:
    server, name = url.rsplit("/", 1)
    subprocess.run(
        ["psql", f"{server}/postgres", "-q", "-c", f'{verb} DATABASE "{name}"'], check=True
    )


if __name__ == "__main__":
    main()
