"""The audit log page: for administrators and medical staffing only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from rotaplan.people.models import Doctor, Role
from rotaplan.people.services import doctor_update
from tests.factories.people import DoctorFactory, user_with_role
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def grade_change(world, sign_in):
    """Ada's coordinator moves her up a grade through the page, so the log has an actor."""
    with time_machine.travel(datetime(2026, 8, 3, 13, 5, tzinfo=UTC), tick=False):
        sign_in(world.coordinator).post(
            f"/doctors/{world.ada.pk}/edit/",
            {
                "version": 1,
                "first_name": "Ada",
                "last_name": "Patel",
                "gmc_number": "7012345",
                "grade": "ST4",
                "contract": "tcs2016",
                "wte": "1.00",
                "opted_out": "false",
                "department": world.acute.pk,
                "post_start[day]": 5,
                "post_start[month]": 8,
                "post_start[year]": 2026,
            },
        )
    return LogEntry.objects.get_for_object(world.ada).get(action=LogEntry.Action.UPDATE)


def test_medical_staffing_sees_who_changed_what_from_what_to_what(world, sign_in, grade_change):
    text = page_text(sign_in(world.staffing).get("/audit/"))
    coordinator = world.coordinator.get_full_name()
    assert (
        f"Mon 3 Aug 2026 14:05 Who {coordinator} from 127.0.0.1 Action Update What Dr Ada "
        "Patel doctor"
    ) in text
    assert "Grade: Specialty trainee year 3 → Specialty trainee year 4" in text
    assert "End of post: Tue 3 Aug 2027 → (none)" in text
    assert "Version: 1 → 2" in text


def test_newest_changes_come_first(world, sign_in, grade_change):
    doctor_update(actor=world.staffing, doctor=world.ada, version=2, first_name="Adaeze")
    text = page_text(sign_in(world.staffing).get("/audit/"))
    assert text.index("First name: Ada → Adaeze") < text.index("Grade: Specialty")


def test_filter_by_record_type_and_by_who_made_the_change(world, sign_in, grade_change):
    client = sign_in(world.staffing)
    doctor_type = ContentType.objects.get_for_model(Doctor)
    by_type = page_text(client.get(f"/audit/?content_type={doctor_type.pk}"))
    assert "Grade: Specialty trainee year 3" in by_type
    assert "Cardiology SHOs" not in by_type  # a rota's creation is filtered out
    by_actor = page_text(client.get(f"/audit/?actor={world.coordinator.pk}"))
    assert "1 change, newest first" in by_actor
    assert "Grade: Specialty trainee year 3" in by_actor


def test_log_is_paginated(world, sign_in):
    DoctorFactory.create_batch(40, department=world.acute)
    assert LogEntry.objects.count() > 50
    html = sign_in(world.staffing).get("/audit/").content.decode()
    assert "nhsuk-pagination" in html
    assert 'href="?page=2"' in html


def test_administrator_sees_the_audit_log(world, sign_in, grade_change):
    administrator = user_with_role(Role.ADMINISTRATOR)
    assert "Grade: Specialty trainee year 3" in page_text(sign_in(administrator).get("/audit/"))


@pytest.mark.parametrize("user", ["coordinator", "cardiology_coordinator", "nobody", "ada_user"])
def test_only_administrators_and_medical_staffing_see_the_audit_log(
    world, sign_in, grade_change, user
):
    response = sign_in(getattr(world, user)).get("/audit/")
    assert response.status_code == 403
    assert "Specialty trainee year 4" not in response.content.decode()
