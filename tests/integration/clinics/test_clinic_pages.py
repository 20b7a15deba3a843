"""The clinics pages: each shows to the department's people and refuses everyone else
(404 outside their scope, 403 for a change they may not make); the change, approval and
rebooking flow through the pages; patients' details read are audited."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from rotaplan.clinics.models import RebookingEntry, SessionStatus
from tests.factories.clinics import AppointmentFactory

pytestmark = pytest.mark.django_db


def pages(world, template, session):
    d = world.acute.pk
    return {
        "/clinics/": 200,
        f"/clinics/departments/{d}/templates/": 200,
        f"/clinics/departments/{d}/templates/new/": 200,
        f"/clinics/templates/{template.pk}/": 200,
        f"/clinics/departments/{d}/sessions/": 200,
        f"/clinics/departments/{d}/sessions/generate/": 200,
        f"/clinics/sessions/{session.pk}/": 200,
        f"/clinics/departments/{d}/notice/": 200,
        f"/clinics/departments/{d}/rebooking/": 200,
        f"/clinics/departments/{d}/rebooking.csv": 200,
    }


def test_the_coordinator_opens_every_page(world, template, soon, sign_in):
    client = sign_in(world.coordinator)
    for url, status in pages(world, template, soon).items():
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("who", ["cardiology_coordinator", "nobody"])
def test_other_departments_and_nobody_get_404(world, template, soon, sign_in, who):
    client = sign_in(getattr(world, who))
    for url in pages(world, template, soon):
        if url != "/clinics/":
            assert client.get(url).status_code == 404, url
    index = client.get("/clinics/")
    assert index.status_code == (200 if who == "cardiology_coordinator" else 404)
    assert "Acute medicine" not in index.text
    assert client.get("/clinics/to-approve/").status_code == 404
    assert client.post(f"/clinics/sessions/{soon.pk}/", {"action": "cancel"}).status_code == 404


def test_the_booking_coordinator_sees_but_does_not_change(world, template, soon, sign_in):
    client = sign_in(world.booking_coordinator)
    assert client.get(f"/clinics/sessions/{soon.pk}/").status_code == 200
    assert client.get(f"/clinics/departments/{world.acute.pk}/templates/new/").status_code == 403
    assert client.post(f"/clinics/sessions/{soon.pk}/", {"action": "cancel"}).status_code == 403
    assert client.get("/clinics/to-approve/").status_code == 404


def test_a_doctor_sees_their_own_clinics_without_patients(world, soon, sign_in):
    AppointmentFactory(session=soon, patient_name="Zed Moon")
    client = sign_in(world.ada_user)
    mine = client.get("/clinics/mine/")
    assert mine.status_code == 200
    assert "Acute follow-up clinic" in mine.text
    page = client.get(f"/clinics/sessions/{soon.pk}/")
    assert page.status_code == 200
    assert "Zed Moon" not in page.text
    assert client.get(f"/clinics/departments/{world.acute.pk}/rebooking/").status_code == 404
    assert sign_in(world.nobody).get("/clinics/mine/").status_code == 404


def test_cancel_approve_and_rebook_through_the_pages(world, soon, sign_in):
    AppointmentFactory(session=soon, patient_name="Zed Moon")
    coordinator = sign_in(world.coordinator)
    page = coordinator.get(f"/clinics/sessions/{soon.pk}/")
    assert "Zed Moon" in page.text
    assert LogEntry.objects.filter(additional_data__event="viewed").exists()
    done = coordinator.post(
        f"/clinics/sessions/{soon.pk}/",
        {"action": "cancel", "reason": "Room closed", "version": soon.version},
        follow=True,
    )
    assert "waits for a service manager" in done.text
    soon.refresh_from_db()
    assert soon.status == SessionStatus.AWAITING_APPROVAL
    manager = sign_in(world.service_manager)
    awaiting = manager.get("/clinics/to-approve/")
    assert "Acute follow-up clinic" in awaiting.text
    change = soon.changes.get()
    refused = manager.post(f"/clinics/changes/{change.pk}/decision/", {"decision": "refuse"})
    assert refused.status_code == 302
    decided = manager.post(
        f"/clinics/changes/{change.pk}/decision/",
        {"decision": "approve", "version": soon.version},
        follow=True,
    )
    assert "is approved" in decided.text
    booking = sign_in(world.booking_coordinator)
    listed = booking.get(f"/clinics/departments/{world.acute.pk}/rebooking/")
    assert "Zed Moon" in listed.text
    assert "943 476 5919" in listed.text
    csv = booking.get(f"/clinics/departments/{world.acute.pk}/rebooking.csv")
    assert "Zed Moon" in csv.content.decode()
    entry = RebookingEntry.objects.get()
    booking.post(f"/clinics/rebooking/{entry.pk}/rebooked/")
    entry.refresh_from_db()
    assert entry.status == "rebooked"


def test_a_coordinator_may_not_approve_and_generates_sessions(world, template, soon, sign_in):
    client = sign_in(world.coordinator)
    made = client.post(
        f"/clinics/departments/{world.acute.pk}/sessions/generate/",
        {
            "start[day]": "7",
            "start[month]": "12",
            "start[year]": "2026",
            "end[day]": "31",
            "end[month]": "12",
            "end[year]": "2026",
        },
        follow=True,
    )
    assert "sessions generated" in made.text
    assert client.get("/clinics/to-approve/").status_code == 404
    policy = client.post(f"/clinics/departments/{world.acute.pk}/notice/", {"notice_weeks": "0"})
    assert policy.status_code == 403
    manager = sign_in(world.service_manager)
    saved = manager.post(
        f"/clinics/departments/{world.acute.pk}/notice/", {"notice_weeks": "4", "version": "1"}
    )
    assert saved.status_code == 302


def test_a_template_is_added_with_its_slots_named_by_row(world, sign_in):
    client = sign_in(world.coordinator)
    data = {
        "clinician": world.ada.pk,
        "name": "Chest pain clinic",
        "weekday": "2",
        "start": "09:00",
        "end": "10:00",
        "every_weeks": "1",
        "valid_from[day]": "4",
        "valid_from[month]": "1",
        "valid_from[year]": "2027",
        "slot_1_type": "new",
        "slot_1_minutes": "30",
        "slot_1_count": "3",
    }
    refused = client.post(f"/clinics/departments/{world.acute.pk}/templates/new/", data)
    assert "The slots take 90 minutes but the clinic runs 60 minutes" in refused.text
    data["slot_1_count"] = "2"
    added = client.post(f"/clinics/departments/{world.acute.pk}/templates/new/", data)
    assert added.status_code == 302
