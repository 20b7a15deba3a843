"""A generation run is handed to the worker only once it is committed: a start rolled back
queues no task, so the worker never looks for a run that does not exist."""

from __future__ import annotations

import pytest
from django.db import transaction
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend
from django_tasks_db.models import DBTaskResult

from rotaplan.rotas.generation.services import start_generation
from rotaplan.rotas.models import GenerationRun, RunStatus
from tests.integration.rotas.generation.generation_world import END, START, make_ward

pytestmark = pytest.mark.django_db


class Abandoned(Exception):
    """Raised to roll the start back."""


@pytest.fixture
def sent(settings) -> DummyBackend:
    """A backend that keeps what it is sent in memory, outside any database transaction,
    so a task sent before a rollback would still be there."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    return backend


def start(ward):
    return start_generation(
        actor=ward.coordinator,
        department=ward.department,
        period_start=START,
        period_end=END,
        time_limit=5,
    )


def abandon_a_start(ward) -> None:
    """Start a run inside a transaction that then fails, so the start is rolled back."""
    try:
        with transaction.atomic():
            start(ward)
            raise Abandoned
    except Abandoned:
        pass


def test_a_committed_start_queues_its_task(django_capture_on_commit_callbacks):
    ward = make_ward()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = start(ward)
    assert len(callbacks) == 1
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    task = DBTaskResult.objects.get()
    assert str(task.id) == run.task_id
    assert task.args_kwargs["args"] == [run.pk]


def test_nothing_is_sent_before_the_start_commits(sent, django_capture_on_commit_callbacks):
    ward = make_ward()
    with django_capture_on_commit_callbacks(execute=True):
        run = start(ward)
        assert sent.results == []
    [task] = sent.results
    assert task.args == [run.pk]


def test_a_rolled_back_start_sends_nothing(sent, django_capture_on_commit_callbacks):
    ward = make_ward()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        abandon_a_start(ward)
    assert callbacks == []
    assert sent.results == []
    assert not GenerationRun.objects.exists()
