"""The pages around rota generation: the generate form, a run's page (polled by htmx),
cancelling, and comparing rotas. Each is refused to users who may not use it
(tests/integration/rotas/test_page_access.py)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from auditlog.models import LogEntry
from django_tasks_db.models import DBTaskResult

from rotaplan.rotas.generation.comparison import compare_rotas
from rotaplan.rotas.generation.services import execute_run
from rotaplan.rotas.models import (
    CoverRequirement,
    GenerationRun,
    RotaStatus,
    RunStatus,
)
from tests.factories.rotas import (
    AssignmentFactory,
    RotaFactory,
    RotaRequestFactory,
    ShiftTypeFactory,
)
from tests.integration.rotas.generation.generation_world import END, START, make_ward, queued_run
from tests.integration.rotas.pages import date_fields
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_the_generate_form_queues_a_run_and_shows_its_page(
    world, sign_in, night_cover, django_capture_on_commit_callbacks
):
    client = sign_in(world.coordinator)
    data = date_fields("period_start", START) | date_fields("period_end", END)
    data |= {"staff_group": "training", "time_limit": "5"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rotas/departments/{world.acute.pk}/generate/", data)
    run = GenerationRun.objects.get()
    assert response["Location"] == f"/rotas/generation/{run.pk}/"
    assert run.created_by == world.coordinator
    assert run.status == RunStatus.QUEUED
    assert DBTaskResult.objects.filter(id=run.task_id).exists()
    page = client.get(response["Location"])
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert "Waiting to start" in page_text(page)


def test_the_generate_form_names_each_problem(world, sign_in):
    client = sign_in(world.coordinator)
    data = date_fields("period_start", END) | date_fields("period_end", START)
    data |= {"staff_group": "training", "time_limit": "1"}
    text = page_text(client.post(f"/rotas/departments/{world.acute.pk}/generate/", data))
    assert "The last day must be on or after the first day" in text
    assert "The time limit must be between 5 and 600 seconds" in text
    assert not GenerationRun.objects.exists()


def test_htmx_polls_get_only_the_status_part(world, sign_in):
    run = queued_run(world)
    response = sign_in(world.service_manager).get(
        f"/rotas/generation/{run.pk}/", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="run-status"')
    assert "<html" not in html
    assert "Cancel generation" not in html  # a service manager watches, and cannot cancel


def test_a_finished_run_shows_its_draft_gaps_requests_and_fairness(sign_in):
    ward = make_ward()
    RotaRequestFactory(
        doctor=ward.doctors[0], first_date=date(2026, 8, 8), last_date=date(2026, 8, 9), weight=3
    )
    run = GenerationRun.objects.create(
        department=ward.department,
        period_start=START,
        period_end=END,
        time_limit=5,
        created_by=ward.coordinator,
    )
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    response = sign_in(ward.coordinator).get(
        f"/rotas/generation/{run.pk}/", headers={"HX-Request": "true"}
    )
    text = page_text(response)
    assert "hx-trigger" not in response.content.decode()  # polling stops
    assert f"Open the draft rota: {run.rota.name}" in text
    assert "All 1 requests are honoured" in text
    assert "Spread (highest less lowest, per full-time share)" in text
    assert "Grades " in text  # the table of each tier is named by its grades
    assert "Doctor0 Team0" in text


def test_a_failed_run_says_why(world, sign_in):
    run = queued_run(world, status=RunStatus.FAILED, failure_reason="No one is in post.")
    text = page_text(sign_in(world.coordinator).get(f"/rotas/generation/{run.pk}/"))
    assert "No rota was made No one is in post. Existing rotas have not changed." in text


def test_cancel_asks_the_worker_to_stop(world, sign_in):
    run = queued_run(world)
    response = sign_in(world.coordinator).post(f"/rotas/generation/{run.pk}/cancel/")
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.cancel_requested
    entry = LogEntry.objects.get_for_object(run).latest("timestamp")
    assert entry.actor == world.coordinator
    assert "cancel_requested" in entry.changes_dict
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED


def test_two_rotas_are_compared_side_by_side(world, sign_in, night_cover):
    first = RotaFactory(department=world.acute, name="Draft A", status=RotaStatus.DRAFT)
    second = RotaFactory(department=world.acute, name="Draft B", status=RotaStatus.DRAFT)
    AssignmentFactory(rota=first, doctor=world.ada, shift_type=night_cover, date=date(2026, 8, 5))
    AssignmentFactory(rota=second, doctor=world.bea, shift_type=night_cover, date=date(2026, 8, 5))
    url = f"/rotas/departments/{world.acute.pk}/compare/?rota={first.pk}&rota={second.pk}"
    text = page_text(sign_in(world.service_manager).get(url))
    assert "Cover and the rules" in text
    assert "Breaches of the rules Compliant Compliant" in text
    assert "Nights per WTE, spread 0.0 0.0" in text
    # Bea works 0.6: one night is 1.7 per whole-time equivalent.
    assert "Dr Bea Okafor (0.60 WTE) Draft A Not on this rota Draft B 1.7" in text
    assert "Dr Ada Patel (1.00 WTE) Draft A 1.0 Draft B Not on this rota" in text


def test_each_rota_is_judged_against_the_cover_for_the_shifts_it_rosters(
    world, sign_in, night_cover
):
    """The consultants' on-call rota is not a gap on every juniors' night."""
    on_call = ShiftTypeFactory(
        department=world.acute, code="OC", name="Consultant on call", start=time(17), end=time(9)
    )
    for weekday in range(7):
        CoverRequirement.objects.create(
            department=world.acute, shift_type=on_call, weekday=weekday, minimum=1, ideal=1
        )
    juniors = RotaFactory(department=world.acute, name="Juniors", status=RotaStatus.DRAFT)
    consultants = RotaFactory(department=world.acute, name="Consultants", status=RotaStatus.DRAFT)
    for offset in range(7):
        day = juniors.period_start + timedelta(offset)
        AssignmentFactory(rota=juniors, doctor=world.ada, shift_type=night_cover, date=day)
    AssignmentFactory(
        rota=consultants, doctor=world.bea, shift_type=on_call, date=consultants.period_start
    )
    compared = compare_rotas([juniors, consultants]).rotas
    assert {gap.shift for gap in compared[0].gaps} == {"N"}
    assert {gap.shift for gap in compared[1].gaps} == {"OC"}


def test_comparing_one_rota_asks_for_two(world, sign_in):
    url = f"/rotas/departments/{world.acute.pk}/compare/?rota={world.rota.pk}"
    text = page_text(sign_in(world.coordinator).get(url))
    assert "Choose at least two rotas to compare" in text


def test_a_service_manager_is_not_offered_generation_they_may_not_start(world, sign_in):
    """The service manager sees runs and compares rotas; "Generate" would answer 403."""
    run = queued_run(world)
    client = sign_in(world.service_manager)
    generate = f'href="/rotas/departments/{world.acute.pk}/generate/"'
    assert generate not in client.get(f"/rotas/generation/{run.pk}/").content.decode()
    compare = client.get(f"/rotas/departments/{world.acute.pk}/compare/").content.decode()
    assert "needs at least two rotas to compare" in compare
    assert generate not in compare
    coordinator = sign_in(world.coordinator)
    assert generate in coordinator.get(f"/rotas/generation/{run.pk}/").content.decode()
    assert (
        generate
        in coordinator.get(f"/rotas/departments/{world.acute.pk}/compare/").content.decode()
    )


def test_medical_staffing_may_generate_for_any_department(world, sign_in):
    response = sign_in(world.staffing).get(f"/rotas/departments/{world.cardiology.pk}/generate/")
    assert response.status_code == 200


def test_a_run_whose_worker_went_silent_is_marked_failed(world, sign_in):
    from django.utils import timezone

    stale = timezone.now() - timedelta(minutes=5)
    run = queued_run(world, status=RunStatus.RUNNING, started=stale, progress_updated=stale)
    text = page_text(sign_in(world.service_manager).get(f"/rotas/generation/{run.pk}/"))
    assert "The background worker stopped before the run finished" in text
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED


def test_a_generated_rota_and_its_department_link_to_the_run(world, sign_in):
    draft = RotaFactory(department=world.acute, name="Generated", status=RotaStatus.DRAFT)
    run = queued_run(world, status=RunStatus.SUCCEEDED, rota=draft)
    client = sign_in(world.service_manager)
    grid = client.get(f"/rotas/{draft.pk}/").content.decode()
    assert f'href="/rotas/generation/{run.pk}/"' in grid
    department = client.get(f"/departments/{world.acute.pk}/").content.decode()
    assert f'href="/rotas/generation/{run.pk}/"' in department
    assert "Generate a rota" not in page_text(client.get(f"/departments/{world.acute.pk}/"))


def test_the_generate_form_preselects_no_radio(world, sign_in):
    """NHS service manual: do not pre-select a radio; the coordinator chooses who works."""
    html = sign_in(world.coordinator).get(f"/rotas/departments/{world.acute.pk}/generate/")
    assert 'name="staff_group"' in html.content.decode()
    assert "checked" not in html.content.decode()
