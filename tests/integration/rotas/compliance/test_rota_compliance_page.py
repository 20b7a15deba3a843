"""The rota compliance page: who may open it, the breaches it lists, and the grid's marks."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from rotaplan.rotas.local_rules.services import local_limits_set
from tests.factories.rotas import AssignmentFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

FIVE_NIGHTS = "Dr Ada Patel works 5 nights in a row"


@pytest.fixture
def five_nights(world, night):
    """Ada works five nights from Mon 3 Aug 2026: one more than the limit of four."""
    for offset in range(5):
        AssignmentFactory(
            rota=world.rota,
            doctor=world.ada,
            shift_type=night,
            date=date(2026, 8, 3) + timedelta(offset),
        )


def compliance_url(world) -> str:
    return f"/rotas/{world.rota.pk}/compliance/"


def test_coordinator_sees_each_breach_with_its_sentence(world, sign_in, five_nights):
    response = sign_in(world.coordinator).get(compliance_url(world))
    text = page_text(response)
    assert response.status_code == 200
    assert FIVE_NIGHTS in text
    assert "Consecutive nights" in text
    assert "max-consecutive-nights" not in text  # rule ids are not for people
    assert "How these rules are read" in text
    assert "belongs to the night that began the evening before" in text
    assert "Mon 3 Aug 2026 20:00 to Sat 8 Aug 2026 08:30" in text
    assert "5 nights" in text
    assert "4 nights" in text
    assert "Not checked, as they need the hours actually worked, not the plan: " in text
    assert "for 1 doctor" in text
    assert f'href="#doctor-{world.ada.pk}"' in response.content.decode()
    assert f'id="doctor-{world.ada.pk}"' in response.content.decode()


def test_the_grid_marks_the_days_of_a_breach_and_links_to_the_check(world, sign_in, five_nights):
    response = sign_in(world.coordinator).get(f"/rotas/{world.rota.pk}/?from=2026-08-03")
    html = response.content.decode()
    marked = re.findall(r'<td class="rp-breach" title="Breach: ([^"]*)"', html)
    assert len(marked) == 5  # Mon to Fri
    assert all("Consecutive nights" in rules for rules in marked)
    assert 'class="rp-weekend rp-breach"' in html  # the last night ends on Saturday morning
    assert "Breach: Consecutive long shifts, Consecutive nights" in page_text(response)
    assert "Check compliance: 2 breaches for 1 doctor" in page_text(response)
    assert f'href="/rotas/{world.rota.pk}/compliance/"' in html


def test_a_rota_without_breaches_is_compliant(world, sign_in, night):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    text = page_text(sign_in(world.coordinator).get(compliance_url(world)))
    assert "Compliant" in text
    assert "Breach" not in text.replace("Breaches", "")
    assert "Ada Patel" in text  # her figures


def test_filters_by_doctor_and_by_rule(world, sign_in, five_nights, night):
    for offset in range(5):
        AssignmentFactory(
            rota=world.rota,
            doctor=world.bea,
            shift_type=night,
            date=date(2026, 8, 17) + timedelta(offset),
        )
    client = sign_in(world.coordinator)
    everyone = page_text(client.get(compliance_url(world)))
    assert FIVE_NIGHTS in everyone
    assert "Dr Bea Okafor works 5 nights in a row" in everyone
    only_bea = page_text(client.get(compliance_url(world), {"doctor": world.bea.pk}))
    assert FIVE_NIGHTS not in only_bea
    assert "Dr Bea Okafor works 5 nights in a row" in only_bea
    other_rule = page_text(client.get(compliance_url(world), {"rule": "weekend-frequency"}))
    assert "No breaches match these filters." in other_rule


def test_coordinator_cannot_see_other_department_compliance(world, sign_in, five_nights):
    response = sign_in(world.cardiology_coordinator).get(compliance_url(world))
    assert response.status_code == 404
    assert FIVE_NIGHTS not in response.content.decode()
    assert "Ada Patel" not in response.content.decode()


def test_doctor_cannot_see_the_department_compliance(world, sign_in, five_nights):
    response = sign_in(world.ada_user).get(compliance_url(world))
    assert response.status_code == 404
    assert FIVE_NIGHTS not in response.content.decode()


def test_user_without_a_role_cannot_see_compliance(world, sign_in, five_nights):
    assert sign_in(world.nobody).get(compliance_url(world)).status_code == 404


def test_signed_out_visitor_is_sent_to_sign_in(world, client):
    response = client.get(compliance_url(world))
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_rest_owed_under_the_hospital_derogation_is_shown_apart_from_breaches(
    world, sign_in, night
):
    """A fortnight of nights (Ada is a doctor in training): the WTR weekly rest is owed
    as compensatory rest, listed under its own heading, not counted as a breach."""
    for offset in range(14):
        AssignmentFactory(
            rota=world.rota,
            doctor=world.ada,
            shift_type=night,
            date=date(2026, 8, 3) + timedelta(offset),
        )
    text = page_text(sign_in(world.coordinator).get(compliance_url(world)))
    assert "Compensatory rest and protection owed" in text
    assert "of compensatory rest is due (reg. 24)" in text
    owed, breaches = (
        text.split("Compensatory rest and protection owed")[1],
        text.split("Compensatory rest and protection owed")[0],
    )
    assert "Weekly rest (WTR)" in owed
    assert "Weekly rest (WTR)" not in breaches


def test_local_rules_not_kept_are_listed_apart_from_breaches(world, sign_in, night):
    for offset in range(3):
        AssignmentFactory(
            rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3 + offset)
        )
    local_limits_set(
        actor=world.coordinator,
        department=world.acute,
        max_nights_in_a_row=2,
        max_weekends_in_a_row=None,
        whole_weekends=False,
    )

    text = page_text(sign_in(world.coordinator).get(f"/rotas/{world.rota.pk}/compliance/"))

    assert "Local rules not kept" in text
    assert "Dr Ada Patel works 3 nights in a row from Mon 3 Aug 2026" in text
