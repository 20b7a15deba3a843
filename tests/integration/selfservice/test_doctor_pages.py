"""A doctor's own pages: their rota by week, asking for a swap, answering one, offers of
extra shifts and notifications. Only a user who is a doctor has them; a doctor never sees
another doctor's swap, and a coordinator of another department never decides one."""

from __future__ import annotations

import re
from datetime import date

import pytest

from rotaplan.leave.models import LeaveStatus, LeaveType
from rotaplan.notifications.models import Notification, Topic
from rotaplan.notifications.services import notify
from rotaplan.selfservice.models import ShiftSwap, SwapStatus
from rotaplan.selfservice.services import swap_answer, swap_request
from tests.factories.cover import CoverOfferFactory, GapFactory
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import DoctorFactory, UserFactory
from tests.factories.rotas import AssignmentFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(response.content.decode().split())


def asked(world, registrars) -> ShiftSwap:
    return swap_request(
        actor=world.ada_user,
        assignment=registrars.adas_night,
        colleague=registrars.dan,
        colleague_assignment=registrars.dans_long_day,
        note="Family wedding",
    )


def test_my_rota_lists_each_day_with_its_shift_in_words_and_leave_by_type(
    world, registrars, sign_in
):
    LeaveRecordFactory(
        doctor=world.ada,
        leave_type=LeaveType.ANNUAL,
        start=date(2026, 9, 2),
        end=date(2026, 9, 3),
        status=LeaveStatus.APPROVED,
    )
    page = sign_in(world.ada_user).get("/my/rota/")
    assert page.status_code == 200
    body = text(page)
    assert "Week from Mon 31 Aug 2026" in body
    assert "Today" in body
    assert "Tue 1 Sep 2026" in body
    assert "Mon 31 Aug 2026" not in body.split("Week from Mon 31 Aug 2026", 1)[1]  # past days
    assert "N Night 20:00 to 08:30" in body
    assert body.count("Annual leave") == 2
    assert f"/my/rota/shifts/{registrars.adas_night.pk}/swap/" in body
    assert "/my/calendar/" in body
    assert "/my/offers/" in body


@pytest.mark.parametrize("who", ["coordinator", "nobody", "staffing"])
def test_only_a_doctor_has_a_rota_of_their_own(world, sign_in, who):
    client = sign_in(getattr(world, who))
    for path in ("/my/rota/", "/my/swaps/", "/my/offers/", "/my/calendar/"):
        assert client.get(path).status_code == 404, path


def test_a_doctor_asks_for_a_swap_choosing_the_colleague_then_their_shift(
    world, registrars, sign_in
):
    client = sign_in(world.ada_user)
    url = f"/my/rota/shifts/{registrars.adas_night.pk}/swap/"
    first = client.get(url)
    assert "Dr Dan Reid (Specialty trainee year 4)" in text(first)
    assert "Dr Bea Okafor" not in text(first)  # a foundation doctor: another grade group
    second = client.get(url, {"colleague": registrars.dan.pk})
    assert "Thu 10 Sep 2026, LD Long day 08:30 to 21:00" in text(second)
    done = client.post(
        url,
        {
            "colleague": registrars.dan.pk,
            "colleague_assignment": registrars.dans_long_day.pk,
            "note": "Family wedding",
        },
    )
    swap = ShiftSwap.objects.get()
    assert done.status_code == 302
    assert done["Location"] == f"/my/swaps/{swap.pk}/"
    assert swap.colleague == registrars.dan
    assert swap.note == "Family wedding"


def test_a_swap_that_breaks_the_rules_is_shown_in_words_and_the_note_kept(
    world, registrars, sign_in
):
    for day in (3, 4, 5, 6):
        AssignmentFactory(
            rota=world.rota,
            doctor=registrars.dan,
            shift_type=registrars.night,
            date=date(2026, 9, day),
        )
    url = f"/my/rota/shifts/{registrars.adas_night.pk}/swap/"
    page = sign_in(world.ada_user).post(
        url, {"colleague": registrars.dan.pk, "colleague_assignment": "give", "note": "Please"}
    )
    assert page.status_code == 200
    body = text(page)
    assert "The swap cannot be asked for" in body
    assert "Consecutive nights, for Dr Dan Reid" in body
    assert 'value="Please"' in body
    assert ShiftSwap.objects.count() == 0


def test_a_shift_already_offered_says_who_was_asked(world, registrars, sign_in):
    asked(world, registrars)
    body = text(sign_in(world.ada_user).get("/my/rota/"))
    assert "N Night 20:00 to 08:30 (swap asked of Dr Dan Reid)" in body
    assert f"/my/rota/shifts/{registrars.adas_night.pk}/swap/" not in body


def test_another_doctors_shift_cannot_be_offered(world, registrars, sign_in):
    url = f"/my/rota/shifts/{registrars.dans_long_day.pk}/swap/"
    assert sign_in(world.ada_user).get(url).status_code == 404


def test_the_colleague_accepts_on_the_swaps_page(world, registrars, sign_in):
    swap = asked(world, registrars)
    client = sign_in(registrars.dan_user)
    assert "1 colleague asks you to swap a shift" in text(client.get("/my/rota/"))
    assert f'href="/my/swaps/{swap.pk}/"' in text(client.get("/my/swaps/"))
    page = client.get(f"/my/swaps/{swap.pk}/")
    assert "Accept the swap" in text(page)
    done = client.post(f"/my/swaps/{swap.pk}/", {"answer": "accept", "version": swap.version})
    assert done.status_code == 302
    assert ShiftSwap.objects.get().status == SwapStatus.ACCEPTED
    again = client.post(f"/my/swaps/{swap.pk}/", {"answer": "decline", "version": swap.version})
    assert "This swap was already accepted by Dr Dan Reid" in text(again)


def test_a_doctor_cannot_see_a_swap_between_two_others(world, registrars, sign_in):
    swap = asked(world, registrars)
    other = UserFactory(doctor=DoctorFactory(department=world.acute))
    client = sign_in(other)
    assert client.get(f"/my/swaps/{swap.pk}/").status_code == 404
    assert client.post(f"/my/swaps/{swap.pk}/", {"answer": "accept"}).status_code == 404
    assert sign_in(world.cardiology_coordinator).get(f"/my/swaps/{swap.pk}/").status_code == 404


def test_the_asker_cannot_accept_their_own_swap_but_may_withdraw_it(world, registrars, sign_in):
    swap = asked(world, registrars)
    client = sign_in(world.ada_user)
    page = text(client.get(f"/my/swaps/{swap.pk}/"))
    assert "Accept the swap" not in page
    assert "Withdraw the swap" in page
    assert client.post(f"/my/swaps/{swap.pk}/", {"answer": "accept"}).status_code == 404
    client.post(f"/my/swaps/{swap.pk}/", {"answer": "withdraw"})
    assert ShiftSwap.objects.get().status == SwapStatus.WITHDRAWN


def test_the_coordinator_approves_from_the_list_of_swaps_waiting(world, registrars, sign_in):
    swap = asked(world, registrars)
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    client = sign_in(world.coordinator)
    assert "/my/swaps/approvals/" in text(client.get("/"))
    listed = text(client.get("/my/swaps/approvals/"))
    assert f'href="/my/swaps/{swap.pk}/decide/"' in listed
    assert "Dr Ada Patel with Dr Dan Reid" in listed
    refused = client.post(f"/my/swaps/{swap.pk}/decide/", {"decision": "refuse", "reason": ""})
    assert "Say why the swap is refused" in text(refused)
    done = client.post(
        f"/my/swaps/{swap.pk}/decide/", {"decision": "approve", "reason": "", "version": 2}
    )
    assert done.status_code == 302
    assert ShiftSwap.objects.get().status == SwapStatus.APPROVED
    late = client.post(f"/my/swaps/{swap.pk}/decide/", {"decision": "approve", "reason": ""})
    assert "This swap was already approved by" in text(late)


def test_a_coordinator_of_another_department_cannot_decide(world, registrars, sign_in):
    swap = asked(world, registrars)
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    client = sign_in(world.cardiology_coordinator)
    assert "Dr Ada Patel" not in text(client.get("/my/swaps/approvals/"))
    assert client.get(f"/my/swaps/{swap.pk}/decide/").status_code == 404
    assert client.post(f"/my/swaps/{swap.pk}/decide/", {"decision": "approve"}).status_code == 404
    for who in (world.nobody, registrars.dan_user, world.service_manager):
        assert sign_in(who).get("/my/swaps/approvals/").status_code in (200, 404)
        assert sign_in(who).get(f"/my/swaps/{swap.pk}/decide/").status_code == 404


def test_offers_of_extra_shifts_are_listed_and_another_doctors_cannot_be_answered(
    world, registrars, sign_in
):
    gap = GapFactory(rota=world.rota, shift_type=registrars.night, date=date(2026, 9, 20))
    mine = CoverOfferFactory(gap=gap, doctor=world.ada, note="Dr Reid is off sick")
    theirs = CoverOfferFactory(gap=gap, doctor=registrars.dan)
    client = sign_in(world.ada_user)
    body = text(client.get("/my/offers/"))
    assert "Sun 20 Sep 2026" in body
    assert "N Night 20:00 to 08:30" in body
    assert "Waiting for an answer" in body
    assert "Dr Reid is off sick" in body
    assert "Accept" in body
    refused = client.post("/my/offers/", {"offer": theirs.pk, "answer": "accept"})
    assert refused.status_code == 404
    mine.refresh_from_db()
    assert mine.status == "waiting"


def test_a_doctor_accepts_an_offer_and_the_shift_is_on_their_rota(world, registrars, sign_in):
    gap = GapFactory(rota=world.rota, shift_type=registrars.night, date=date(2026, 9, 20))
    offer = CoverOfferFactory(gap=gap, doctor=world.ada)
    client = sign_in(world.ada_user)
    done = client.post("/my/offers/", {"offer": offer.pk, "answer": "accept"})
    assert done.status_code == 302, re.findall(r"error-summary.*?</ul>", text(done))
    offer.refresh_from_db()
    assert offer.status == "accepted"
    again = client.post("/my/offers/", {"offer": offer.pk, "answer": "decline"})
    assert "already answered" in text(again)


def test_an_offer_the_doctor_cannot_take_is_refused_in_words(world, registrars, sign_in):
    gap = GapFactory(rota=world.rota, shift_type=registrars.long_day, date=date(2026, 9, 20))
    offer = CoverOfferFactory(gap=gap, doctor=world.ada)
    refused = sign_in(world.ada_user).post("/my/offers/", {"offer": offer.pk, "answer": "accept"})
    assert refused.status_code == 200
    assert "Dr Ada Patel cannot take this shift" in text(refused)


def test_notifications_are_listed_newest_first_and_marked_read(world, sign_in):
    notify(people=[world.ada_user], topic=Topic.SWAP, subject="First", body="One")
    notify(people=[world.ada_user], topic=Topic.LEAVE, subject="Second", body="Two")
    notify(people=[world.coordinator], topic=Topic.LEAVE, subject="Not hers", body="x")
    client = sign_in(world.ada_user)
    body = text(client.get("/my/notifications/"))
    assert body.index("Second") < body.index("First")
    assert "Not hers" not in body
    assert not Notification.objects.filter(recipient=world.ada_user, read__isnull=True).exists()
    assert not Notification.objects.filter(recipient=world.coordinator, read__isnull=False).exists()


def test_a_rota_change_notification_opens_the_doctors_own_rota(world, sign_in):
    notify(
        people=[world.ada_user],
        topic=Topic.ROTA_CHANGE,
        subject="Changed",
        body="x",
        link=f"/rotas/{world.rota.pk}/",
    )
    body = text(sign_in(world.ada_user).get("/my/notifications/"))
    assert 'href="/my/rota/"' in body
    assert f"/rotas/{world.rota.pk}/" not in body


def test_the_home_page_leads_a_doctor_to_their_rota_swaps_and_feed(world, registrars, sign_in):
    asked(world, registrars)
    body = text(sign_in(registrars.dan_user).get("/"))
    assert "/my/rota/" in body
    assert "/my/calendar/" in body
    assert "1 waiting for your answer" in body
    assert "My rota" in body  # the navigation
