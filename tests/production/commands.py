"""The commands that put Rotaplan into production, in the order they run: what ``make
serve`` runs, what the Dockerfile and compose.yaml run, and what the production test runs
before it fetches every page. Tests compare each of those with this list, so the image a
trust builds runs what the test suite ran."""

from __future__ import annotations

MIGRATE = ("python", "manage.py", "migrate", "--noinput")
COLLECTSTATIC = ("python", "manage.py", "collectstatic", "--noinput")
WORKER = ("python", "manage.py", "db_worker")
SERVE = ("gunicorn", "--config", "python:rotaplan.gunicorn_conf", "rotaplan.wsgi")
BUILD_STYLES = ("npm", "run", "build")
