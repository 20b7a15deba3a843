"""What ``make run`` does with the address it is given, read from make's dry run (``-n``
prints each command without running it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(*args: str) -> str:
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_make_run_serves_and_prints_the_port_it_is_given():
    commands = dry_run("run", "HOST=127.0.0.1", "PORT=8100")
    assert "runserver 127.0.0.1:8100" in commands
    assert "--url http://127.0.0.1:8100" in commands
    assert "8000" not in commands


def test_make_serve_runs_what_the_production_test_runs():
    """The production test (tests/production/) serves the app with these commands; make
    serve must run the same, under production settings, with the worker beside gunicorn."""
    from tests.production import commands

    lines = dry_run("serve", "HOST=127.0.0.1", "PORT=8100").splitlines()
    venv_bin = ".venv/bin/"
    ran = " ".join(lines).replace(venv_bin, "")
    for command in (commands.MIGRATE, commands.COLLECTSTATIC, commands.WORKER, commands.SERVE):
        assert " ".join(command) in ran
    assert "HOST=127.0.0.1 PORT=8100 " in ran
    order = [ran.index(" ".join(c)) for c in (commands.MIGRATE, commands.COLLECTSTATIC)]
    assert order == sorted(order)
    assert ran.index(" ".join(commands.BUILD_STYLES)) < order[0]
    assert "serve: export ROTAPLAN_ENV = production" in (REPO / "Makefile").read_text()
