"""Changing a doctor's record: who may, what is checked, and edits from a stale copy."""

from __future__ import annotations

import re

import pytest
from auditlog.models import LogEntry

from rotaplan.people.models import Doctor
from rotaplan.people.services import DoctorChangedError, doctor_update
from tests.factories.people import CompetencyFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

STALE = (
    "Someone else changed this doctor's record while you were editing it. Your changes have "
    "not been saved. Check the current details and make your changes again."
)


def form_data(doctor: Doctor, **changes: object) -> dict[str, object]:
    """What the edit form posts for ``doctor`` as loaded, with ``changes`` typed in."""
    data: dict[str, object] = {
        "version": doctor.version,
        "first_name": doctor.first_name,
        "last_name": doctor.last_name,
        "gmc_number": doctor.gmc_number,
        "email": doctor.email,
        "grade": doctor.grade,
        "contract": doctor.contract,
        "wte": str(doctor.wte),
        "opted_out": "true" if doctor.opted_out else "false",
        "department": doctor.department_id,
        "post_start[day]": doctor.post_start.day,
        "post_start[month]": doctor.post_start.month,
        "post_start[year]": doctor.post_start.year,
        "competencies": [c.pk for c in doctor.competencies.all()],
    }
    if doctor.post_end:
        data |= {
            "post_end[day]": doctor.post_end.day,
            "post_end[month]": doctor.post_end.month,
            "post_end[year]": doctor.post_end.year,
        }
    return data | changes


def test_edit_form_shows_the_current_record(world, sign_in):
    response = sign_in(world.coordinator).get(f"/doctors/{world.bea.pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'name="gmc_number"[^>]*value="7012346"', html)
    assert re.search(r'name="post_start\[day\]"[^>]*value="5"', html)
    assert 'name="version" value="1"' in html
    assert "Cardiology" not in html  # only departments the coordinator manages


def test_coordinator_changes_grade_and_wte_and_the_audit_log_records_it(world, sign_in):
    client = sign_in(world.coordinator)
    response = client.post(
        f"/doctors/{world.ada.pk}/edit/", form_data(world.ada, grade="ST4", wte="0.8")
    )
    assert response.status_code == 302
    assert response["Location"] == f"/doctors/{world.ada.pk}/"
    ada = Doctor.objects.get(pk=world.ada.pk)
    assert (ada.grade, str(ada.wte), ada.version) == ("ST4", "0.80", 2)
    assert "Dr Ada Patel's record has been updated" in page_text(client.get(response["Location"]))
    entry = LogEntry.objects.get_for_object(ada).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == world.coordinator
    assert entry.changes_dict["grade"] == ["ST3", "ST4"]
    assert entry.changes_dict["wte"] == ["1.00", "0.8"]


def test_competencies_can_be_added(world, sign_in):
    airway = CompetencyFactory(code="airway", name="Airway")
    sign_in(world.coordinator).post(
        f"/doctors/{world.ada.pk}/edit/", form_data(world.ada, competencies=[airway.pk])
    )
    assert list(world.ada.competencies.all()) == [airway]


def test_saving_without_changes_keeps_the_version(world, sign_in):
    sign_in(world.coordinator).post(f"/doctors/{world.ada.pk}/edit/", form_data(world.ada))
    assert Doctor.objects.get(pk=world.ada.pk).version == 1


def test_stale_edit_is_refused_and_nothing_changes(world, sign_in):
    client = sign_in(world.coordinator)
    loaded = form_data(world.ada, last_name="Patel-Jones")  # the form as loaded at version 1
    doctor_update(actor=world.staffing, doctor=world.ada, version=1, grade="ST5")
    response = client.post(f"/doctors/{world.ada.pk}/edit/", loaded)
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert STALE in text
    ada = Doctor.objects.get(pk=world.ada.pk)
    assert (ada.last_name, ada.grade, ada.version) == ("Patel", "ST5", 2)
    # The form now shows the current record, ready for the change to be made again.
    assert 'name="version" value="2"' in response.content.decode()
    assert re.search(r'value="ST5"\s+selected', response.content.decode())


def test_service_refuses_a_stale_version(world):
    doctor_update(actor=world.staffing, doctor=world.ada, version=1, first_name="Adaeze")
    with pytest.raises(DoctorChangedError):
        doctor_update(actor=world.coordinator, doctor=world.ada, version=1, first_name="Ada")
    assert Doctor.objects.get(pk=world.ada.pk).first_name == "Adaeze"


def test_gmc_number_must_be_seven_digits(world, sign_in):
    response = sign_in(world.coordinator).post(
        f"/doctors/{world.ada.pk}/edit/", form_data(world.ada, gmc_number="70123")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in html
    assert 'href="#gmc_number"' in html
    assert 'id="gmc_number-error"' in html
    assert "A GMC number is exactly 7 digits, such as 7012345." in html
    assert Doctor.objects.get(pk=world.ada.pk).gmc_number == "7012345"


def test_gmc_number_must_be_unique(world, sign_in):
    response = sign_in(world.staffing).post(
        f"/doctors/{world.ada.pk}/edit/", form_data(world.ada, gmc_number="7099999")
    )
    assert "Another doctor already has this GMC number" in page_text(response)


def test_post_must_end_after_it_starts(world, sign_in):
    response = sign_in(world.coordinator).post(
        f"/doctors/{world.ada.pk}/edit/",
        form_data(world.ada, **{"post_end[day]": 1, "post_end[month]": 8, "post_end[year]": 2026}),
    )
    html = response.content.decode()
    assert "The end of post must be on or after its start." in html
    assert 'href="#post_end-day"' in html
    assert Doctor.objects.get(pk=world.ada.pk).post_end.year == 2027


def test_impossible_date_is_refused(world, sign_in):
    response = sign_in(world.coordinator).post(
        f"/doctors/{world.ada.pk}/edit/", form_data(world.ada, **{"post_start[day]": 32})
    )
    assert "Enter a real date, for example 5 8 2026" in page_text(response)


def test_wte_must_be_between_a_tenth_and_one(world, sign_in):
    response = sign_in(world.coordinator).post(
        f"/doctors/{world.ada.pk}/edit/", form_data(world.ada, wte="1.5")
    )
    assert "WTE must be between 0.10 and 1.00 (full time)" in page_text(response)


def test_coordinator_cannot_move_a_doctor_to_a_department_they_do_not_manage(world, sign_in):
    response = sign_in(world.coordinator).post(
        f"/doctors/{world.ada.pk}/edit/", form_data(world.ada, department=world.cardiology.pk)
    )
    assert "Choose a department you manage" in page_text(response)
    assert Doctor.objects.get(pk=world.ada.pk).department == world.acute


def test_medical_staffing_moves_a_doctor_between_departments(world, sign_in):
    sign_in(world.staffing).post(
        f"/doctors/{world.ada.pk}/edit/", form_data(world.ada, department=world.cardiology.pk)
    )
    assert Doctor.objects.get(pk=world.ada.pk).department == world.cardiology


def test_coordinator_cannot_edit_other_department_doctor(world, sign_in):
    client = sign_in(world.coordinator)
    response = client.get(f"/doctors/{world.carys.pk}/edit/")
    assert response.status_code == 404
    assert "Carys" not in response.content.decode()
    posted = client.post(
        f"/doctors/{world.carys.pk}/edit/", form_data(world.carys, first_name="Changed")
    )
    assert posted.status_code == 404
    assert Doctor.objects.get(pk=world.carys.pk).first_name == "Carys"


@pytest.mark.parametrize("user", ["service_manager", "ada_user"])
def test_who_can_see_a_doctor_but_not_manage_them_is_refused(world, sign_in, user):
    client = sign_in(getattr(world, user))
    assert client.get(f"/doctors/{world.ada.pk}/edit/").status_code == 403
    posted = client.post(f"/doctors/{world.ada.pk}/edit/", form_data(world.ada, grade="CONS"))
    assert posted.status_code == 403
    assert Doctor.objects.get(pk=world.ada.pk).grade == "ST3"


@pytest.mark.parametrize("user", ["nobody", "booking_coordinator"])
def test_users_who_cannot_see_the_doctor_get_not_found(world, sign_in, user):
    assert sign_in(getattr(world, user)).get(f"/doctors/{world.ada.pk}/edit/").status_code == 404
