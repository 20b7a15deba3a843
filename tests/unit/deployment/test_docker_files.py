"""The Dockerfile and compose.yaml a trust's infrastructure team builds and runs.

No Docker engine runs here (nor in CI), so the image is never built in the tests. Instead
hadolint lints the Dockerfile, and these tests read both files and hold them to what is
tested: each command the image runs is one ``make serve`` runs and the production test
runs (tests/production/), so building the image repeats steps the suite has proved.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from dockerfile_parse import DockerfileParser

from tests.production import commands

REPO = Path(__file__).resolve().parents[3]
DOCKERFILE = REPO / "Dockerfile"
COMPOSE = yaml.safe_load((REPO / "compose.yaml").read_text())
INSTRUCTIONS = DockerfileParser(str(DOCKERFILE)).structure
# Flags that change how loudly or where a command works, not what it does.
QUIET = {"--quiet", "--silent", "--disable-pip-version-check", "--no-cache-dir"}
# The image's own set-up, which a checkout does differently: its virtual environment and the
# user it runs as.
IMAGE_ONLY = ("python -m venv ", "groupadd ", "useradd ")


def stages() -> list[list[dict]]:
    found: list[list[dict]] = []
    for instruction in INSTRUCTIONS:
        if instruction["instruction"] == "FROM":
            found.append([])
        if found:
            found[-1].append(instruction)
    return found


def values(stage: list[dict], name: str) -> list[str]:
    return [i["value"] for i in stage if i["instruction"] == name]


def commands_run(value: str) -> list[str]:
    """A RUN's commands, each without the variables set before it and the quiet flags."""
    runs = []
    for part in value.split("&&"):
        words = [w for w in part.split() if w not in QUIET]
        while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
            words.pop(0)
        runs.append(" ".join(words))
    return runs


def normalised(line: str) -> str:
    words = [w for w in line.replace(".venv/bin/", "").split() if w not in QUIET]
    return " ".join(words)


def test_hadolint_finds_nothing_wrong():
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    result = subprocess.run(
        [hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_is_python_3_11_slim_with_the_frontend_built_in_a_stage_of_its_own():
    frontend, app = stages()
    assert values(frontend, "FROM") == ["node:20-bookworm-slim AS frontend"]
    assert values(app, "FROM")[0].startswith("python:3.11-slim")
    frontend_runs = [c for v in values(frontend, "RUN") for c in commands_run(v)]
    assert " ".join(commands.BUILD_STYLES) in frontend_runs
    assert any(v.startswith("--from=frontend /app/build/static ") for v in values(app, "COPY"))


def test_the_image_installs_the_locked_packages_and_collects_static_files_at_build():
    _, app = stages()
    runs = [c for v in values(app, "RUN") for c in commands_run(v)]
    assert "python -m pip install -r requirements.lock" in runs
    assert " ".join(commands.COLLECTSTATIC) in runs
    assert runs.index("python -m pip install -r requirements.lock") < runs.index(
        " ".join(commands.COLLECTSTATIC)
    )


def test_the_image_serves_with_gunicorn_under_production_settings_as_a_user_not_root():
    _, app = stages()
    assert json.loads(values(app, "CMD")[-1]) == list(commands.SERVE)
    environment = " ".join(values(app, "ENV"))
    assert "ROTAPLAN_ENV=production" in environment
    assert "HOST=0.0.0.0" in environment
    assert "SECRET_KEY" not in environment
    user = values(app, "USER")[-1]
    assert user.split(":")[0] not in {"0", "root"}
    assert values(app, "EXPOSE") == ["8000"]


def test_every_command_the_image_runs_is_one_make_serve_runs():
    made = subprocess.run(
        ["make", "--dry-run", "--always-make", "serve"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    make_serve = {normalised(line) for line in made.splitlines() if line.strip()}
    runs = [
        c
        for v in (i["value"] for i in INSTRUCTIONS if i["instruction"] == "RUN")
        for c in commands_run(v)
    ]
    for command in runs:
        if command.startswith(IMAGE_ONLY):
            continue
        unprefixed = command.removeprefix("python -m ")
        assert command in make_serve or f"python -m {unprefixed}" in make_serve, command


def test_what_the_image_copies_is_in_the_repository_and_what_it_must_not_is_ignored():
    for instruction in INSTRUCTIONS:
        if instruction["instruction"] == "COPY" and "--from=" not in instruction["value"]:
            for source in instruction["value"].split()[:-1]:
                assert (REPO / source).exists(), source
    ignored = (REPO / ".dockerignore").read_text().split()
    assert {".git", ".venv", "node_modules", ".env", "db.sqlite3"} <= set(ignored)


def service(name: str) -> dict:
    return COMPOSE["services"][name]


def test_compose_runs_postgresql_the_migrations_the_site_and_the_worker():
    assert service("db")["image"].startswith("postgres:")
    assert "pg_isready" in service("db")["healthcheck"]["test"]
    assert service("migrate")["command"] == list(commands.MIGRATE)
    assert service("migrate")["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert "command" not in service("web")  # the image's CMD: gunicorn
    assert service("worker")["command"] == list(commands.WORKER)
    for name in ("web", "worker"):
        assert service(name)["build"] == "."
        assert service(name)["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"}
        }


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_compose_refuses_to_start_without_the_secrets_production_needs(name):
    assert service("web")["environment"][name].startswith(f"${{{name}:?")


def test_compose_points_the_site_at_its_database_service():
    url = service("web")["environment"]["DATABASE_URL"]
    assert re.fullmatch(
        r"postgres://rotaplan:\$\{POSTGRES_PASSWORD:\?[^}]+\}@db:5432/rotaplan", url
    )


def test_every_setting_compose_gives_is_one_rotaplan_or_gunicorn_reads():
    read = (REPO / "src/rotaplan/settings.py").read_text()
    read += (REPO / "src/rotaplan/gunicorn_conf.py").read_text()
    read_by_libraries = {"DATABASE_URL", "FORWARDED_ALLOW_IPS"}  # dj-database-url, gunicorn
    for name in ("web", "worker", "migrate"):
        for variable in service(name)["environment"]:
            assert f'"{variable}"' in read or variable in read_by_libraries, variable
