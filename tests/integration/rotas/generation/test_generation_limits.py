"""Generation runs are bounded: a few waiting or running per department and per user, one
run for the same request however many times (and however fast) it is sent, and periods
within the planning horizon, typed with four-digit years."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.test import TestCase

from rotaplan.people.models import Role, RoleAssignment
from rotaplan.rotas.generation.services import (
    MAX_UNFINISHED_PER_DEPARTMENT,
    MAX_UNFINISHED_PER_USER,
    SameRunWaiting,
    TooManyRuns,
    start_generation,
)
from rotaplan.rotas.models import GenerationRun, RunStatus
from tests.factories.people import user_with_role
from tests.integration.rotas.generation.generation_world import END, START, make_ward
from tests.page_text import page_text

API = "/api/departments/{}/generation-runs"


def body(weeks_later: int = 0, **changes: object) -> dict[str, object]:
    shift = timedelta(weeks=weeks_later)
    return {
        "period_start": (START + shift).isoformat(),
        "period_end": (END + shift).isoformat(),
        "time_limit": 5,
        **changes,
    }


def post(client, department_id: int, payload: dict[str, object]):
    return client.post(API.format(department_id), payload, content_type="application/json")


def start(ward, user=None, weeks_later: int = 0) -> GenerationRun:
    with TestCase.captureOnCommitCallbacks(execute=False):
        return start_generation(
            actor=user or ward.coordinator,
            department=ward.department,
            period_start=START + timedelta(weeks=weeks_later),
            period_end=END + timedelta(weeks=weeks_later),
            time_limit=5,
        )


@pytest.mark.django_db
def test_a_department_has_at_most_two_runs_waiting_or_running(sign_in):
    ward = make_ward()
    client = sign_in(ward.coordinator)
    for weeks in range(MAX_UNFINISHED_PER_DEPARTMENT):
        assert post(client, ward.department.pk, body(weeks)).status_code == 201
    refused = post(client, ward.department.pk, body(weeks_later=10))
    assert refused.status_code == 429
    assert refused.json()["detail"] == (
        "Acute medicine already has 2 rotas being generated. Wait for one to finish, or "
        "cancel one, then try again."
    )
    assert GenerationRun.objects.count() == MAX_UNFINISHED_PER_DEPARTMENT


@pytest.mark.django_db
def test_a_finished_run_makes_room_for_another(sign_in):
    ward = make_ward()
    first = start(ward)
    start(ward, weeks_later=2)
    GenerationRun.objects.filter(pk=first.pk).update(status=RunStatus.CANCELLED)
    assert start(ward, weeks_later=4).status == RunStatus.QUEUED


@pytest.mark.django_db
def test_one_user_has_at_most_three_runs_waiting_across_departments():
    acute = make_ward()
    cardiology = make_ward(name="Cardiology", code="cardiology")
    staffing = user_with_role(Role.MEDICAL_STAFFING)
    start(acute, staffing)
    start(acute, staffing, weeks_later=2)
    start(cardiology, staffing)
    with pytest.raises(TooManyRuns) as refused:
        start(cardiology, staffing, weeks_later=2)
    assert refused.value.message.startswith(
        f"You already have {MAX_UNFINISHED_PER_USER} rotas being generated."
    )


@pytest.mark.django_db
def test_the_generate_page_says_why_no_run_was_queued(sign_in):
    ward = make_ward()
    start(ward)
    start(ward, weeks_later=2)
    client = sign_in(ward.coordinator)
    start_day = START + timedelta(weeks=4)
    end_day = END + timedelta(weeks=4)
    response = client.post(
        f"/rotas/departments/{ward.department.pk}/generate/",
        {
            "period_start[day]": start_day.day,
            "period_start[month]": start_day.month,
            "period_start[year]": start_day.year,
            "period_end[day]": end_day.day,
            "period_end[month]": end_day.month,
            "period_end[year]": end_day.year,
            "staff_group": "training",
            "time_limit": "5",
        },
    )
    assert response.status_code == 200
    assert "already has 2 rotas being generated" in page_text(response)
    assert GenerationRun.objects.count() == 2


@pytest.mark.django_db
def test_the_same_request_again_answers_the_run_already_waiting(sign_in):
    ward = make_ward()
    client = sign_in(ward.coordinator)
    first = post(client, ward.department.pk, body())
    again = post(client, ward.department.pk, body())
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert GenerationRun.objects.count() == 1


@pytest.mark.django_db
def test_the_same_request_again_on_the_page_shows_the_run_already_waiting(sign_in):
    ward = make_ward()
    run = start(ward)
    form = {
        "period_start[day]": START.day,
        "period_start[month]": START.month,
        "period_start[year]": START.year,
        "period_end[day]": END.day,
        "period_end[month]": END.month,
        "period_end[year]": END.year,
        "staff_group": "training",
        "time_limit": "30",
    }
    response = sign_in(ward.coordinator).post(
        f"/rotas/departments/{ward.department.pk}/generate/", form
    )
    assert response.status_code == 302
    assert response.url == f"/rotas/generation/{run.pk}/"
    assert GenerationRun.objects.count() == 1


@pytest.mark.django_db
def test_the_database_holds_one_unfinished_run_of_a_request():
    ward = make_ward()
    run = start(ward)
    same = {
        "department": ward.department,
        "period_start": START,
        "period_end": END,
        "staff_group": run.staff_group,
        "created_by": ward.coordinator,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        GenerationRun.objects.create(**same)
    GenerationRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED)
    GenerationRun.objects.create(**same)  # a finished run is no obstacle


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's shared in-memory test database refuses the second writer at once "
    "(table locked) rather than making it wait; CI runs PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_identical_requests_at_the_same_moment_queue_one_run():
    """Two real transactions in two threads, released together: whichever commits first
    queues the run, the other is answered with it."""
    ward = make_ward()
    colleague = user_with_role(Role.ROTA_COORDINATOR, ward.department)
    together = threading.Barrier(2)
    outcomes: list[object] = []

    def ask(user) -> None:
        together.wait()
        try:
            outcomes.append(
                start_generation(
                    actor=user,
                    department=ward.department,
                    period_start=START,
                    period_end=END,
                    time_limit=5,
                )
            )
        except SameRunWaiting as same:
            outcomes.append(same)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(u,)) for u in (ward.coordinator, colleague)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    run = GenerationRun.objects.get()
    queued = [o for o in outcomes if isinstance(o, GenerationRun)]
    told = [o for o in outcomes if isinstance(o, SameRunWaiting)]
    assert (len(queued), len(told)) == (1, 1), outcomes
    assert queued[0].pk == told[0].run.pk == run.pk


# --- periods ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["9999", "2000"])
def test_a_period_outside_the_planning_horizon_is_refused(sign_in, year):
    ward = make_ward()
    response = post(
        sign_in(ward.coordinator),
        ward.department.pk,
        body(period_start=f"{year}-08-02", period_end=f"{year}-08-15"),
    )
    assert response.status_code == 422
    assert {e["field"]: e["message"] for e in response.json()["errors"]} == {
        "period_start": "Enter a date from 2025 to 2028",
        "period_end": "Enter a date from 2025 to 2028",
    }
    assert not GenerationRun.objects.exists()


@pytest.mark.django_db
def test_the_generate_form_refuses_a_two_digit_year(sign_in):
    ward = make_ward()
    response = sign_in(ward.coordinator).post(
        f"/rotas/departments/{ward.department.pk}/generate/",
        {
            "period_start[day]": "1",
            "period_start[month]": "2",
            "period_start[year]": "27",
            "period_end[day]": "28",
            "period_end[month]": "2",
            "period_end[year]": "2027",
            "staff_group": "training",
            "time_limit": "5",
        },
    )
    assert response.status_code == 200
    assert "Enter the year with 4 numbers, for example 2026" in page_text(response)
    assert not GenerationRun.objects.exists()


@pytest.mark.django_db
def test_a_rota_request_for_9999_is_refused(sign_in):
    ward = make_ward()
    doctor = ward.doctors[0]
    RoleAssignment.objects.filter(user=ward.coordinator).delete()
    user = ward.coordinator
    user.doctor = doctor
    user.save()
    response = sign_in(user).post(
        "/rotas/requests/",
        {
            "kind": "off",
            "first_date[day]": "1",
            "first_date[month]": "8",
            "first_date[year]": "9999",
            "weight": "1",
        },
    )
    assert response.status_code == 200
    assert "Enter a date from 2025 to 2028" in page_text(response)
    assert not doctor.rota_requests.exists()
