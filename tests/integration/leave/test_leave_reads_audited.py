"""Leave and sickness are personal data, sickness health data: every look at a record or
at a list of them is in the audit log, naming the doctors seen."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry

from rotaplan.leave.models import LeaveStatus, LeaveType
from tests.factories.leave import LeaveRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sickness(world):
    return LeaveRecordFactory(
        doctor=world.ada,
        leave_type=LeaveType.SICK,
        start=date(2026, 8, 10),
        end=date(2026, 8, 14),
        status=LeaveStatus.APPROVED,
    )


def test_opening_a_sickness_record_is_audited(world, sickness, sign_in):
    sign_in(world.coordinator).get(f"/leave/{sickness.pk}/")
    details = [
        e.additional_data["detail"] for e in LogEntry.objects.filter(actor=world.coordinator)
    ]
    assert "their sickness Mon 10 Aug 2026 to Fri 14 Aug 2026" in details


def test_the_api_read_of_a_record_and_of_the_list_are_audited(world, sickness, sign_in):
    client = sign_in(world.coordinator)
    assert client.get(f"/api/leave-requests/{sickness.pk}").status_code == 200
    assert client.get("/api/leave-requests").status_code == 200
    found = {
        entry.additional_data["event"]: entry.additional_data
        for entry in LogEntry.objects.filter(actor=world.coordinator)
    }
    assert found["viewed"]["detail"].endswith("(API)")
    assert found["listed"]["doctors"] == [world.ada.pk]


def test_the_coordinators_list_is_audited_with_the_doctors_shown(world, sickness, sign_in):
    sign_in(world.coordinator).get("/leave/requests/")
    listed = LogEntry.objects.filter(actor=world.coordinator).get()
    assert listed.additional_data["doctors"] == [world.ada.pk]


def test_the_entitlements_pages_are_audited(world, sign_in):
    client = sign_in(world.coordinator)
    assert client.get(f"/leave/departments/{world.acute.pk}/entitlements/").status_code == 200
    page = f"/leave/departments/{world.acute.pk}/entitlements/{world.ada.pk}/"
    assert client.get(page).status_code == 200
    found = {
        entry.additional_data["event"]: entry.additional_data
        for entry in LogEntry.objects.filter(actor=world.coordinator)
    }
    assert set(found["listed"]["doctors"]) == {world.ada.pk, world.bea.pk}
    assert found["viewed"]["detail"] == "their leave entitlement"
