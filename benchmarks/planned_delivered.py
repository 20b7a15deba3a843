"""The planned-against-delivered report for a 60-consultant department over a year
(issue 19: under 1 s).

Run: .venv/bin/python benchmarks/planned_delivered.py [--consultants 60] [--weeks 52]
         [--repeat 5] [--database-url postgres://postgres@127.0.0.1:5432/NEW_DATABASE]

It builds the department in a throwaway database (by default a SQLite file in a temporary
folder; a PostgreSQL database named in ``--database-url`` is created and dropped), runs the
migrations, and gives every consultant a signed job plan of about 10 PAs (two clinics
with their templates, a ward round, a theatre list, SPA, admin, on-call 1 in 6), a year of
clinic sessions (a tenth cancelled, a tenth reduced, some backfilled by a colleague), a
published rota of on-call shifts and some day shifts over SPA time, and six weeks of
leave each. Then it times ``department_delivery`` for the year, ``--repeat`` times (the
first call timed apart: it warms Django's caches), and prints the median and slowest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consultants", type=int, default=60)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/delivery.sqlite3"
        if url.startswith("postgres"):
            _psql(url, "CREATE")
        try:
            os.environ["DATABASE_URL"] = url
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rotaplan.settings")
            sys.path.insert(0, str(REPO / "src"))
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            run(args.consultants, args.weeks, args.repeat)
        finally:
            if url.startswith("postgres"):
                from django.db import connections

                connections.close_all()
                _psql(url, "DROP")


def _psql(url: str, verb: str) -> None:
    server, name = url.rsplit("/", 1)
    subprocess.run(
        ["psql", f"{server}/postgres", "-q", "-c", f'{verb} DATABASE "{name}"'], check=True
    )


def _timed(call) -> float:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    call()
    return (time.perf_counter() - began) * 1000


def build(consultants: int, weeks: int):  # type: ignore[no-untyped-def]
    from datetime import time as clock

    from rotaplan.clinics.models import ClinicSession, ClinicTemplate, SessionStatus
    from rotaplan.engine.clock import local_datetime, shift_bounds
    from rotaplan.jobplans.models import (
        Activity,
        ActivityKind,
        Category,
        JobPlan,
        JobPlanStatus,
        OnCallCommitment,
    )
    from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
    from rotaplan.organisation.models import Department, Site, Trust
    from rotaplan.people.grades import Contract, Grade
    from rotaplan.people.models import Doctor
    from rotaplan.rotas.models import Assignment, Rota, RotaStatus, ShiftKind, ShiftType

    today = date.today()
    end = today - timedelta(days=today.weekday() + 1)  # the Sunday just gone
    start = end - timedelta(weeks=weeks) + timedelta(days=1)
    trust = Trust.objects.create(name="Benchmark trust", ods_code="RXX")
    site = Site.objects.create(trust=trust, name="Main site", ods_code="RXX01")
    department = Department.objects.create(trust=trust, site=site, name="Medicine", code="medicine")
    doctors = Doctor.objects.bulk_create(
        Doctor(
            first_name=f"Consultant{i}",
            last_name=f"Number{i}",
            gmc_number=f"{7100000 + i:07d}",
            grade=Grade.CONSULTANT,
            contract=Contract.CONSULTANT_2003,
            wte=Decimal("1.00"),
            department=department,
            post_start=start - timedelta(days=400),
        )
        for i in range(consultants)
    )
    plans = JobPlan.objects.bulk_create(
        JobPlan(doctor=d, year_start=start - timedelta(days=30), status=JobPlanStatus.SIGNED)
        for d in doctors
    )
    activities = []
    for i, plan in enumerate(plans):
        a, b = i % 5, (i + 2) % 5
        activities += [
            Activity(
                job_plan=plan,
                category=Category.DCC,
                kind=ActivityKind.CLINIC,
                description="Clinic A",
                weekday=a,
                start=clock(9),
                end=clock(13),
            ),
            Activity(
                job_plan=plan,
                category=Category.DCC,
                kind=ActivityKind.CLINIC,
                description="Clinic B",
                weekday=b,
                start=clock(13),
                end=clock(17),
            ),
            Activity(
                job_plan=plan,
                category=Category.DCC,
                kind=ActivityKind.WARD_ROUND,
                description="Ward round",
                weekday=(a + 1) % 5,
                start=clock(9),
                end=clock(13),
            ),
            Activity(
                job_plan=plan,
                category=Category.DCC,
                kind=ActivityKind.THEATRE,
                description="Endoscopy list",
                weekday=(a + 3) % 5,
                start=clock(9),
                end=clock(13),
                weeks="one_in",
                weeks_value=2,
            ),
            Activity(
                job_plan=plan,
                category=Category.DCC,
                kind=ActivityKind.PATIENT_ADMIN,
                description="Patient admin",
                weekday=(a + 4) % 5,
                start=clock(13),
                end=clock(17),
            ),
            Activity(
                job_plan=plan,
                category=Category.SPA,
                kind=ActivityKind.SPA,
                description="SPA",
                weekday=(a + 2) % 5,
                start=clock(9),
                end=clock(15),
            ),
        ]
    activities = Activity.objects.bulk_create(activities)
    OnCallCommitment.objects.bulk_create(
        OnCallCommitment(
            job_plan=p,
            one_in=6,
            category="A",
            predictable_hours=Decimal("3"),
            unpredictable_hours=Decimal("1.5"),
        )
        for p in plans
    )
    clinics = [a for a in activities if a.kind == ActivityKind.CLINIC]
    templates = ClinicTemplate.objects.bulk_create(
        ClinicTemplate(
            department=department,
            clinician_id=a.job_plan.doctor_id,
            activity=a,
            name=f"{a.description} {a.job_plan.doctor_id}",
            weekday=a.weekday,
            start=a.start,
            end=a.end,
            valid_from=start - timedelta(days=30),
        )
        for a in clinics
    )
    sessions = []
    for n, template in enumerate(templates):
        day = start + timedelta(days=(template.weekday - start.weekday()) % 7)
        week = 0
        while day <= end:
            status, kept, clinician = SessionStatus.PLANNED, 12, template.clinician_id
            roll = (n * 7 + week) % 20
            if roll in (0, 1):
                status, kept = SessionStatus.CANCELLED, 0
            elif roll in (2, 3):
                status, kept = SessionStatus.REDUCED, 6
            elif roll == 4:
                status = SessionStatus.BACKFILLED
                clinician = doctors[(n + 1) % consultants].pk
            sessions.append(
                ClinicSession(
                    template=template,
                    date=day,
                    start=local_datetime(day, template.start),
                    end=local_datetime(day, template.end),
                    clinician_id=clinician,
                    status=status,
                    slots_planned=12,
                    slots_kept=kept,
                )
            )
            day += timedelta(weeks=1)
            week += 1
    ClinicSession.objects.bulk_create(sessions, batch_size=2000)
    on_call = ShiftType.objects.create(
        department=department,
        code="OC",
        name="On call",
        start=clock(17),
        end=clock(9),
        kind=ShiftKind.ON_CALL,
    )
    day_shift = ShiftType.objects.create(
        department=department, code="D", name="Day", start=clock(8), end=clock(18)
    )
    rota = Rota.objects.create(
        department=department,
        name="Consultants",
        period_start=start,
        period_end=end,
        status=RotaStatus.PUBLISHED,
    )
    shifts = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        doctor = doctors[(offset // 7) % consultants]
        s, e = shift_bounds(day, on_call.start, on_call.end)
        shifts.append(
            Assignment(rota=rota, doctor=doctor, shift_type=on_call, date=day, start=s, end=e)
        )
        if day.weekday() < 5 and offset % 3 == 0:
            other = doctors[(offset * 7) % consultants]
            s, e = shift_bounds(day, day_shift.start, day_shift.end)
            shifts.append(
                Assignment(rota=rota, doctor=other, shift_type=day_shift, date=day, start=s, end=e)
            )
    Assignment.objects.bulk_create(shifts, batch_size=2000)
    leave = []
    for i, d in enumerate(doctors):
        for block in range(3):
            first = start + timedelta(weeks=(i + block * 17) % max(weeks - 2, 1))
            first -= timedelta(days=first.weekday())
            leave.append(
                LeaveRecord(
                    doctor=d,
                    leave_type=LeaveType.ANNUAL,
                    start=first,
                    end=first + timedelta(days=13),
                    status=LeaveStatus.APPROVED,
                )
            )
    LeaveRecord.objects.bulk_create(leave)
    return department, len(sessions), len(shifts)


def run(consultants: int, weeks: int, repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rotaplan.jobplans.delivery.selectors import department_delivery, last_weeks

    department, sessions, shifts = build(consultants, weeks)
    period = last_weeks(date.today(), weeks)
    first = _timed(lambda: department_delivery(department, period))
    times = [_timed(lambda: department_delivery(department, period)) for _ in range(repeat)]
    with CaptureQueriesContext(connection) as seen:
        report = department_delivery(department, period)
    alerts = len(report.alerts)
    print(
        f"{consultants} consultants, {weeks} weeks, {sessions:,} clinic sessions, "
        f"{shifts:,} rota shifts, {connection.vendor}"
    )
    print(
        f"department_delivery: first call {first:.0f} ms, then median "
        f"{statistics.median(times):.0f} ms, slowest {max(times):.0f} ms over {repeat} calls; "
        f"{len(seen)} queries, {alerts} alerts"
    )


if __name__ == "__main__":
    main()
