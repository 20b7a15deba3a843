"""The pages around rota generation: cover requirements, the generate form, a run's page
(polled by htmx), cancelling, comparing rotas, publishing a draft, and doctors' requests.
Each is refused to users who may not use it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django_tasks_db.models import DBTaskResult

from rotaplan.rotas.generation.services import execute_run
from rotaplan.rotas.models import (
    CoverRequirement,
    GenerationRun,
    Rota,
    RotaRequest,
    RotaStatus,
    RunStatus,
)
from tests.factories.rotas import (
    AssignmentFactory,
    CoverRequirementFactory,
    RotaFactory,
    RotaRequestFactory,
)
from tests.integration.rotas.generation.generation_world import END, START, make_ward
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def date_fields(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}[day]": str(day.day),
        f"{name}[month]": str(day.month),
        f"{name}[year]": str(day.year),
    }


@pytest.fixture
def night_cover(world, night):
    for weekday in range(7):
        CoverRequirementFactory(shift_type=night, weekday=weekday, minimum=1, ideal=1)
    return night


def queued_run(world, **kwargs) -> GenerationRun:
    return GenerationRun.objects.create(
        department=world.acute,
        period_start=START,
        period_end=END,
        time_limit=5,
        created_by=world.coordinator,
        **kwargs,
    )


# --- cover requirements --------------------------------------------------------------


def test_the_cover_page_shows_each_shifts_weekly_cover(world, sign_in, night_cover):
    text = page_text(
        sign_in(world.service_manager).get(f"/rotas/departments/{world.acute.pk}/cover/")
    )
    assert "N Night Mon 1 Tue 1 Wed 1 Thu 1 Fri 1 Sat 1 Sun 1" in text
    assert "Change" not in text  # a service manager sees, and does not change


def test_a_coordinator_sets_weekly_cover(world, sign_in, night):
    client = sign_in(world.coordinator)
    data = {f"minimum_{d}": "1" for d in range(7)} | {f"ideal_{d}": "2" for d in range(5)}
    response = client.post(f"/rotas/departments/{world.acute.pk}/cover/{night.pk}/", data)
    assert response.status_code == 302
    rows = CoverRequirement.objects.filter(shift_type=night).order_by("weekday")
    assert [(r.weekday, r.minimum, r.ideal) for r in rows] == [
        (0, 1, 2),
        (1, 1, 2),
        (2, 1, 2),
        (3, 1, 2),
        (4, 1, 2),
        (5, 1, 1),
        (6, 1, 1),
    ]
    assert (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(CoverRequirement),
            actor=world.coordinator,
        ).count()
        == 7
    )


def test_an_ideal_below_the_minimum_is_refused(world, sign_in, night):
    client = sign_in(world.coordinator)
    response = client.post(
        f"/rotas/departments/{world.acute.pk}/cover/{night.pk}/", {"minimum_0": "2", "ideal_0": "1"}
    )
    assert response.status_code == 200
    assert "The ideal must be at least the minimum on Monday" in page_text(response)
    assert not CoverRequirement.objects.exists()


def test_a_dated_override_is_added_and_removed(world, sign_in, night):
    client = sign_in(world.coordinator)
    url = f"/rotas/departments/{world.acute.pk}/cover/dates/add/"
    data = {"shift_type": str(night.pk), "minimum": "0", "ideal": "0"} | date_fields(
        "date", date(2026, 10, 24)
    )
    assert client.post(url, data).status_code == 302
    row = CoverRequirement.objects.get(date=date(2026, 10, 24))
    assert "Sat 24 Oct 2026" in page_text(client.get(f"/rotas/departments/{world.acute.pk}/cover/"))
    remove = f"/rotas/departments/{world.acute.pk}/cover/dates/{row.pk}/remove/"
    assert client.post(remove).status_code == 302
    assert not CoverRequirement.objects.exists()


# --- generating ----------------------------------------------------------------------


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
    assert "Spread per WTE" in text
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


# --- comparing and publishing --------------------------------------------------------


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


def test_comparing_one_rota_asks_for_two(world, sign_in):
    url = f"/rotas/departments/{world.acute.pk}/compare/?rota={world.rota.pk}"
    text = page_text(sign_in(world.coordinator).get(url))
    assert "Choose at least two rotas to compare" in text


def test_publishing_a_draft_raises_its_version_and_makes_it_read_only(world, sign_in, night):
    draft = RotaFactory(department=world.acute, name="Generated", status=RotaStatus.DRAFT)
    AssignmentFactory(rota=draft, doctor=world.ada, shift_type=night, date=date(2026, 8, 5))
    client = sign_in(world.coordinator)
    assert "Publish rota" in page_text(client.get(f"/rotas/{draft.pk}/publish/"))
    response = client.post(f"/rotas/{draft.pk}/publish/", {"version": "1"})
    assert response["Location"] == f"/rotas/{draft.pk}/"
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (RotaStatus.PUBLISHED, 2)
    assert draft.published_at is not None
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Rota), object_pk=str(draft.pk)
    ).latest("timestamp")
    assert entry.actor == world.coordinator
    # Now published: shifts can no longer be added here.
    assert "This rota cannot be changed here" in page_text(
        client.get(f"/rotas/{draft.pk}/shifts/add/")
    )


def test_publishing_refuses_a_rota_that_double_books_a_doctor(world, sign_in, night):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 5))
    draft = RotaFactory(department=world.acute, name="Generated", status=RotaStatus.DRAFT)
    AssignmentFactory(rota=draft, doctor=world.ada, shift_type=night, date=date(2026, 8, 5))
    client = sign_in(world.coordinator)
    response = client.post(f"/rotas/{draft.pk}/publish/", {"version": "1"})
    text = page_text(response)
    assert "The rota was not published" in text
    assert "Dr Ada Patel works N 20:00 Wed 5 Aug 2026" in text
    assert "on Acute medicine registrars, which is published" in text
    draft.refresh_from_db()
    assert draft.status == RotaStatus.DRAFT


def test_a_stale_publish_is_refused(world, sign_in):
    draft = RotaFactory(department=world.acute, status=RotaStatus.DRAFT, version=3)
    text = page_text(
        sign_in(world.coordinator).post(f"/rotas/{draft.pk}/publish/", {"version": "2"})
    )
    assert "Someone changed this rota while you were looking at it" in text


# --- requests ------------------------------------------------------------------------


def test_a_doctor_enters_and_withdraws_their_own_request(world, sign_in, settings):
    client = sign_in(world.ada_user)
    saturday = date.today() + timedelta(days=(5 - date.today().weekday()) % 7 + 7)
    data = {"kind": "off", "weight": "3", "note": "Wedding"}
    data |= date_fields("first_date", saturday) | date_fields("last_date", saturday + timedelta(1))
    response = client.post("/rotas/requests/", data)
    assert response.status_code == 302, page_text(response)
    request = RotaRequest.objects.get()
    assert (request.doctor, request.weight, request.created_by) == (world.ada, 3, world.ada_user)
    assert "Wedding" in page_text(client.get("/rotas/requests/"))
    assert client.post(f"/rotas/requests/{request.pk}/withdraw/").status_code == 302
    assert not RotaRequest.objects.exists()


def test_a_request_for_a_shift_names_the_shift(world, sign_in, night):
    client = sign_in(world.ada_user)
    day = date.today() + timedelta(days=10)
    data = {"kind": "on", "weight": "1"} | date_fields("first_date", day)
    text = page_text(client.post("/rotas/requests/", data))
    assert "Choose the shift wanted" in text
    response = client.post("/rotas/requests/", data | {"shift_type": str(night.pk)})
    assert response.status_code == 302
    assert RotaRequest.objects.get().last_date == day


def test_a_coordinator_enters_requests_for_the_departments_doctors(world, sign_in):
    client = sign_in(world.coordinator)
    day = date.today() + timedelta(days=10)
    data = {"doctor": str(world.bea.pk), "kind": "off", "weight": "2"} | date_fields(
        "first_date", day
    )
    url = f"/rotas/departments/{world.acute.pk}/requests/"
    assert client.post(url, data).status_code == 302
    assert RotaRequest.objects.get().doctor == world.bea
    # Another department's doctor is not a choice.
    refused = client.post(url, data | {"doctor": str(world.carys.pk)})
    assert "Select a valid choice" in page_text(refused)


def test_a_doctor_cannot_withdraw_anothers_request(world, sign_in):
    theirs = RotaRequestFactory(doctor=world.bea, created_by=world.coordinator)
    response = sign_in(world.ada_user).post(f"/rotas/requests/{theirs.pk}/withdraw/")
    assert response.status_code == 404
    assert RotaRequest.objects.filter(pk=theirs.pk).exists()


def test_a_user_who_is_not_a_doctor_has_no_requests_page(world, sign_in):
    assert sign_in(world.nobody).get("/rotas/requests/").status_code == 403


# --- who may do what -----------------------------------------------------------------

COORDINATOR_PAGES = [
    ("get", "/rotas/departments/{acute}/generate/"),
    ("post", "/rotas/departments/{acute}/generate/"),
    ("get", "/rotas/departments/{acute}/cover/{night}/"),
    ("post", "/rotas/departments/{acute}/cover/{night}/"),
    ("get", "/rotas/departments/{acute}/cover/dates/add/"),
    ("post", "/rotas/departments/{acute}/cover/dates/{dated}/remove/"),
    ("post", "/rotas/generation/{run}/cancel/"),
    ("get", "/rotas/{draft}/publish/"),
    ("post", "/rotas/{draft}/publish/"),
    ("get", "/rotas/departments/{acute}/requests/"),
]
VIEWER_PAGES = [
    ("get", "/rotas/departments/{acute}/cover/"),
    ("get", "/rotas/generation/{run}/"),
    ("get", "/rotas/departments/{acute}/compare/"),
]


@pytest.fixture
def urls(world, night):
    dated = CoverRequirementFactory(shift_type=night, weekday=None, date=date(2026, 10, 24))
    draft = RotaFactory(department=world.acute, status=RotaStatus.DRAFT)
    run = queued_run(world)
    return {
        "acute": world.acute.pk,
        "night": night.pk,
        "dated": dated.pk,
        "draft": draft.pk,
        "run": run.pk,
    }


def call(client, method, url):
    return client.post(url) if method == "post" else client.get(url)


@pytest.mark.parametrize(("method", "url"), COORDINATOR_PAGES + VIEWER_PAGES)
def test_another_departments_coordinator_and_a_doctor_are_refused(
    world, sign_in, urls, method, url
):
    for user in (world.cardiology_coordinator, world.ada_user, world.nobody):
        response = call(sign_in(user), method, url.format(**urls))
        assert response.status_code == 404, (user, url)
    assert GenerationRun.objects.count() == 1
    assert not GenerationRun.objects.get().cancel_requested
    assert Rota.objects.get(pk=urls["draft"]).status == RotaStatus.DRAFT


@pytest.mark.parametrize(("method", "url"), COORDINATOR_PAGES)
def test_a_service_manager_sees_but_does_not_change(world, sign_in, urls, method, url):
    response = call(sign_in(world.service_manager), method, url.format(**urls))
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "url"), VIEWER_PAGES)
def test_a_service_manager_sees_runs_cover_and_comparisons(world, sign_in, urls, method, url):
    assert call(sign_in(world.service_manager), method, url.format(**urls)).status_code == 200


@pytest.mark.parametrize(("method", "url"), COORDINATOR_PAGES + VIEWER_PAGES)
def test_signed_out_users_are_sent_to_sign_in(client, urls, method, url):
    response = call(client, method, url.format(**urls))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


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


def test_requests_pages_refuse_the_signed_out_and_other_departments(world, client, sign_in):
    theirs = RotaRequestFactory(doctor=world.ada, created_by=world.ada_user)
    for method, url in (
        ("get", "/rotas/requests/"),
        ("post", "/rotas/requests/"),
        ("post", f"/rotas/requests/{theirs.pk}/withdraw/"),
    ):
        response = call(client, method, url)
        assert response["Location"].startswith("/sign-in/"), url
    other = sign_in(world.cardiology_coordinator)
    assert other.post(f"/rotas/requests/{theirs.pk}/withdraw/").status_code == 404
    assert other.get("/rotas/requests/").status_code == 403  # not a doctor
    # Acute medicine's coordinator may withdraw it for her.
    coordinator = sign_in(world.coordinator)
    assert coordinator.post(f"/rotas/requests/{theirs.pk}/withdraw/").status_code == 302
    assert not RotaRequest.objects.exists()


def test_a_generated_rota_and_its_department_link_to_the_run(world, sign_in):
    draft = RotaFactory(department=world.acute, name="Generated", status=RotaStatus.DRAFT)
    run = queued_run(world, status=RunStatus.SUCCEEDED, rota=draft)
    client = sign_in(world.service_manager)
    grid = client.get(f"/rotas/{draft.pk}/").content.decode()
    assert f'href="/rotas/generation/{run.pk}/"' in grid
    department = client.get(f"/departments/{world.acute.pk}/").content.decode()
    assert f'href="/rotas/generation/{run.pk}/"' in department
    assert "Generate a rota" not in page_text(client.get(f"/departments/{world.acute.pk}/"))
