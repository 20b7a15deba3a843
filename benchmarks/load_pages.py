"""Many signed-in users at once on the four busiest pages, against gunicorn with the
production settings on PostgreSQL (issue 16: p95 under 1 s and no error with 50 users).

Run: .venv/bin/python benchmarks/load_pages.py [--users 50] [--duration 60] [--workers N]
         [--database-url postgres://postgres@127.0.0.1:5432/NAME]

By default it serves the app itself, as ``make serve`` does, and takes it all down again on
exit, Ctrl-C or error: it creates the PostgreSQL database NAME (it must not exist; by
default ``rotaplan_load_<pid>`` on 127.0.0.1:5432 as user postgres), migrates it, loads the
demo trust (``rotaplan demo --seed 1 --doctors 120``), adds ``--accounts`` sign-in accounts
(``benchmarks/load_accounts.py``), collects the static files into a temporary folder and
starts gunicorn with ``ROTAPLAN_ENV=production`` and ``--config
python:rotaplan.gunicorn_conf``, ``WEB_CONCURRENCY`` workers, on a free port. Then every
simulated user signs in through the sign-in form (CSRF token and cookie, as a browser) and,
for the warm-up and then ``--duration`` seconds, asks for one page after another, each
user starting at a different page of the four:

    the acute medicine junior rota's grid      /rotas/<id>/
    its compliance page                        /rotas/<id>/compliance/
    the doctors page                           /doctors/
    the API's doctors list                     /api/doctors

A user waits for each answer (and ``--think`` seconds) before the next request, so with no
think time there are always ``--users`` requests in flight. Only the HTML or JSON is
fetched, not the static files a browser would then load. Every request has a ``--timeout``;
any answer but 200, a timeout or a broken connection is an error. It prints p50, p95 and
the slowest answer per page and overall, the requests per second and the errors.

With ``--base-url https://rotaplan.example.nhs.uk --rota ID --username NAME`` it runs the
same load against a server already running (nothing is created or stopped); the password
of the ``--username`` accounts is read from ``ROTAPLAN_LOAD_PASSWORD``.

This script talks HTTP and runs commands; it imports nothing of Django or of the apps.
The accounts are made by ``load_accounts.py`` in a child process, under the server's own
settings.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import json
import math
import os
import platform
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from types import FrameType
from urllib.parse import urlencode, urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"

# What `make serve` runs (tests/production/commands.py; a unit test checks they agree).
MIGRATE = ("python", "manage.py", "migrate", "--noinput")
COLLECTSTATIC = ("python", "manage.py", "collectstatic", "--noinput")
SERVE = ("gunicorn", "--config", "python:rotaplan.gunicorn_conf", "rotaplan.wsgi")
# Variables of the caller's shell that would change the server it starts.
NOT_INHERITED = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DATABASE_URL",
    "STATIC_ROOT",
    "HOST",
    "PORT",
    "WEB_CONCURRENCY",
    "GUNICORN_CMD_ARGS",
}
PAGES = ("rota grid", "compliance", "doctors", "API doctors")
SIGN_IN = "/sign-in/"


def say(message: str) -> None:
    """Progress, on stderr: stdout holds only the result."""
    print(message, file=sys.stderr, flush=True)


def page_paths(rota: int) -> dict[str, str]:
    return {
        "rota grid": f"/rotas/{rota}/",
        "compliance": f"/rotas/{rota}/compliance/",
        "doctors": "/doctors/",
        "API doctors": "/api/doctors",
    }


# ---- the figures ---------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One request: which page, when it started (seconds from the start of the measured
    window), how long it took, its status code (0 for a timeout or broken connection) and
    the length of its body."""

    page: str
    started: float
    seconds: float
    status: int
    problem: str = ""
    size: int = 0  # bytes of the body

    @property
    def error(self) -> bool:
        return self.status != 200 or bool(self.problem)


def percentile(values: Sequence[float], percent: float) -> float:
    """The nearest-rank percentile: the smallest value with at least ``percent`` % of the
    values at or below it. NaN when there are none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Row:
    name: str
    requests: int
    errors: int
    p50: float
    p95: float
    slowest: float
    kilobytes: float  # the body's mean length, to see that a page is the page


def summarise(samples: Sequence[Sample], pages: Sequence[str]) -> list[Row]:
    """One row per page, in the order given, then one for all of them. Latencies count
    every request, errors included (a timeout counts as its full wait)."""

    def row(name: str, chosen: list[Sample]) -> Row:
        seconds = [s.seconds for s in chosen]
        return Row(
            name,
            len(chosen),
            sum(s.error for s in chosen),
            percentile(seconds, 50),
            percentile(seconds, 95),
            max(seconds, default=math.nan),
            sum(s.size for s in chosen) / len(chosen) / 1000 if chosen else math.nan,
        )

    rows = [row(page, [s for s in samples if s.page == page]) for page in pages]
    return [*rows, row("all", list(samples))]


def table(rows: Sequence[Row]) -> str:
    def ms(seconds: float) -> str:
        return "-" if math.isnan(seconds) else f"{seconds * 1000:,.0f}"

    def kb(kilobytes: float) -> str:
        return "-" if math.isnan(kilobytes) else f"{kilobytes:,.1f}"

    head = ("page", "requests", "errors", "p50 ms", "p95 ms", "max ms", "kB")
    lines = [f"{head[0]:<12} " + " ".join(f"{h:>8}" for h in head[1:])]
    for r in rows:
        lines.append(
            f"{r.name:<12} {r.requests:>8,} {r.errors:>8,} "
            f"{ms(r.p50):>8} {ms(r.p95):>8} {ms(r.slowest):>8} {kb(r.kilobytes):>8}"
        )
    return "\n".join(lines)


# ---- a browser -----------------------------------------------------------------------


class SignInFailed(Exception):
    pass


@dataclass
class Browser:
    """One person's browser: keeps its cookies (the Secure ones too: the site is behind
    HTTPS) and, talking plain HTTP, says as the trust's proxy would that the request came
    over HTTPS. A new connection for each request: gunicorn's sync workers keep none."""

    base_url: str
    timeout: float
    cookies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        self.secure = parts.scheme == "https"
        self.netloc = parts.netloc
        self.prefix = parts.path.rstrip("/")
        self.origin = f"https://{self.netloc}"

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        headers = {"Host": self.netloc, "Accept-Encoding": "identity"}
        if not self.secure:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = f"{self.origin}{self.prefix}{path}"
        kind = http.client.HTTPSConnection if self.secure else http.client.HTTPConnection
        connection = kind(self.netloc, timeout=self.timeout)
        try:
            connection.request(method, self.prefix + path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for line in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(line).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return response.status, content
        finally:
            connection.close()

    def sign_in(self, username: str, password: str) -> None:
        status, page = self.request("GET", SIGN_IN)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise SignInFailed(f"{SIGN_IN} answered {status} without a CSRF token")
        form = {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token.group(1).decode(),
        }
        status, _ = self.request("POST", SIGN_IN, form)
        if status != 302 or "sessionid" not in self.cookies:
            raise SignInFailed(f"{username} could not sign in ({status})")


# ---- the load ------------------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    users: int
    duration: float
    warmup: float
    think: float
    timeout: float


def timed_get(browser: Browser, page: str, path: str, start: float) -> Sample:
    began = time.monotonic()
    body = b""
    try:
        status, body = browser.request("GET", path)
        problem = ""
    except TimeoutError:
        status, problem = 0, "timeout"
    except (OSError, http.client.HTTPException) as failure:
        status, problem = 0, type(failure).__name__
    seconds = time.monotonic() - began
    if seconds > browser.timeout and not problem:
        problem = "timeout"
    return Sample(page, began - start, seconds, status, problem, len(body))


def run_load(browsers: Sequence[Browser], paths: dict[str, str], load: Load) -> list[Sample]:
    """Every browser asks for the pages in turn, from a different first page, until the
    warm-up and the duration are over; the samples that started in the warm-up are left
    out. Bounded: no request starts after the end, and each has the timeout; the users
    are given that long, and five seconds, after the end."""
    pages = list(paths)
    start = time.monotonic() + load.warmup  # the measured window opens here
    stop = start + load.duration
    found: list[list[Sample]] = [[] for _ in browsers]
    waiting: dict[int, tuple[str, float]] = {}  # each user's request in flight

    def user(number: int) -> None:
        for page in itertools.islice(itertools.cycle(pages), number % len(pages), None):
            if time.monotonic() >= stop:
                return
            waiting[number] = (page, time.monotonic())
            sample = timed_get(browsers[number], page, paths[page], start)
            del waiting[number]
            if sample.started >= 0:
                found[number].append(sample)
            if load.think:
                time.sleep(max(0.0, min(load.think, stop - time.monotonic())))

    threads = [
        threading.Thread(target=user, args=(n,), daemon=True, name=f"user-{n}")
        for n in range(len(browsers))
    ]
    for thread in threads:
        thread.start()
    hard_end = stop + load.timeout + 5
    for thread in threads:
        thread.join(max(0.0, hard_end - time.monotonic()))
    samples = [sample for samples in found for sample in samples]
    now = time.monotonic()
    # A request still waiting now has outlived its timeout (one that trickles its answer
    # in never trips the socket's): it is a timeout, counted for its wait so far.
    for page, began in list(waiting.values()):
        samples.append(Sample(page, began - start, now - began, 0, "timeout"))
    return samples


def sign_in_all(
    base_url: str, accounts: Sequence[str], password: str, users: int, timeout: float
) -> list[Browser]:
    """A browser per user, signed in through the form; users share the accounts in turn.
    The first browser of each account signs in alone, so a wrong password fails once per
    account (five failures would lock it: ADR 0022); the others four at a time, each
    allowed a minute, as a sign-in hashes the password, slowly on purpose. Then each
    browser's requests have ``timeout``."""
    browsers = [Browser(base_url, max(timeout, 60)) for _ in range(users)]
    names = [accounts[n % len(accounts)] for n in range(users)]
    first = min(len(accounts), users)
    for browser, name in zip(browsers[:first], names[:first], strict=True):
        browser.sign_in(name, password)
    with ThreadPoolExecutor(4) as pool:
        signing_in = pool.map(lambda b, n: b.sign_in(n, password), browsers[first:], names[first:])
        list(signing_in)
    for browser in browsers:
        browser.timeout = timeout
    return browsers


# ---- the server ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def command_line(command: Sequence[str]) -> list[str]:
    """A command of ``make serve`` run by this interpreter's environment."""
    if command[0] == "python":
        return [sys.executable, *command[1:]]
    return [str(BIN / command[0]), *command[1:]]


def run(command: Sequence[str], env: dict[str, str], log: Path) -> str:
    with log.open("a") as output:
        output.write(f"$ {' '.join(command)}\n")
    result = subprocess.run(
        command_line(command), cwd=REPO, env=env, capture_output=True, text=True, timeout=900
    )
    with log.open("a") as output:
        output.write(result.stdout + result.stderr)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


@contextlib.contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """Creates the database the URL names (refusing one that exists) and drops it after."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql"} or not name:
        raise SystemExit("--database-url must be postgres://USER@HOST:PORT/NEW_DATABASE")
    server = urlunsplit(parts._replace(path="/postgres"))

    def admin(statement: str) -> None:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(name)))

    try:
        admin("CREATE DATABASE {}")
    except psycopg.errors.DuplicateDatabase:
        raise SystemExit(f"database {name} exists: name a new one") from None
    try:
        yield url
    finally:
        admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        say(f"dropped database {name}")


def production_environment(
    database_url: str, static_root: Path, port: int, workers: int, password: str
) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    return {
        **inherited,
        "ROTAPLAN_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        "HOST": HOST,
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "DJANGO_SETTINGS_MODULE": "rotaplan.settings",
        "ROTAPLAN_LOAD_PASSWORD": password,
    }


def answers(base_url: str) -> bool:
    try:
        Browser(base_url, timeout=2).request("GET", SIGN_IN)
    except (OSError, http.client.HTTPException):
        return False
    return True


@contextlib.contextmanager
def gunicorn(env: dict[str, str], log: Path) -> Iterator[str]:
    """gunicorn serving until the block ends, in a session of its own so that it is
    stopped here, in order; yields its base URL once it answers."""
    base_url = f"http://{HOST}:{env['PORT']}"
    with log.open("a") as output:
        server = subprocess.Popen(
            command_line(SERVE),
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=output,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        while not answers(base_url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start; see {log}")
            time.sleep(0.5)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        say("stopped gunicorn")


@dataclass(frozen=True)
class Target:
    base_url: str
    rota: int
    accounts: list[str]
    password: str
    workers: str


@contextlib.contextmanager
def served(args: argparse.Namespace) -> Iterator[Target]:
    """The demo trust under production settings, and its accounts, until the block ends."""
    database_url = args.database_url or f"{DEFAULT_SERVER}/rotaplan_load_{os.getpid()}"
    password = secrets.token_urlsafe(24)
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rotaplan-load-")))
        log = folder / "server.log"
        database = stack.enter_context(fresh_database(database_url))
        env = production_environment(
            database, folder / "static", free_port(), args.workers, password
        )
        say(f"migrating {urlsplit(database).path.lstrip('/')} ...")
        run(MIGRATE, env, log)
        say(f"loading the demo trust (seed {args.seed}, {args.doctors} doctors) ...")
        demo = ("rotaplan", "demo", "--seed", str(args.seed), "--doctors", str(args.doctors))
        run(demo, env, log)
        made = json.loads(
            run(("python", "benchmarks/load_accounts.py", str(args.accounts)), env, log)
        )
        say("collecting static files ...")
        run(COLLECTSTATIC, env, log)
        say(f"starting gunicorn, {args.workers} workers ...")
        try:
            base_url = stack.enter_context(gunicorn(env, log))
            yield Target(base_url, made["rota"], made["usernames"], password, str(args.workers))
        except (Exception, SystemExit):
            say(f"server log ({log}), last lines:")
            say("\n".join(log.read_text().splitlines()[-20:]))
            raise


@contextlib.contextmanager
def running(args: argparse.Namespace) -> Iterator[Target]:
    """A server someone else runs."""
    if args.rota is None or not args.username:
        raise SystemExit("--base-url needs --rota and at least one --username")
    password = os.environ.get("ROTAPLAN_LOAD_PASSWORD")
    if not password:
        raise SystemExit("set ROTAPLAN_LOAD_PASSWORD to the --username accounts' password")
    yield Target(args.base_url.rstrip("/"), args.rota, args.username, password, "theirs")


# ---- the command ---------------------------------------------------------------------


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50, help="simulated users (50)")
    parser.add_argument("--duration", type=float, default=60, help="measured seconds (60)")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured seconds first (5)")
    parser.add_argument("--think", type=float, default=0, help="pause between requests (0)")
    parser.add_argument("--timeout", type=float, default=10, help="per request, seconds (10)")
    default_workers = 2 * (os.cpu_count() or 1) + 1  # as gunicorn_conf.py
    parser.add_argument(
        "--workers", type=int, default=default_workers, help="gunicorn's WEB_CONCURRENCY"
    )
    parser.add_argument("--accounts", type=int, default=10, help="sign-in accounts made (10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--doctors", type=int, default=120)
    parser.add_argument(
        "--database-url",
        help=f"the database to create and drop (default {DEFAULT_SERVER}/rotaplan_load_<pid>)",
    )
    parser.add_argument("--base-url", help="load a server already running instead")
    parser.add_argument("--rota", type=int, help="with --base-url: the rota's id")
    parser.add_argument(
        "--username", action="append", default=[], help="with --base-url: an account (repeat)"
    )
    args = parser.parse_args(argv)
    if args.users < 1 or args.duration <= 0 or args.timeout <= 0 or args.accounts < 1:
        parser.error("--users, --duration, --timeout and --accounts must be positive")
    if args.warmup < 0 or args.think < 0:
        parser.error("--warmup and --think cannot be negative")
    return args


def stop_on_signals() -> None:
    """Ctrl-C and SIGTERM unwind, so the server is stopped and the database dropped (Ctrl-C
    too when started in the background by a shell, which would have it ignored)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def main(argv: Sequence[str] | None = None) -> None:
    args = arguments(argv)
    stop_on_signals()
    load = Load(args.users, args.duration, args.warmup, args.think, args.timeout)
    with running(args) if args.base_url else served(args) as target:
        paths = page_paths(target.rota)
        say(f"signing in {args.users} users ...")
        browsers = sign_in_all(
            target.base_url, target.accounts, target.password, args.users, args.timeout
        )
        say(f"loading for {args.warmup:g} s of warm-up and {args.duration:g} s ...")
        before = os.getloadavg()[0]
        cpu = time.process_time()
        samples = run_load(browsers, paths, load)
        cpu = time.process_time() - cpu
        after = os.getloadavg()[0]
    report(samples, args, target, paths, cpu)
    print(f"load average (1 min): {before:.1f} as the load began, {after:.1f} at its end")


def processor() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    return platform.processor() or platform.machine()


def report(
    samples: Sequence[Sample],
    args: argparse.Namespace,
    target: Target,
    paths: dict[str, str],
    cpu: float,
) -> None:
    """The table and the totals; ``cpu`` is this process's CPU time during the load, to
    show how much of the machine the load itself took from the server."""
    rows = summarise(samples, list(paths))
    ends = [s.started + s.seconds for s in samples]
    window = max([args.duration, *ends])
    errors = Counter(s.problem or str(s.status) for s in samples if s.error)
    print(
        f"{args.users} users, {args.duration:g} s measured after {args.warmup:g} s warm-up, "
        f"think {args.think:g} s, timeout {args.timeout:g} s; {target.base_url}, "
        f"gunicorn workers: {target.workers}, accounts: {len(target.accounts)}, "
        f"rota {target.rota}"
    )
    print(f"{processor()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(table(rows))
    overall = rows[-1]
    print(
        f"requests/s: {overall.requests / window:.1f} ({overall.requests:,} in {window:.1f} s); "
        f"errors: {overall.errors}"
        + (f" ({', '.join(f'{k}: {v}' for k, v in sorted(errors.items()))})" if errors else "")
    )
    print(
        f"load generator: {cpu:.1f} s CPU in {args.warmup + window:.1f} s "
        f"({cpu / (args.warmup + window):.0%} of one core)"
    )
    goal = "met" if overall.errors == 0 and overall.p95 < 1 else "not met"
    print(f"goal (p95 under 1 s, no error): {goal}")


if __name__ == "__main__":
    try:
        main()
    except SignInFailed as failure:
        sys.exit(f"sign-in failed: {failure}")
    except KeyboardInterrupt:
        say("interrupted")
        sys.exit(130)
