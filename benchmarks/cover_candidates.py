"""Cover candidates for one gap in a 100-doctor department with a 26-week published rota
(issue 18: under 200 ms).

Run: .venv/bin/python benchmarks/cover_candidates.py [--doctors 100] [--weeks 26]
         [--repeat 7] [--database-url postgres://postgres@127.0.0.1:5432/NEW_DATABASE]

It builds the department in a throwaway database (by default a SQLite file in a temporary
folder; a PostgreSQL database named in ``--database-url`` is created and dropped), runs the
migrations, and puts every doctor on a published rota of 2-week lines (two days, two long
days, three nights), each doctor starting on a different day, so on any day some work,
some are resting after nights and some are free; a tenth of them have a week of leave
and a few have filled gaps already. Then it asks ``cover_candidates`` for a night and for
a day in the middle of the rota, ``--repeat`` times each (the first call is also timed
apart: it warms Django's caches), and prints the median and the slowest.
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
LINE = ["D", "D", "LD", "LD", "", "", "", "N", "N", "N", "", "", "", ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doctors", type=int, default=100)
    parser.add_argument("--weeks", type=int, default=26)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/cover.sqlite3"
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
            run(args.doctors, args.weeks, args.repeat)
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


def run(doctors: int, weeks: int, repeat: int) -> None:
    from rotaplan.cover.candidates import cover_candidates

    types, start = build(doctors, weeks)
    middle = start + timedelta(weeks=weeks // 2, days=2)
    for code in ("N", "D"):
        first = _timed(lambda code=code: cover_candidates(shift_type=types[code], day=middle))
        times = [
            _timed(lambda code=code: cover_candidates(shift_type=types[code], day=middle))
            for _ in range(repeat)
        ]
        found = cover_candidates(shift_type=types[code], day=middle)
        print(
            f"{types[code].name} on {middle}: {len(found)} candidates; first call "
            f"{first * 1000:.0f} ms, then median {statistics.median(times) * 1000:.0f} ms, "
            f"slowest {max(times) * 1000:.0f} ms over {repeat} calls"
        )


def build(doctors: int, weeks: int) -> tuple[dict, date]:
    """The department, its published rota and leave; returns its shift types by code and
    the rota's first day."""
    from datetime import time as clock

    from rotaplan.cover.models import Gap, GapCause, GapStatus
    from rotaplan.engine.clock import shift_bounds
    from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
    from rotaplan.organisation.models import Department, Site, Trust
    from rotaplan.people.grades import Contract, Grade
    from rotaplan.people.models import Doctor
    from rotaplan.rotas.models import Assignment, Rota, RotaStatus, ShiftType

    trust = Trust.objects.create(name="Benchmark Trust", ods_code="RBM")
    site = Site.objects.create(trust=trust, name="Benchmark Hospital", ods_code="RBM01")
    department = Department.objects.create(
        trust=trust, site=site, name="Acute medicine", code="acute", treatment_function_code="300"
    )
    start = date(2026, 8, 3)
    end = start + timedelta(weeks=weeks) - timedelta(days=1)
    types = {
        code: ShiftType.objects.create(
            department=department, code=code, name=name, start=clock(*s), end=clock(*e)
        )
        for code, name, s, e in (
            ("D", "Day", (8,), (16,)),
            ("LD", "Long day", (8, 30), (21,)),
            ("N", "Night", (20,), (8, 30)),
        )
    }
    staff = Doctor.objects.bulk_create(
        Doctor(
            first_name=f"Doctor{i}",
            last_name=f"Number{i:03d}",
            gmc_number=f"{7100000 + i:07d}",
            grade=Grade.ST3 if i % 3 else Grade.CT1,
            contract=Contract.TCS_2016,
            wte=Decimal("0.8") if i % 7 == 0 else Decimal("1.0"),
            department=department,
            post_start=start,
            post_end=end + timedelta(days=180),
        )
        for i in range(doctors)
    )
    rota = Rota.objects.create(
        department=department,
        name="Benchmark rota",
        period_start=start,
        period_end=end,
        status=RotaStatus.PUBLISHED,
    )
    away: dict[int, tuple[date, date]] = {}
    for i, doctor in enumerate(staff):
        if i % 10 == 0:
            first = start + timedelta(days=7 * (i % weeks))
            away[doctor.pk] = (first, first + timedelta(days=6))
    LeaveRecord.objects.bulk_create(
        LeaveRecord(
            doctor_id=pk, leave_type=LeaveType.ANNUAL, start=a, end=b, status=LeaveStatus.APPROVED
        )
        for pk, (a, b) in away.items()
    )
    rows = []
    for i, doctor in enumerate(staff):
        leave = away.get(doctor.pk)
        for offset in range((end - start).days + 1):
            day = start + timedelta(days=offset)
            code = LINE[(offset + i) % len(LINE)]
            if not code or (leave and leave[0] <= day <= leave[1]):
                continue
            shift_type = types[code]
            s, e = shift_bounds(day, shift_type.start, shift_type.end)
            rows.append(
                Assignment(
                    rota=rota, doctor=doctor, shift_type=shift_type, date=day, start=s, end=e
                )
            )
    Assignment.objects.bulk_create(rows, batch_size=2000)
    for i, doctor in enumerate(staff[:20]):
        day = start + timedelta(days=3 + i)
        s, e = shift_bounds(day, types["D"].start, types["D"].end)
        Gap.objects.create(
            department=department,
            rota=rota,
            shift_type=types["D"],
            date=day,
            start=s,
            end=e,
            cause=GapCause.SICKNESS,
            status=GapStatus.FILLED_INTERNALLY,
            filled_by=doctor,
        )
    print(
        f"{doctors} doctors, {weeks}-week published rota, {len(rows):,} shifts, "
        f"{len(away)} weeks of leave"
    )
    return types, start


def _timed(call: object) -> float:
    started = time.perf_counter()
    call()  # type: ignore[operator]
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
