"""Nothing outside a user's departments leaks through the rota pages and endpoints: a doctor
of another department is refused exactly as one who does not exist (same status, same
words), before any rules check runs, so no name, shift, breach or leave of theirs is shown.

Three users throughout (ADR 0003): acute medicine's coordinator (allowed on acute medicine's
rota, but not to see cardiology's Dr Carys Hughes), cardiology's coordinator and a user with
no role."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from rotaplan.leave.models import LeaveType
from rotaplan.rotas.editing.services import UNKNOWN_DOCTOR, assignment_create
from rotaplan.rotas.models import Assignment, Rota, RotaStatus
from tests.factories.leave import LeaveRecordFactory
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

NOBODY_HOLDS = "7000000"  # a GMC number no doctor has
NO_SUCH_ID = 999_999
CARYS_WORDS = ("Carys", "Hughes", "Cardiology", "7099999")


@pytest.fixture
def draft(world) -> Rota:
    world.rota.status = RotaStatus.DRAFT
    world.rota.save()
    return world.rota


@pytest.fixture
def day(world):
    return ShiftTypeFactory(
        department=world.acute, code="D", name="Day", start=time(9), end=time(17)
    )


@pytest.fixture
def carys_is_busy(world):
    """Carys works cardiology's published day and nights on 3 to 5 Aug 2026: adding her to
    acute medicine's day on 3 Aug would overlap, and three nights then a day would break the
    rules. Before the fix both were shown to acute medicine's coordinator."""
    world.cardiology_rota.status = RotaStatus.PUBLISHED
    world.cardiology_rota.period_start, world.cardiology_rota.period_end = (
        date(2026, 8, 3),
        date(2026, 8, 31),
    )
    world.cardiology_rota.save()
    cardiology_day = ShiftTypeFactory(
        department=world.cardiology, code="CD", start=time(9), end=time(17)
    )
    cardiology_night = ShiftTypeFactory(
        department=world.cardiology, code="CN", start=time(21), end=time(9)
    )
    AssignmentFactory(
        rota=world.cardiology_rota,
        doctor=world.carys,
        shift_type=cardiology_day,
        date=date(2026, 8, 3),
    )
    for offset in (4, 5, 6):
        AssignmentFactory(
            rota=world.cardiology_rota,
            doctor=world.carys,
            shift_type=cardiology_night,
            date=date(2026, 8, offset),
        )
    LeaveRecordFactory(
        doctor=world.carys,
        leave_type=LeaveType.SICK,
        start=date(2026, 8, 10),
        end=date(2026, 8, 12),
    )


def post_assignment(client, rota: Rota, **body: object):
    return client.post(f"/api/rotas/{rota.pk}/assignments", body, content_type="application/json")


def assert_says_nothing_of_carys(text: str) -> None:
    for word in CARYS_WORDS:
        assert word not in text


# --- adding a shift over the API --------------------------------------------------------


def test_api_refuses_another_departments_doctor_as_one_who_does_not_exist(
    world, sign_in, draft, day, carys_is_busy
):
    client = sign_in(world.coordinator)
    elsewhere = post_assignment(
        client, draft, doctor_id=world.carys.pk, shift_code="D", date="2026-08-03"
    )
    missing = post_assignment(
        client, draft, doctor_id=NO_SUCH_ID, shift_code="D", date="2026-08-03"
    )
    assert elsewhere.status_code == missing.status_code == 422
    assert (
        elsewhere.json()
        == missing.json()
        == {
            "detail": "The assignment was not created",
            "errors": [{"field": "doctor_id", "message": UNKNOWN_DOCTOR}],
        }
    )
    assert_says_nothing_of_carys(elsewhere.content.decode())
    assert not Assignment.objects.filter(rota=draft).exists()


def test_api_refuses_with_a_reason_too_so_no_breach_is_recorded(
    world, sign_in, draft, day, carys_is_busy
):
    response = post_assignment(
        sign_in(world.coordinator),
        draft,
        doctor_id=world.carys.pk,
        shift_code="D",
        date="2026-08-08",
        reason="Nobody else",
    )
    assert response.status_code == 422
    assert_says_nothing_of_carys(response.content.decode())
    assert not Assignment.objects.filter(rota=draft).exists()


def test_api_allows_the_departments_own_doctor(world, sign_in, draft, day):
    response = post_assignment(
        sign_in(world.coordinator), draft, doctor_id=world.ada.pk, shift_code="D", date="2026-08-03"
    )
    assert response.status_code == 201


@pytest.mark.parametrize("user", ["cardiology_coordinator", "nobody"])
def test_api_a_rota_outside_the_users_scope_reads_as_missing(world, sign_in, draft, day, user):
    client = sign_in(getattr(world, user))
    body = {"doctor_id": world.ada.pk, "shift_code": "D", "date": "2026-08-03"}
    outside = post_assignment(client, draft, **body)
    missing = client.post("/api/rotas/999999/assignments", body, content_type="application/json")
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()


def test_the_service_refuses_before_the_rules_are_checked(world, draft, day, carys_is_busy):
    with pytest.raises(ValidationError) as refused:
        assignment_create(
            actor=world.coordinator,
            rota=draft,
            doctor=world.carys,
            shift_type=day,
            date=date(2026, 8, 3),
        )
    assert refused.value.message_dict == {"doctor": [UNKNOWN_DOCTOR]}


# --- adding a shift on the page -------------------------------------------------------


def add_form(shift_type, when: date, **extra: object) -> dict[str, object]:
    return {
        "date[day]": when.day,
        "date[month]": when.month,
        "date[year]": when.year,
        "shift_type": shift_type.pk,
        **extra,
    }


def without_number(text: str) -> str:
    return re.sub(r"\b\d{7}\b", "NNNNNNN", text)


def test_page_refuses_another_departments_gmc_number_as_one_nobody_holds(
    world, sign_in, draft, day, carys_is_busy
):
    client = sign_in(world.coordinator)
    url = f"/rotas/{draft.pk}/shifts/add/"
    elsewhere = client.post(url, add_form(day, date(2026, 8, 3), gmc_number="7099999"))
    missing = client.post(url, add_form(day, date(2026, 8, 3), gmc_number=NOBODY_HOLDS))
    assert elsewhere.status_code == missing.status_code == 200
    assert without_number(page_text(elsewhere)) == without_number(page_text(missing))
    assert "There is no doctor you may put on a rota with GMC number" in page_text(elsewhere)
    text = page_text(elsewhere).replace("7099999", "")
    assert_says_nothing_of_carys(text)
    assert not Assignment.objects.filter(rota=draft).exists()


def test_page_refuses_another_departments_doctor_id_as_one_that_does_not_exist(
    world, sign_in, draft, day, carys_is_busy
):
    client = sign_in(world.coordinator)
    url = f"/rotas/{draft.pk}/shifts/add/"
    elsewhere = client.post(url, add_form(day, date(2026, 8, 3), doctor=world.carys.pk))
    missing = client.post(url, add_form(day, date(2026, 8, 3), doctor=NO_SUCH_ID))
    assert elsewhere.status_code == missing.status_code == 200
    assert page_text(elsewhere) == page_text(missing)
    assert_says_nothing_of_carys(page_text(elsewhere))


@pytest.mark.parametrize("user", ["cardiology_coordinator", "nobody"])
def test_page_a_rota_outside_the_users_scope_is_not_found(world, sign_in, draft, day, user):
    client = sign_in(getattr(world, user))
    form = add_form(day, date(2026, 8, 3), doctor=world.ada.pk)
    assert client.post(f"/rotas/{draft.pk}/shifts/add/", form).status_code == 404
    assert client.post("/rotas/999999/shifts/add/", form).status_code == 404


# --- the GMC number beside the list ---------------------------------------------------


def test_a_gmc_number_naming_another_doctor_than_the_one_chosen_is_an_error(
    world, sign_in, draft, day
):
    form = add_form(day, date(2026, 8, 5), doctor=world.ada.pk, gmc_number="7012346")
    response = sign_in(world.coordinator).post(f"/rotas/{draft.pk}/shifts/add/", form)
    assert response.status_code == 200
    assert "The GMC number is not that of the doctor chosen in the list" in page_text(response)
    assert not Assignment.objects.exists()


def test_a_gmc_number_agreeing_with_the_doctor_chosen_is_taken(world, sign_in, draft, day):
    form = add_form(day, date(2026, 8, 5), doctor=world.bea.pk, gmc_number="7012346")
    response = sign_in(world.coordinator).post(f"/rotas/{draft.pk}/shifts/add/", form)
    assert response.status_code == 302
    assert Assignment.objects.get().doctor == world.bea


# --- the grid -------------------------------------------------------------------------


def test_the_grid_never_shows_the_leave_of_a_colleague_the_user_may_not_see(
    world, sign_in, draft, day, carys_is_busy
):
    # Medical staffing put Carys on acute medicine's rota to cover; she is off sick later.
    AssignmentFactory(rota=draft, doctor=world.carys, shift_type=day, date=date(2026, 8, 13))
    grid = f"/rotas/{draft.pk}/?from=2026-08-10&weeks=1"
    coordinator_sees = page_text(sign_in(world.coordinator).get(grid))
    assert "Carys Hughes" in coordinator_sees  # her shift on this rota is the rota's
    assert "Sick" not in coordinator_sees
    assert "Sick" in page_text(sign_in(world.staffing).get(grid))


def test_the_grid_shows_the_departments_own_doctors_leave(world, sign_in, draft):
    LeaveRecordFactory(
        doctor=world.ada,
        leave_type=LeaveType.SICK,
        start=date(2026, 8, 10),
        end=date(2026, 8, 11),
    )
    grid = f"/rotas/{draft.pk}/?from=2026-08-10&weeks=1"
    assert "Sick" in page_text(sign_in(world.coordinator).get(grid))


# --- imports --------------------------------------------------------------------------


def shifts_file(*rows: list[str]) -> SimpleUploadedFile:
    lines = ["gmc_number,date,shift,start,end", *(",".join(row) for row in rows)]
    return SimpleUploadedFile("shifts.csv", ("\r\n".join(lines) + "\r\n").encode())


def test_a_shifts_file_naming_another_departments_doctor_reads_as_an_unknown_number(
    world, sign_in, draft, day, carys_is_busy
):
    client = sign_in(world.coordinator)
    url = f"/api/rotas/{draft.pk}/assignments/import"
    elsewhere = client.post(url, {"file": shifts_file(["7099999", "2026-08-03", "D", "", ""])})
    missing = client.post(url, {"file": shifts_file([NOBODY_HOLDS, "2026-08-03", "D", "", ""])})
    assert elsewhere.status_code == missing.status_code == 422
    assert without_number(elsewhere.content.decode()) == without_number(missing.content.decode())
    assert_says_nothing_of_carys(elsewhere.content.decode().replace("7099999", ""))
    assert not Assignment.objects.filter(rota=draft).exists()


def doctors_file(gmc_number: str) -> SimpleUploadedFile:
    lines = [
        "gmc_number,first_name,last_name,grade,department,post_start",
        f"{gmc_number},Zoe,Lee,FY1,acute-medicine,2026-08-05",
    ]
    return SimpleUploadedFile("incoming.csv", ("\r\n".join(lines) + "\r\n").encode())


def test_a_doctors_file_does_not_say_who_holds_a_gmc_number_elsewhere(world, sign_in):
    response = sign_in(world.coordinator).post(
        "/api/doctors/import", {"file": doctors_file("7099999")}
    )
    assert response.status_code == 422
    message = response.json()["errors"][0]["message"]
    assert message.startswith("GMC number 7099999 already belongs to a doctor in Rotaplan.")
    assert_says_nothing_of_carys(message.replace("7099999", ""))


def test_a_doctors_file_names_the_holder_to_whoever_may_see_them(world, sign_in):
    response = sign_in(world.staffing).post(
        "/api/doctors/import", {"file": doctors_file("7099999")}
    )
    assert "already belongs to Dr Carys Hughes" in response.json()["errors"][0]["message"]


def test_a_draft_rota_of_another_department_is_not_found_by_its_coordinator(world, sign_in):
    other = RotaFactory(department=world.cardiology, status=RotaStatus.DRAFT)
    client = sign_in(world.coordinator)
    url = "/api/rotas/{}/assignments/import"
    outside = client.post(url.format(other.pk), {"file": shifts_file()})
    missing = client.post(url.format(999999), {"file": shifts_file()})
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()
