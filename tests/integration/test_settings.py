"""Production settings refuse to start unsafely, and pass Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests lift Django's async guard for this process (tests/browser/conftest.py);
    # a deployment never would, and `check --deploy` rightly warns when it is set.
    inherited = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "ROTAPLAN_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "rotaplan.example.nhs.uk",
}


def test_production_settings_pass_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", ROTAPLAN_ENV="production", ALLOWED_HOSTS="rotaplan.example.nhs.uk")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", ROTAPLAN_ENV="production", SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize("bad", ["staging", "prod"])
def test_unknown_environment_name_is_refused(bad):
    result = manage("check", ROTAPLAN_ENV=bad)
    assert result.returncode != 0
    assert "ROTAPLAN_ENV must be one of" in result.stderr


@pytest.mark.parametrize("bad", ["-1", "one", "6"])
def test_a_proxy_count_that_is_not_a_small_whole_number_is_refused(bad):
    result = manage("check", TRUSTED_PROXIES=bad)
    assert result.returncode != 0
    assert "TRUSTED_PROXIES must be a whole number from 0 to 5" in result.stderr


def test_an_unknown_cache_backend_is_refused():
    result = manage("check", CACHE_BACKEND="redis")
    assert result.returncode != 0
    assert "CACHE_BACKEND must be one of locmem, database, none" in result.stderr


@pytest.mark.parametrize("bad", ["soon", "-1"])
def test_a_connection_age_that_is_not_a_whole_number_is_refused(bad):
    result = manage("check", DB_CONN_MAX_AGE=bad)
    assert result.returncode != 0
    assert "DB_CONN_MAX_AGE must be a whole number from 0" in result.stderr


def test_production_keeps_database_connections_and_checks_them():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = manage("shell", "-v", "0", "-c", code, **PRODUCTION)
    assert result.stdout.split() == ["60", "True"]
