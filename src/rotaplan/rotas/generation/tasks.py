"""The background task the worker (``manage.py db_worker``) runs."""

from __future__ import annotations

from django_tasks import task

from .services import execute_run


@task()
def generate_rota(run_id: int) -> None:
    """Generate the draft rota a ``GenerationRun`` asks for."""
    execute_run(run_id)
