"""GET /api/rotas/{id} and POST /api/rotas/{id}/assignments, and the rules every new
assignment keeps however it is made (service, API, admin)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from rotaplan.rotas.editing.services import assignment_create
from rotaplan.rotas.models import Assignment, Rota, RotaStatus
from tests.factories.people import UserFactory
from tests.factories.rotas import AssignmentFactory, RotaFactory

pytestmark = pytest.mark.django_db

OVERLAP = (
    "Dr Ada Patel already works N 20:00 Mon 3 Aug 2026 to 08:30 Tue 4 Aug 2026, "
    "which overlaps this shift"
)


@pytest.fixture(autouse=True)
def draft_rota(world):
    """Shifts are added only to a draft rota (a published one answers 409, tested in
    test_rota_editing.py); reading is the same for both."""
    world.rota.status = RotaStatus.DRAFT
    world.rota.save()


def post_assignment(client, rota: Rota, **body: object):
    return client.post(f"/api/rotas/{rota.pk}/assignments", body, content_type="application/json")


def version_of(rota: Rota) -> int:
    return Rota.objects.get(pk=rota.pk).version


# Reading a rota


def test_api_rota_lists_assignments_with_uk_offsets(world, sign_in, night):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    body = sign_in(world.coordinator).get(f"/api/rotas/{world.rota.pk}").json()
    assert body["name"] == "Acute medicine registrars"
    assert body["status"] == "draft"
    assert body["assignments"] == [
        {
            "id": Assignment.objects.get().pk,
            "doctor_id": world.ada.pk,
            "shift_code": "N",
            "date": "2026-08-03",
            "start": "2026-08-03T20:00:00+01:00",
            "end": "2026-08-04T08:30:00+01:00",
        }
    ]


def test_api_booking_coordinator_reads_the_rota(world, sign_in):
    assert sign_in(world.booking_coordinator).get(f"/api/rotas/{world.rota.pk}").status_code == 200


def test_api_coordinator_cannot_read_other_department_rota(world, sign_in, night):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    response = sign_in(world.cardiology_coordinator).get(f"/api/rotas/{world.rota.pk}")
    assert response.status_code == 404
    assert "Acute medicine registrars" not in response.content.decode()


@pytest.mark.parametrize("user", ["nobody", "ada_user"])
def test_api_users_without_a_department_role_cannot_read_a_rota(world, sign_in, user):
    assert sign_in(getattr(world, user)).get(f"/api/rotas/{world.rota.pk}").status_code == 404


def test_api_missing_rota_is_not_found(world, sign_in):
    assert sign_in(world.staffing).get("/api/rotas/999999").status_code == 404


# Adding an assignment


def test_api_add_assignment_needs_sign_in(world, client, night):
    response = post_assignment(
        client, world.rota, doctor_id=world.ada.pk, shift_code="N", date="2026-08-03"
    )
    assert response.status_code == 401
    assert not Assignment.objects.exists()


def test_coordinator_puts_a_doctor_on_a_night(world, sign_in, night):
    response = post_assignment(
        sign_in(world.coordinator),
        world.rota,
        doctor_id=world.ada.pk,
        shift_code="N",
        date="2026-08-03",
    )
    assert response.status_code == 201
    assert response.json()["start"] == "2026-08-03T20:00:00+01:00"
    assert response.json()["end"] == "2026-08-04T08:30:00+01:00"
    assignment = Assignment.objects.get()
    assert assignment.end == datetime(2026, 8, 4, 7, 30, tzinfo=UTC)
    assert version_of(world.rota) == 2
    entry = LogEntry.objects.get_for_object(assignment).get()
    assert entry.actor == world.coordinator


def test_explicit_local_times_override_the_shift_types(world, sign_in, long_day):
    response = post_assignment(
        sign_in(world.staffing),
        world.rota,
        doctor_id=world.ada.pk,
        shift_code="LD",
        date="2026-10-24",
        start="2026-10-24T09:00",
        end="2026-10-24T17:00",
    )
    assert response.status_code == 201
    assert response.json()["start"] == "2026-10-24T09:00:00+01:00"
    assert Assignment.objects.get().start == datetime(2026, 10, 24, 8, 0, tzinfo=UTC)


def test_a_colleague_from_another_department_may_cover(world, sign_in, night):
    # Put on by medical staffing, who may see both departments' doctors; a coordinator of
    # acute medicine alone may not see Carys at all (test_scoping_leaks.py).
    response = post_assignment(
        sign_in(world.staffing),
        world.rota,
        doctor_id=world.carys.pk,
        shift_code="N",
        date="2026-08-03",
    )
    assert response.status_code == 201


def test_overlapping_shift_is_refused_naming_the_clash(world, sign_in, night, long_day):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    response = post_assignment(
        sign_in(world.coordinator),
        world.rota,
        doctor_id=world.ada.pk,
        shift_code="LD",
        date="2026-08-03",
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The assignment was not created",
        "errors": [{"field": None, "message": OVERLAP}],
    }
    assert Assignment.objects.count() == 1
    assert version_of(world.rota) == 1


def test_overlap_with_a_shift_on_another_rota_is_refused(world, sign_in, night, long_day):
    other_rota = RotaFactory(department=world.acute, name="Acute take")
    AssignmentFactory(rota=other_rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    response = post_assignment(
        sign_in(world.coordinator),
        world.rota,
        doctor_id=world.ada.pk,
        shift_code="N",
        date="2026-08-03",
        start="2026-08-04T07:00",
        end="2026-08-04T12:00",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == OVERLAP


def test_shifts_that_only_touch_do_not_overlap(world, sign_in, night, long_day):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    response = post_assignment(
        sign_in(world.coordinator),
        world.rota,
        doctor_id=world.ada.pk,
        shift_code="LD",
        date="2026-08-04",
        # no rest after the night breaks the rules, though the shifts do not overlap
        reason="Testing that touching shifts do not overlap",
    )
    assert response.status_code == 201
    assert Assignment.objects.count() == 2


def test_shift_ending_before_it_starts_is_refused(world, sign_in, long_day):
    response = post_assignment(
        sign_in(world.coordinator),
        world.rota,
        doctor_id=world.ada.pk,
        shift_code="LD",
        date="2026-08-05",
        start="2026-08-05T17:00",
        end="2026-08-05T09:00",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "end", "message": "The shift must end after it starts"}
    ]
    assert not Assignment.objects.exists()


def test_unknown_doctor_and_shift_code_are_named(world, sign_in):
    response = post_assignment(
        sign_in(world.coordinator), world.rota, doctor_id=999999, shift_code="XX", date="2026-08-05"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["doctor_id", "shift_code"]


def test_date_outside_the_rota_is_refused(world, sign_in, night):
    response = post_assignment(
        sign_in(world.coordinator),
        world.rota,
        doctor_id=world.ada.pk,
        shift_code="N",
        date="2027-03-01",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "date",
            "message": "The date must be within the rota, Mon 3 Aug 2026 to Sun 31 Jan 2027",
        }
    ]


@pytest.mark.parametrize("user", ["service_manager", "booking_coordinator"])
def test_who_can_see_but_not_edit_a_rota_is_refused(world, sign_in, night, user):
    response = post_assignment(
        sign_in(getattr(world, user)),
        world.rota,
        doctor_id=world.ada.pk,
        shift_code="N",
        date="2026-08-03",
    )
    assert response.status_code == 403
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("user", ["cardiology_coordinator", "nobody", "ada_user"])
def test_who_cannot_see_a_rota_cannot_add_to_it(world, sign_in, night, user):
    response = post_assignment(
        sign_in(getattr(world, user)),
        world.rota,
        doctor_id=world.ada.pk,
        shift_code="N",
        date="2026-08-03",
    )
    assert response.status_code == 404
    assert "Acute" not in response.content.decode()
    assert not Assignment.objects.exists()


def test_service_checks_permission_itself(world, night):
    with pytest.raises(PermissionDenied):
        assignment_create(
            actor=world.service_manager,
            rota=world.rota,
            doctor=world.ada,
            shift_type=night,
            date=date(2026, 8, 3),
        )
    assert not Assignment.objects.exists()


def test_openapi_schema_documents_the_endpoints(world, sign_in):
    schema = sign_in(world.staffing).get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/departments",
        "/api/doctors",
        "/api/doctors/{doctor_id}",
        "/api/rotas/{rota_id}",
        "/api/rotas/{rota_id}/assignments",
    ):
        assert path in paths
    assert set(paths["/api/rotas/{rota_id}/assignments"]["post"]["responses"]) >= {
        "201",
        "403",
        "404",
        "409",
        "422",
    }


# The admin cannot go round the checks


def test_admin_shows_assignments_but_cannot_add_change_or_delete_them(client, world, night):
    assignment = AssignmentFactory(
        rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3)
    )
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/rotas/assignment/").status_code == 200
    assert client.get("/admin/rotas/assignment/add/").status_code == 403
    change = client.post(f"/admin/rotas/assignment/{assignment.pk}/change/", {"date": "2026-08-04"})
    assert change.status_code == 403
    delete = client.post(f"/admin/rotas/assignment/{assignment.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    assignment.refresh_from_db()
    assert assignment.date == date(2026, 8, 3)


# Taking a doctor off a shift


def delete_assignment(client, rota: Rota, assignment: Assignment, query: str = ""):
    return client.delete(f"/api/rotas/{rota.pk}/assignments/{assignment.pk}{query}")


def test_coordinator_takes_a_doctor_off_a_shift(world, sign_in, night):
    shift = AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night)
    response = delete_assignment(sign_in(world.coordinator), world.rota, shift)
    assert response.status_code == 204
    assert not Assignment.objects.exists()
    assert version_of(world.rota) == 2


def test_removing_a_shift_of_a_rota_that_has_moved_on_is_refused(world, sign_in, night):
    shift = AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night)
    response = delete_assignment(sign_in(world.coordinator), world.rota, shift, "?version=7")
    assert response.status_code == 409
    assert Assignment.objects.exists()


def test_a_shift_removed_already_is_not_found(world, sign_in, night):
    shift = AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night)
    client = sign_in(world.coordinator)
    assert delete_assignment(client, world.rota, shift).status_code == 204
    again = delete_assignment(client, world.rota, shift)
    assert again.status_code == 404
    assert "removed already" in again.json()["detail"]


@pytest.mark.parametrize(("user", "status"), [("service_manager", 403), ("nobody", 404)])
def test_who_may_not_edit_cannot_remove_a_shift(world, sign_in, night, user, status):
    shift = AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night)
    assert delete_assignment(sign_in(getattr(world, user)), world.rota, shift).status_code == status
    assert Assignment.objects.exists()


def test_another_departments_coordinator_finds_no_shift_to_remove(world, sign_in, night):
    shift = AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night)
    client = sign_in(world.cardiology_coordinator)
    outside = delete_assignment(client, world.rota, shift)
    missing = client.delete("/api/rotas/999999/assignments/1")
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()
