"""The coordinator's day at scale (issue 18): the leave decision page, with the impact
of the request, for a 100-doctor department with a 26-week published rota (goal: under
500 ms), and the gap register of a 1,000-doctor demo trust (goal: under 300 ms). Cover
candidates for one gap are measured by ``benchmarks/cover_candidates.py``.

Run: .venv/bin/python benchmarks/coordinators_day.py [--repeat 7] [--demo-doctors 1000]
         [--database-url postgres://postgres@127.0.0.1:5432/NEW_DATABASE]

Each part runs in a child process of its own over a throwaway database (a SQLite file in a
temporary folder, or the PostgreSQL database named, created and dropped), with the
development settings and ``DEBUG`` off. A page is fetched with Django's test client as a
signed-in user, once to warm up and then ``--repeat`` times; the wall time (``perf_counter``)
and this process's CPU time (with SQLite, the database's too) of each request are printed
as the median and the slowest.

1. The department of ``cover_candidates.py`` (100 doctors on 2-week lines of days, long
   days and nights, a tenth with a week of leave); one doctor asks for a week's annual
   leave in the middle of the rota, every shift of that week needs exactly the doctors it
   has (so each of theirs would fall short), and the coordinator opens the request's page
   (checks, the shifts left short, cover candidates for each, the decision form).
2. The demo trust (``rotaplan demo --seed 1 --doctors 1000``: its leave, sickness and gaps)
   with ``--gaps`` more (5,000 by default: a busy year's register) spread over every
   department's published rotas in every status, and the gap register as medical
   staffing, who see every department (its first page of 50, newest first, and the count).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--demo-doctors", type=int, default=1000)
    parser.add_argument("--gaps", type=int, default=5000, help="gaps added to the demo's")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--part", choices=("decision", "register"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        child(args)
        return
    for part in ("decision", "register"):
        command = [sys.executable, __file__, "--part", part, "--repeat", str(args.repeat)]
        command += ["--demo-doctors", str(args.demo_doctors), "--gaps", str(args.gaps)]
        if args.database_url:
            command += ["--database-url", args.database_url]
        subprocess.run(command, check=True)


def child(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/day.sqlite3"
        if url.startswith("postgres"):
            _psql(url, "CREATE")
        try:
            os.environ["DATABASE_URL"] = url
            os.environ["DEBUG"] = "false"
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rotaplan.settings")
            sys.path.insert(0, str(REPO / "src"))
            sys.path.insert(0, str(REPO / "benchmarks"))
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            (decision_page if args.part == "decision" else gap_register)(args)
        finally:
            if url.startswith("postgres"):
                from django.db import connections

                connections.close_all()
                _psql(url, "DROP")


def decision_page(args: argparse.Namespace) -> None:
    from collections import Counter

    from cover_candidates import build
    from django.test import Client

    from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
    from rotaplan.people.models import Doctor, Role, RoleAssignment, User
    from rotaplan.rotas.models import Assignment, CoverRequirement

    types, start = build(100, 26)
    department = next(iter(types.values())).department
    first = start + timedelta(weeks=13)
    doctor = Doctor.objects.filter(department=department).order_by("pk")[5]
    request = LeaveRecord.objects.create(
        doctor=doctor,
        leave_type=LeaveType.ANNUAL,
        start=first,
        end=first + timedelta(days=6),
        status=LeaveStatus.REQUESTED,
    )
    # Every shift of the leave's week needs exactly the doctors it has: each of the
    # doctor's shifts would fall short without them, and each needs its candidates.
    counts = Counter(
        Assignment.objects.filter(date__range=(request.start, request.end)).values_list(
            "shift_type_id", "date"
        )
    )
    CoverRequirement.objects.bulk_create(
        CoverRequirement(
            department=department, shift_type_id=shift_type_id, date=day, minimum=n, ideal=n
        )
        for (shift_type_id, day), n in counts.items()
    )
    theirs = Assignment.objects.filter(doctor=doctor, date__range=(request.start, request.end))
    print(f"the request would leave {theirs.count()} shifts below their minimum")
    coordinator = User.objects.create(username="bench-coordinator")
    RoleAssignment.objects.create(
        user=coordinator, role=Role.ROTA_COORDINATOR, department=department
    )
    client = Client()
    client.force_login(coordinator)
    url = f"/leave/{request.pk}/"
    size = _page(client, url)
    print(f"leave decision page {url}: {size:,} bytes")
    _report("leave decision page", lambda: _page(client, url), args.repeat)


def gap_register(args: argparse.Namespace) -> None:
    from django.db import transaction
    from django.test import Client

    from rotaplan.cover.models import Gap
    from rotaplan.demo.command import build_demo
    from rotaplan.people.models import User

    started = time.perf_counter()
    with transaction.atomic():
        build_demo(seed=1, doctors=args.demo_doctors)
    _more_gaps(args.gaps)
    print(
        f"demo trust of {args.demo_doctors:,} doctors built in "
        f"{time.perf_counter() - started:.1f} s: {Gap.objects.count():,} gaps"
    )
    client = Client()
    client.force_login(User.objects.get(username="staffing"))
    size = _page(client, "/cover/gaps/")
    print(f"gap register /cover/gaps/: {size:,} bytes")
    _report("gap register, medical staffing", lambda: _page(client, "/cover/gaps/"), args.repeat)


def _more_gaps(count: int) -> None:
    """A year's register: ``count`` gaps spread over every department's shifts in the demo
    rotas' weeks, in every status, as a busy trust's would be."""
    from itertools import cycle

    from rotaplan.cover.models import Gap, GapCause, GapStatus
    from rotaplan.engine.clock import shift_bounds
    from rotaplan.rotas.models import Rota, ShiftType

    rotas = list(Rota.objects.filter(status="published").order_by("pk"))
    types = {
        r.department_id: list(ShiftType.objects.filter(department_id=r.department_id))
        for r in rotas
    }
    statuses, causes = cycle(GapStatus.values), cycle(GapCause.values)
    gaps = []
    for n in range(count):
        rota = rotas[n % len(rotas)]
        shift_type = types[rota.department_id][n % len(types[rota.department_id])]
        day = rota.period_start + timedelta(
            days=(n * 7) % ((rota.period_end - rota.period_start).days + 1)
        )
        start, end = shift_bounds(day, shift_type.start, shift_type.end)
        gaps.append(
            Gap(
                department_id=rota.department_id,
                rota=rota,
                shift_type=shift_type,
                date=day,
                start=start,
                end=end,
                cause=next(causes),
                status=next(statuses),
                reason="Benchmark gap",
            )
        )
    Gap.objects.bulk_create(gaps, batch_size=1000)


def _page(client: object, url: str) -> int:
    response = client.get(url)  # type: ignore[attr-defined]
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return len(response.content)


def _report(what: str, call: Callable[[], object], repeat: int) -> None:
    wall, cpu = [], []
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    print(
        f"{what}: wall median {statistics.median(wall):.0f} ms, slowest {max(wall):.0f} ms; "
        f"CPU median {statistics.median(cpu):.0f} ms, slowest {max(cpu):.0f} ms "
        f"over {repeat} requests (load {os.getloadavg()[0]:.1f})"
    )


def _psql(url: str, verb: str) -> None:
    server, name = url.rsplit("/", 1)
    subprocess.run(
        ["psql", f"{server}/postgres", "-q", "-c", f'{verb} DATABASE "{name}"'], check=True
    )


if __name__ == "__main__":
    main()
