"""Reads of personal data leave an audit entry (who, what, when, from where): a doctor's
record, a work schedule with pay as a page, a PDF, JSON or over the API. So do refused
writes; and the background worker's writes are the system's, for the user who asked, from
where they asked."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from auditlog.models import LogEntry
from django.test import TestCase

from rotaplan.audit.services import Event
from rotaplan.rotas.generation.services import execute_run
from rotaplan.rotas.models import GenerationRun, Rota, RotaStatus
from tests.factories.rotas import AssignmentFactory, ShiftTypeFactory
from tests.integration.rotas.generation.generation_world import END, START, make_ward
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def entries(event: str) -> list[LogEntry]:
    return list(LogEntry.objects.filter(additional_data__event=event).order_by("pk"))


def summary(entry: LogEntry) -> tuple[object, ...]:
    return (
        entry.actor,
        entry.object_repr,
        entry.additional_data["detail"],
        entry.remote_addr,
    )


def test_opening_a_doctors_record_is_audited(world, sign_in):
    client = sign_in(world.coordinator)
    assert client.get(f"/doctors/{world.ada.pk}/", REMOTE_ADDR="10.0.0.7").status_code == 200
    assert client.get(f"/api/doctors/{world.ada.pk}", REMOTE_ADDR="10.0.0.7").status_code == 200
    assert [summary(e) for e in entries(Event.VIEWED)] == [
        (world.coordinator, "Dr Ada Patel", "their record", "10.0.0.7"),
        (world.coordinator, "Dr Ada Patel", "their record (API)", "10.0.0.7"),
    ]
    assert entries(Event.VIEWED)[0].object_pk == str(world.ada.pk)


def test_a_record_outside_the_users_scope_is_neither_shown_nor_logged_as_read(world, sign_in):
    response = sign_in(world.cardiology_coordinator).get(f"/doctors/{world.ada.pk}/")
    assert response.status_code == 404
    assert entries(Event.VIEWED) == []


def test_every_way_of_reading_a_work_schedule_is_audited(world, sign_in):
    long_day = ShiftTypeFactory(department=world.acute, code="LD", start=time(8), end=time(20, 30))
    for offset in (0, 1, 2):
        AssignmentFactory(
            rota=world.rota,
            doctor=world.ada,
            shift_type=long_day,
            date=world.rota.period_start + timedelta(offset),
        )
    client = sign_in(world.staffing)
    base = f"/rotas/{world.rota.pk}/work-schedules/{world.ada.pk}/"
    for url in (base, f"{base}work-schedule.pdf", f"{base}work-schedule.json"):
        assert client.get(url).status_code == 200
    api = f"/api/rotas/{world.rota.pk}/doctors/{world.ada.pk}/work-schedule"
    assert client.get(api).status_code == 200
    schedule = "their work schedule for Acute medicine registrars"
    assert [summary(e) for e in entries(Event.VIEWED)] == [
        (world.staffing, "Dr Ada Patel", f"{schedule} ({how})", "127.0.0.1")
        for how in ("page", "PDF", "JSON download", "API")
    ]


@pytest.mark.parametrize(
    ("user", "status", "answer"),
    [
        ("cardiology_coordinator", 404, "not found or outside their scope"),
        ("service_manager", 403, "not theirs to change"),
    ],
)
def test_a_refused_write_is_audited(world, sign_in, user, status, answer):
    refused = getattr(world, user)
    url = f"/rotas/{world.rota.pk}/shifts/add/"
    assert sign_in(refused).post(url, {}, REMOTE_ADDR="10.0.0.9").status_code == status
    assert [summary(e) for e in entries(Event.REFUSED)] == [
        (refused, str(refused), f"POST {url} refused: {answer}", "10.0.0.9")
    ]


def test_a_read_refused_is_not_a_refused_write(world, sign_in):
    sign_in(world.cardiology_coordinator).get(f"/rotas/{world.rota.pk}/")
    assert entries(Event.REFUSED) == []


def test_the_worker_acts_as_the_system_for_whoever_asked_from_where_they_asked(sign_in):
    ward = make_ward()
    client = sign_in(ward.coordinator)
    with TestCase.captureOnCommitCallbacks(execute=False):
        response = client.post(
            f"/api/departments/{ward.department.pk}/generation-runs",
            {"period_start": START.isoformat(), "period_end": END.isoformat(), "time_limit": 5},
            content_type="application/json",
            REMOTE_ADDR="10.2.3.4",
        )
    run = GenerationRun.objects.get(pk=response.json()["id"])
    assert run.requested_from == "10.2.3.4"
    execute_run(run.pk)
    rota = Rota.objects.get(status=RotaStatus.DRAFT)
    made = LogEntry.objects.get_for_object(rota).get(action=LogEntry.Action.CREATE)
    name = ward.coordinator.get_full_name()
    assert (made.actor, made.remote_addr) == (None, "10.2.3.4")
    assert made.additional_data["acting_for"] == name
    finished = LogEntry.objects.get_for_object(run).filter(action=LogEntry.Action.UPDATE).last()
    assert (finished.actor, finished.additional_data["acting_for"]) == (None, name)


def test_the_audit_log_page_shows_reads_and_refusals_in_words(world, sign_in):
    sign_in(world.coordinator).get(f"/doctors/{world.ada.pk}/")
    sign_in(world.cardiology_coordinator).post(f"/rotas/{world.rota.pk}/shifts/add/", {})
    text = page_text(sign_in(world.staffing).get("/audit/"))
    assert "Viewed" in text
    assert "their record" in text
    assert "from 127.0.0.1" in text
    assert "Refused" in text
    assert "refused: not found or outside their scope" in text


def test_a_page_of_the_doctor_list_is_audited_with_the_doctors_it_showed(world, sign_in):
    client = sign_in(world.coordinator)
    assert client.get("/doctors/", REMOTE_ADDR="10.0.0.8").status_code == 200
    assert client.get("/api/doctors", REMOTE_ADDR="10.0.0.8").status_code == 200
    listed = entries(Event.LISTED)
    shown = len(listed[0].additional_data["doctors"])
    assert [summary(e) for e in listed] == [
        (
            world.coordinator,
            str(world.coordinator),
            f"the doctor list, page 1 of 1, {shown} doctors",
            "10.0.0.8",
        ),
        (
            world.coordinator,
            str(world.coordinator),
            f"the doctor list, page 1 of 1, {shown} doctors (API)",
            "10.0.0.8",
        ),
    ]
    assert world.ada.pk in listed[0].additional_data["doctors"]
    assert listed[0].additional_data["doctors"] == listed[1].additional_data["doctors"]


def test_the_rota_grid_with_its_leave_is_audited(world, sign_in):
    response = sign_in(world.coordinator).get(
        f"/rotas/{world.rota.pk}/?from={world.rota.period_start}&weeks=1", REMOTE_ADDR="10.0.0.8"
    )
    assert response.status_code == 200
    [read] = entries(Event.VIEWED)
    assert (read.actor, read.object_pk, read.remote_addr) == (
        world.coordinator,
        str(world.rota.pk),
        "10.0.0.8",
    )
    assert read.additional_data["detail"].startswith("the grid from ")
    assert read.additional_data["detail"].endswith(", with leave")


def test_a_grid_outside_the_users_scope_is_not_logged_as_read(world, sign_in):
    response = sign_in(world.cardiology_coordinator).get(f"/rotas/{world.rota.pk}/")
    assert response.status_code == 404
    assert entries(Event.VIEWED) == []
