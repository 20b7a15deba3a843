"""What the busiest pages cost the server in CPU: the rota grid (four weeks), the rota's
compliance page, the doctors page and ``GET /api/doctors``, as the demo trust's acute
medicine coordinator sees them.

Run: .venv/bin/python benchmarks/page_profile.py [--src PATH [--src PATH]] [--requests 30]
     [--profile PAGE] [--database-url URL ...]

Each ``--src`` (a checkout's ``src`` folder; by default this one's) gets a child Python
process of its own that builds the demo trust (``build_demo``, seed 1, 120 doctors) in a
fresh database (a SQLite file in a temporary folder, or the empty PostgreSQL database given
by the matching ``--database-url``), signs in as ``coordinator`` with Django's test client
and requests each page a few times to warm up. The parent then asks each child in turn for
one page ``--requests`` times, page by page and round by round, so that the code before a
change and after it are measured side by side under the same load on the machine.

Settings are the development ones with ``DEBUG=false`` (as production: templates are not
re-read, queries are not logged); production's HTTPS redirect and hashed static files play
no part in a page's own cost. Each request's CPU time is this process's
``time.process_time()`` around ``Client.get``: the whole Django stack, and with SQLite the
database too (with PostgreSQL, the server's own work is not counted). Queries are counted
in one more request, apart from the timed ones.

``--profile PAGE`` (grid, compliance, doctors, api-doctors) prints, for each child, the
top cProfile entries of ``--requests`` requests of that page instead of the table.

This script runs outside the ``rotaplan`` package, like the other benchmarks: the import
contracts (``pyproject.toml``) are about the package, and the children import Django and
the apps as the site does.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("grid", "compliance", "doctors", "api-doctors")

# Run in each child: build the trust, sign in, then answer the parent's requests.
CHILD = r"""
import cProfile, io, json, os, pstats, statistics, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "rotaplan.settings"
import django
django.setup()
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)  # nothing to do unless a cache is a table
from rotaplan.demo.command import COORDINATOR_USERNAME, build_demo
from rotaplan.people.models import User
from rotaplan.rotas.models import Rota

with transaction.atomic():
    build_demo(seed=1, doctors=120)
user = User.objects.get(username=COORDINATOR_USERNAME)
rota = max(
    Rota.objects.filter(department__code="acute-medicine"),
    key=lambda r: r.assignments.count(),
)
URLS = {
    "grid": f"/rotas/{rota.pk}/?from={rota.period_start.isoformat()}&weeks=4",
    "compliance": f"/rotas/{rota.pk}/compliance/",
    "doctors": "/doctors/",
    "api-doctors": "/api/doctors",
}
client = Client()
client.force_login(user)

def get(page):
    response = client.get(URLS[page])
    if response.status_code != 200:
        raise SystemExit(f"{URLS[page]} answered {response.status_code}")
    return response

for page in URLS:
    for _ in range(3):
        get(page)
print(json.dumps({"ready": URLS}), flush=True)

for line in sys.stdin:
    order = json.loads(line)
    page, count = order["page"], order["requests"]
    if order.get("profile"):
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(count):
            get(page)
        profile.disable()
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats(order["profile"]).print_stats(order["top"])
        print(json.dumps({"profile": text.getvalue()}), flush=True)
        continue
    cpu = []
    for _ in range(count):
        started = time.process_time()
        get(page)
        cpu.append((time.process_time() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        size = len(get(page).content)
    print(json.dumps({"cpu_ms": cpu, "queries": len(queries), "bytes": size}), flush=True)
"""


class Child:
    """One checkout's ``src``, with the demo trust built and a coordinator signed in."""

    def __init__(self, src: Path, folder: Path, database_url: str | None, debug: bool) -> None:
        self.src = src
        env = {**os.environ, "PYTHONPATH": str(src), "DEBUG": str(debug).lower()}
        env.pop("ROTAPLAN_ENV", None)
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD],
            cwd=folder,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.urls = self.read()["ready"]

    def read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the child for {self.src} stopped (exit {self.process.wait()})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def ask(self, **order: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(order) + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", action="append", type=Path, help="a checkout's src folder")
    parser.add_argument("--requests", type=int, default=30, help="requests of a page per round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds over every page")
    parser.add_argument("--profile", choices=PAGES, help="profile this page instead")
    parser.add_argument("--sort", default="cumulative", help="cProfile order (tottime...)")
    parser.add_argument("--top", type=int, default=30, help="cProfile entries to print")
    parser.add_argument("--debug", action="store_true", help="DEBUG on, as `make run` has it")
    parser.add_argument(
        "--database-url", action="append", default=[], help="an empty database per --src"
    )
    args = parser.parse_args()
    sources = [path.resolve() for path in (args.src or [ROOT / "src"])]
    if args.database_url and len(args.database_url) != len(sources):
        parser.error("give one --database-url per --src")

    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as temporary:
        children = []
        for n, src in enumerate(sources):
            folder = Path(temporary) / str(n)
            folder.mkdir()
            url = args.database_url[n] if args.database_url else None
            print(f"building the demo trust for {src} ...", flush=True)
            children.append(Child(src, folder, url, args.debug))
        try:
            if args.profile:
                for child in children:
                    answer = child.ask(
                        page=args.profile, requests=args.requests, profile=args.sort, top=args.top
                    )
                    print(f"\n== {child.src}: {args.requests} x {child.urls[args.profile]}")
                    print(answer["profile"])
                return
            results: dict[tuple[int, str], dict[str, Any]] = {}
            for _ in range(args.rounds):
                for page in PAGES:
                    for n, child in enumerate(children):
                        answer = child.ask(page=page, requests=args.requests)
                        kept = results.setdefault((n, page), {"cpu_ms": []})
                        kept["cpu_ms"] += answer["cpu_ms"]
                        kept["queries"], kept["bytes"] = answer["queries"], answer["bytes"]
        finally:
            for child in children:
                child.close()

    print(f"\nCPU ms per request ({args.rounds} rounds x {args.requests} requests), queries, KB")
    for page in PAGES:
        cells = []
        for n in range(len(children)):
            kept = results[(n, page)]
            cpu = kept["cpu_ms"]
            cells.append(
                f"median {statistics.median(cpu):6.1f} p95 {p95(cpu):6.1f} "
                f"q {kept['queries']:3d} {kept['bytes'] / 1024:5.0f} KB"
            )
        print(f"{page:12s} " + "  |  ".join(cells))
    for n, child in enumerate(children):
        print(f"[{n}] {child.src}")


if __name__ == "__main__":
    main()
