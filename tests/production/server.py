"""Rotaplan served as in production, for the production test: its own database (a SQLite
file, or a PostgreSQL database beside the test database), migrated and filled with the
demo trust, static files collected into a temporary folder, and gunicorn on a free port
with ``ROTAPLAN_ENV=production``; and a plain HTTP client that talks to it as a browser
behind the trust's HTTPS proxy would."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import dj_database_url

from . import commands

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# Variables of the test run that a deployment would not have.
NOT_INHERITED = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "STATIC_ROOT",
    "HOST",
    "PORT",
    "WEB_CONCURRENCY",
    "GUNICORN_CMD_ARGS",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving_database(folder: Path) -> Iterator[str]:
    """A ``DATABASE_URL`` for an empty database of the kind the tests run on, dropped
    afterwards: with PostgreSQL, ``<name>_serve`` on the same server."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{folder / 'serve.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_serve"[:63]
    server = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }

    def run(statement: str) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(sql.SQL(statement).format(sql.Identifier(name)))

    run("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    run("CREATE DATABASE {}")
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        run("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def production_environment(database_url: str, static_root: Path, port: int) -> dict[str, str]:
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
        "WEB_CONCURRENCY": "2",
        "DJANGO_SETTINGS_MODULE": "rotaplan.settings",
        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)]),
    }


def python_command(command: Sequence[str]) -> list[str]:
    """A command of ``commands`` run by this interpreter (``python``, ``gunicorn``)."""
    if command[0] == "python":
        return [sys.executable, *command[1:]]
    return [sys.executable, "-m", *command]


def run(command: Sequence[str], env: dict[str, str]) -> None:
    result = subprocess.run(
        python_command(command), cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}{result.stderr}"


@contextmanager
def gunicorn(env: dict[str, str], log: Path) -> Iterator[int]:
    """gunicorn serving until the block ends; yields its port once it answers."""
    port = int(env["PORT"])
    with log.open("w") as output:
        server = subprocess.Popen(
            python_command(commands.SERVE), cwd=REPO, env=env, stdout=output, stderr=output
        )
    try:
        deadline = time.monotonic() + 120
        while not _answers(port):
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"gunicorn did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _answers(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=1):
            return True
    except OSError:
        return False


@dataclass
class Answer:
    path: str
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    @property
    def content_type(self) -> str:
        return self.header("Content-Type").split(";")[0].strip()

    @property
    def html(self) -> str:
        return self.body.decode() if self.content_type == "text/html" else ""

    @property
    def cookies_set(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or []


@dataclass
class Visitor:
    """One person's browser: keeps its cookies (Secure ones too, as the proxy in front
    speaks HTTPS) and says, as that proxy does, that the request came over HTTPS."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"https://{HOST}:{self.port}"

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Answer:
        return self.request("POST", path, form)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        headers = {
            "Host": f"{HOST}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept-Encoding": "identity",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = f"{self.origin}{path}"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(path, response.status, response.headers, response.read())
        finally:
            connection.close()
        for line in answer.cookies_set:
            for name, morsel in SimpleCookie(line).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return answer

    def sign_in(self, username: str, password: str) -> Answer:
        form = self.get("/sign-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.html)
        assert token, "the sign-in page has no CSRF token"
        return self.post(
            "/sign-in/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)},
        )
