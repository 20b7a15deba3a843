"""The gap register, a gap's page, the offer page and a rota's changes: each opened by
the people it is for and a 404 for everyone else, bad input answered on the form."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from rotaplan.cover.models import CoverOffer, Gap, GapStatus, OfferStatus
from rotaplan.cover.services import gap_offer, offer_answer
from tests.factories.cover import GapFactory
from tests.factories.rotas import ShiftTypeFactory

from .conftest import WED

pytestmark = pytest.mark.django_db


@pytest.fixture
def cardiology_gap(world):
    night = ShiftTypeFactory(department=world.cardiology, code="CN", name="Cardiology night")
    return GapFactory(
        rota=world.cardiology_rota, shift_type=night, date=WED, reason="Dr Carys Hughes away"
    )


def test_the_register_lists_a_coordinators_departments_gaps(world, cover, cardiology_gap, sign_in):
    page = sign_in(world.coordinator).get("/cover/gaps/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Wed 12 Aug 2026" in text
    assert "Dr Bea Okafor off sick" in text
    assert "Carys" not in text
    staffing = sign_in(world.staffing).get("/cover/gaps/").content.decode()
    assert "Carys" in staffing
    assert "Bea Okafor" in staffing


@pytest.mark.parametrize("who", ["ada_user", "nobody", "booking_coordinator"])
def test_doctors_and_users_without_a_staffing_role_have_no_register(world, cover, sign_in, who):
    client = sign_in(getattr(world, who))
    assert client.get("/cover/gaps/").status_code == 404
    assert client.get("/cover/gaps/gap-register.csv").status_code == 404
    assert client.get(f"/cover/gaps/{cover.gap.pk}/").status_code == 404


def test_the_register_filters_by_status_and_dates(world, cover, sign_in):
    client = sign_in(world.coordinator)
    offered = client.get("/cover/gaps/", {"status": "offered"}).content.decode()
    assert "No gaps match these filters" in offered
    later = client.get(
        "/cover/gaps/", {"start[day]": "13", "start[month]": "8", "start[year]": "2026"}
    ).content.decode()
    assert "No gaps match these filters" in later


def test_a_two_digit_or_far_year_is_refused_on_the_filter(world, cover, sign_in):
    client = sign_in(world.coordinator)
    short = client.get(
        "/cover/gaps/", {"start[day]": "1", "start[month]": "8", "start[year]": "26"}
    )
    assert "Enter the year with 4 numbers" in short.content.decode()
    far = client.get("/cover/gaps/", {"end[day]": "1", "end[month]": "8", "end[year]": "2090"})
    assert far.status_code == 200
    assert "Enter a date between" in far.content.decode()


def test_the_register_downloads_as_csv_and_xlsx(world, cover, cardiology_gap, sign_in):
    client = sign_in(world.coordinator)
    csv = client.get("/cover/gaps/gap-register.csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Date,Shift,Department,Cause,Status,Reason")
    assert lines[1].startswith("Wed 12 Aug 2026,N (Night),Acute medicine,Sickness,Open,")
    assert len(lines) == 2
    xlsx = client.get("/cover/gaps/gap-register.xlsx", {"status": "open"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Date"
    assert rows[1][:2] == ("Wed 12 Aug 2026", "N (Night)")


def test_a_reason_that_looks_like_a_formula_is_written_as_text(world, cover, sign_in):
    Gap.objects.update(reason='=HYPERLINK("http://evil")')
    csv = sign_in(world.coordinator).get("/cover/gaps/gap-register.csv").content.decode()
    assert ",\"'=HYPERLINK" in csv


def test_a_coordinator_sees_the_candidates_and_offers_the_shift(world, cover, sign_in):
    client = sign_in(world.coordinator)
    page = client.get(f"/cover/gaps/{cover.gap.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Who could cover it" in text
    assert "Dr Cai Evans" in text
    assert "No extra shifts this rota" in text
    sent = client.post(
        f"/cover/gaps/{cover.gap.pk}/offer/",
        {"doctors": [cover.cai.pk], "note": "Thank you", "version": 1},
    )
    assert sent.status_code == 302
    assert CoverOffer.objects.get().doctor == cover.cai
    history = client.get(f"/cover/gaps/{cover.gap.pk}/").content.decode()
    assert "Waiting for an answer" in history
    assert "Record an answer given by phone" in history


def test_offering_with_nobody_ticked_says_so_on_the_page(world, cover, sign_in):
    page = sign_in(world.coordinator).post(
        f"/cover/gaps/{cover.gap.pk}/offer/", {"doctors": [], "version": 1}
    )
    assert page.status_code == 200
    assert "Choose at least one doctor to offer the shift to" in page.content.decode()
    assert not CoverOffer.objects.exists()


def test_a_phone_answer_puts_the_doctor_on_the_rota(world, cover, sign_in):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.dee])
    answer = sign_in(world.coordinator).post(
        f"/cover/gaps/{cover.gap.pk}/answer/", {"offer": offer.pk, "accept": "yes"}
    )
    assert answer.status_code == 302
    assert Gap.objects.get().filled_by == cover.dee


def test_a_service_manager_reads_the_gap_but_cannot_act(world, cover, sign_in):
    client = sign_in(world.service_manager)
    page = client.get(f"/cover/gaps/{cover.gap.pk}/")
    assert page.status_code == 200
    assert "Who could cover it" not in page.content.decode()
    refused = client.post(f"/cover/gaps/{cover.gap.pk}/offer/", {"doctors": [cover.cai.pk]})
    assert refused.status_code == 404
    assert client.get(f"/cover/gaps/{cover.gap.pk}/cancel/").status_code == 404


def test_a_coordinator_of_another_department_cannot_see_the_gap(world, cover, sign_in):
    client = sign_in(world.cardiology_coordinator)
    assert client.get(f"/cover/gaps/{cover.gap.pk}/").status_code == 404
    assert client.post(f"/cover/gaps/{cover.gap.pk}/cancel/", {"reason": "x"}).status_code == 404


def test_a_gap_is_cancelled_with_a_reason(world, cover, sign_in):
    client = sign_in(world.coordinator)
    empty = client.post(f"/cover/gaps/{cover.gap.pk}/cancel/", {"reason": "", "version": 1})
    assert "Say why the gap no longer needs filling" in empty.content.decode()
    done = client.post(
        f"/cover/gaps/{cover.gap.pk}/cancel/", {"reason": "Not needed", "version": 1}
    )
    assert done.status_code == 302
    assert Gap.objects.get().status == GapStatus.CANCELLED


def test_the_doctor_answers_their_offer_on_its_page(world, cover, sign_in):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    client = sign_in(cover.cai_user)
    page = client.get(f"/cover/offers/{offer.pk}/")
    assert page.status_code == 200
    assert "Can you work this shift?" in page.content.decode()
    assert client.get("/my/offers/").status_code == 200
    empty = client.post(f"/cover/offers/{offer.pk}/", {})
    assert "Say whether you can work this shift" in empty.content.decode()
    yes = client.post(f"/cover/offers/{offer.pk}/", {"accept": "yes"})
    assert yes.status_code == 302
    assert CoverOffer.objects.get().status == OfferStatus.ACCEPTED


def test_the_second_doctor_is_told_the_shift_is_taken(world, cover, sign_in):
    offers = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai, cover.dee])
    dee_offer = next(o for o in offers if o.doctor == cover.dee)
    offer_answer(actor=cover.cai_user, offer=next(o for o in offers if o != dee_offer), accept=True)
    late = sign_in(cover.dee_user).post(f"/cover/offers/{dee_offer.pk}/", {"accept": "yes"})
    assert late.status_code == 409
    assert "This shift was already taken by Dr Cai Evans." in late.content.decode()


def test_a_doctor_cannot_open_another_doctors_offer(world, cover, sign_in):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    client = sign_in(cover.dee_user)
    assert client.get(f"/cover/offers/{offer.pk}/").status_code == 404
    assert client.post(f"/cover/offers/{offer.pk}/", {"accept": "yes"}).status_code == 404
    assert sign_in(world.nobody).get("/cover/offers/").status_code == 404


def test_the_changes_to_a_published_rota_are_listed(world, cover, sign_in):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    offer_answer(actor=cover.cai_user, offer=offer, accept=True)
    client = sign_in(world.service_manager)
    grid = client.get(f"/rotas/{world.rota.pk}/", {"from": "2026-08-10"})
    assert "Changes to this rota" in grid.content.decode()
    page = client.get(f"/rotas/{world.rota.pk}/changes/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Version 2" in text
    assert "Put on: Dr Cai Evans: N (Night) on Wed 12 Aug 2026" in text
    assert "Dr Cai Evans covers a gap: Dr Bea Okafor off sick" in text
    refused = sign_in(world.cardiology_coordinator).get(f"/rotas/{world.rota.pk}/changes/")
    assert refused.status_code == 404


def test_the_home_page_lists_open_gaps_and_waiting_offers(world, cover, sign_in, today):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    coordinator = sign_in(world.coordinator).get("/").content.decode()
    assert "Open gaps in the next 14 days: 1" in coordinator
    assert "N (Night) on Wed 12 Aug 2026, Acute medicine" in coordinator
    assert "Offers waiting for an answer: 1" in coordinator
    doctor = sign_in(cover.cai_user).get("/").content.decode()
    assert "Can you cover N (Night) on Wed 12 Aug 2026?" in doctor
    assert f"/cover/offers/{offer.pk}/" in doctor
    assert "Open gaps" not in sign_in(cover.dee_user).get("/").content.decode()
    assert "Wed 12 Aug" not in sign_in(world.cardiology_coordinator).get("/").content.decode()


def test_the_department_page_links_to_its_gaps(world, sign_in):
    page = sign_in(world.coordinator).get(f"/departments/{world.acute.pk}/")
    assert f"/cover/gaps/?department={world.acute.pk}" in page.content.decode()


def test_dates_far_away_are_kept_in_the_register(world, night, sign_in):
    GapFactory(rota=world.rota, shift_type=night, date=date(2027, 1, 20))
    assert "Wed 20 Jan 2027" in sign_in(world.coordinator).get("/cover/gaps/").content.decode()
