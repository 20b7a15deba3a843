"""The leave pages: a doctor asks on "Your leave" and sees the checks at once; the
coordinator sees the impact before deciding; nobody reaches another doctor's leave or
another department's."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.messages import get_messages

from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.rotas.models import Assignment
from tests.factories.leave import LeaveRecordFactory, MinimumStaffingFactory
from tests.page_text import page_text

from .conftest import date_fields

pytestmark = pytest.mark.django_db


def ask_form(start: date, end: date, leave_type: str = "annual", note: str = "") -> dict[str, str]:
    return {
        "leave_type": leave_type,
        **date_fields("start", start),
        **date_fields("end", end),
        "note": note,
    }


def requested(world, start=date(2026, 8, 10), end=date(2026, 8, 12)) -> LeaveRecord:
    return LeaveRecordFactory(
        doctor=world.ada,
        start=start,
        end=end,
        status=LeaveStatus.REQUESTED,
        requested_by=world.ada_user,
    )


def test_a_doctor_sees_their_balance_and_asks_for_leave(world, shifts, sign_in):
    client = sign_in(world.ada_user)
    page = page_text(client.get("/leave/"))
    assert "Left to book 37 days" in page
    assert "27 days: 27 for full time" in page

    response = client.post(
        "/leave/", ask_form(date(2026, 8, 10), date(2026, 8, 11), note="Wedding")
    )

    record = LeaveRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/leave/{record.pk}/"
    shown = page_text(client.get(response["Location"]))
    assert "Your request is sent" in shown
    assert "Night (N), a night, on Mon 10 Aug 2026 on Acute medicine registrars" in shown
    assert "Withdraw this request" in shown
    assert "Your decision" not in shown


def test_bad_dates_are_named_and_what_was_typed_is_kept(world, shifts, sign_in):
    client = sign_in(world.ada_user)
    form = ask_form(date(2026, 8, 12), date(2026, 8, 10))
    form["start[year]"] = "26"
    page = page_text(client.post("/leave/", form))
    assert "There is a problem" in page
    assert "Enter the year with 4 numbers, for example 2026" in page
    assert not LeaveRecord.objects.exists()
    ends_first = page_text(client.post("/leave/", ask_form(date(2026, 8, 12), date(2026, 8, 10))))
    assert "The last day must be on or after the first day" in ends_first
    far = page_text(client.post("/leave/", ask_form(date(2031, 8, 10), date(2031, 8, 10))))
    assert "Enter a date from 2025 to 2028" in far


def test_overlapping_leave_is_refused_on_the_page(world, shifts, sign_in):
    requested(world)
    page = page_text(
        sign_in(world.ada_user).post("/leave/", ask_form(date(2026, 8, 11), date(2026, 8, 11)))
    )
    assert "already has annual leave Mon 10 Aug 2026 to Wed 12 Aug 2026 (requested)" in page
    assert LeaveRecord.objects.count() == 1


def test_the_coordinator_sees_the_impact_and_approves(world, shifts, sign_in):
    record = requested(world)
    MinimumStaffingFactory(department=world.acute, grades=["ST3"], at_least=1)
    client = sign_in(world.coordinator)
    page = page_text(client.get(f"/leave/{record.pk}/"))
    assert "If this is approved" in page
    assert "Night (N) on Mon 10 Aug 2026: 0 on, at least 1 needed" in page
    assert "Minimum staffing broken on Mon 10 Aug 2026: 0 of ST3 available" in page

    response = client.post(
        f"/leave/{record.pk}/decision/", {"decision": "approve", "reason": "", "version": "1"}
    )

    assert response.status_code == 302
    assert [m.message for m in get_messages(response.wsgi_request)] == [
        "The leave of Dr Ada Patel is approved: they are told"
    ]
    assert LeaveRecord.objects.get().status == LeaveStatus.APPROVED
    assert not Assignment.objects.filter(doctor=world.ada, shift_type=shifts.night).exists()


def test_declining_without_a_reason_is_refused_on_the_page(world, shifts, sign_in):
    record = requested(world)
    page = page_text(
        sign_in(world.coordinator).post(
            f"/leave/{record.pk}/decision/", {"decision": "decline", "reason": ""}
        )
    )
    assert "Give the reason the leave is declined" in page
    assert LeaveRecord.objects.get().status == LeaveStatus.REQUESTED


def test_the_second_coordinator_is_told_who_decided(world, shifts, sign_in):
    record = requested(world)
    sign_in(world.coordinator).post(f"/leave/{record.pk}/decision/", {"decision": "approve"})
    response = sign_in(world.staffing).post(
        f"/leave/{record.pk}/decision/", {"decision": "decline", "reason": "Too many away"}
    )
    messages = [m.message for m in get_messages(response.wsgi_request)]
    assert messages[0].startswith("This request was already approved by")
    assert LeaveRecord.objects.get().status == LeaveStatus.APPROVED


def test_a_doctor_withdraws_their_own_request(world, shifts, sign_in):
    record = requested(world)
    sign_in(world.ada_user).post(f"/leave/{record.pk}/withdraw/")
    assert LeaveRecord.objects.get().status == LeaveStatus.CANCELLED


@pytest.mark.parametrize("who", ["cardiology_coordinator", "nobody", "booking_coordinator"])
def test_leave_outside_the_users_scope_is_not_found(world, shifts, sign_in, who):
    record = requested(world)
    client = sign_in(getattr(world, who))
    assert client.get(f"/leave/{record.pk}/").status_code == 404
    assert client.post(f"/leave/{record.pk}/decision/", {"decision": "approve"}).status_code == 404
    assert client.post(f"/leave/{record.pk}/withdraw/").status_code == 404
    assert LeaveRecord.objects.get().status == LeaveStatus.REQUESTED


def test_a_doctor_never_sees_nor_changes_another_doctors_leave(world, shifts, sign_in):
    theirs = LeaveRecordFactory(doctor=world.bea, status=LeaveStatus.REQUESTED)
    client = sign_in(world.ada_user)
    assert client.get(f"/leave/{theirs.pk}/").status_code == 404
    assert client.post(f"/leave/{theirs.pk}/withdraw/").status_code == 404
    assert client.post(f"/leave/{theirs.pk}/decision/", {"decision": "approve"}).status_code == 404
    assert "Bea" not in page_text(client.get("/leave/"))


def test_a_doctor_cannot_decide_their_own_request(world, shifts, sign_in):
    record = requested(world)
    client = sign_in(world.ada_user)
    assert client.post(f"/leave/{record.pk}/decision/", {"decision": "approve"}).status_code == 404
    assert "Your decision" not in page_text(client.get(f"/leave/{record.pk}/"))


def test_the_coordinators_list_puts_waiting_requests_first(world, shifts, sign_in):
    LeaveRecordFactory(doctor=world.bea, start=date(2026, 8, 3), end=date(2026, 8, 3))
    requested(world)
    LeaveRecordFactory(doctor=world.carys, status=LeaveStatus.REQUESTED)
    client = sign_in(world.coordinator)
    page = page_text(client.get("/leave/requests/"))
    assert page.index("Dr Ada Patel") < page.index("Dr Bea Okafor")
    assert "Carys" not in page
    waiting = page_text(client.get("/leave/requests/?status=requested"))
    assert "Bea" not in waiting
    assert "Dr Ada Patel" in waiting


def test_the_list_is_not_for_doctors_nor_users_without_a_role(world, sign_in):
    assert sign_in(world.ada_user).get("/leave/requests/").status_code == 403
    assert sign_in(world.nobody).get("/leave/requests/").status_code == 403
    assert sign_in(world.nobody).get("/leave/").status_code == 403


def test_the_coordinator_records_sickness_and_the_return(world, shifts, sign_in):
    client = sign_in(world.coordinator)
    assert client.get("/leave/absences/new/").status_code == 200
    response = client.post(
        "/leave/absences/new/",
        {
            "doctor": world.ada.pk,
            "leave_type": LeaveType.SICK,
            **date_fields("start", date(2026, 8, 10)),
            **date_fields("expected_return", date(2026, 8, 18)),
        },
    )
    record = LeaveRecord.objects.get()
    assert response["Location"] == f"/leave/{record.pk}/"
    assert not Assignment.objects.filter(doctor=world.ada).exists()
    back = client.post(
        f"/leave/{record.pk}/return/",
        {**date_fields("actual_return", date(2026, 8, 12)), "note": "Return to work meeting held"},
    )
    messages = [m.message for m in get_messages(back.wsgi_request)]
    assert "Shifts already taken off the rota are not put back" in messages[-1]
    page = page_text(client.get(f"/leave/{record.pk}/"))
    assert "Back at work Wed 12 Aug 2026" in page
    assert "Mon 10 Aug 2026 to Tue 11 Aug 2026" in page


def test_another_departments_coordinator_cannot_record_sickness_for_ada(world, shifts, sign_in):
    response = sign_in(world.cardiology_coordinator).post(
        "/leave/absences/new/",
        {
            "doctor": world.ada.pk,
            "leave_type": LeaveType.SICK,
            **date_fields("start", date(2026, 8, 10)),
            **date_fields("expected_return", date(2026, 8, 18)),
        },
    )
    assert "Choose a doctor from the list" in page_text(response)
    assert not LeaveRecord.objects.exists()


def test_recording_absence_and_the_return_are_for_coordinators_only(world, shifts, sign_in):
    sickness = LeaveRecordFactory(
        doctor=world.ada,
        leave_type=LeaveType.SICK,
        start=date(2026, 8, 10),
        end=date(2026, 8, 11),
        expected_return=date(2026, 8, 12),
    )
    back = {**date_fields("actual_return", date(2026, 8, 11))}
    for user in (world.ada_user, world.nobody, world.service_manager):
        client = sign_in(user)
        assert client.get("/leave/absences/new/").status_code == 403
        assert client.post(f"/leave/{sickness.pk}/return/", back).status_code == 404
    assert (
        sign_in(world.cardiology_coordinator)
        .post(f"/leave/{sickness.pk}/return/", back)
        .status_code
        == 404
    )
    assert LeaveRecord.objects.get().actual_return is None


def test_a_service_manager_reads_the_departments_leave_but_cannot_decide(world, shifts, sign_in):
    record = requested(world)
    client = sign_in(world.service_manager)
    page = page_text(client.get(f"/leave/{record.pk}/"))
    assert "Dr Ada Patel" in page
    assert "Your decision" not in page
    assert client.post(f"/leave/{record.pk}/decision/", {"decision": "approve"}).status_code == 404
