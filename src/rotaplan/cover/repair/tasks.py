"""The background task the worker (``manage.py db_worker``) runs."""

from __future__ import annotations

from django_tasks import task

from .services import execute_repair


@task()
def find_repair(run_id: int) -> None:
    """Find the repair a ``RepairRun`` asks for."""
    execute_repair(run_id)
