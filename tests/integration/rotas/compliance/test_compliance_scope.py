"""A rota's compliance lists the breaches that involve its own shifts: a doctor's shifts on
other rotas near the period are read (a night elsewhere still needs its rest), but a breach
made wholly of another rota's shifts belongs to that rota, not this one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.factories.rotas import AssignmentFactory, RotaFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def february(world):
    """The next rota of acute medicine, after world.rota (Mon 3 Aug 2026 to Sun 31 Jan 2027)."""
    return RotaFactory(
        department=world.acute,
        name="Acute medicine, February",
        period_start=date(2027, 2, 1),
        period_end=date(2027, 4, 25),
    )


@pytest.fixture
def shifts(world, february, night, long_day):
    """Ada's last three nights of the August rota end on Mon 1 Feb 08:30; the February rota
    has her on a long day on Tue 2 Feb (24 h later, not 46: a breach of both rotas), then
    five nights from Mon 8 Feb (one over the limit: February's alone, within the two weeks
    of the August rota's window)."""
    for day in (date(2027, 1, 29), date(2027, 1, 30), date(2027, 1, 31)):
        AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=day)
    AssignmentFactory(rota=february, doctor=world.ada, shift_type=long_day, date=date(2027, 2, 2))
    for offset in range(5):
        AssignmentFactory(
            rota=february,
            doctor=world.ada,
            shift_type=night,
            date=date(2027, 2, 8) + timedelta(offset),
        )


def rules_broken(client, rota) -> set[str]:
    response = client.get(f"/api/rotas/{rota.pk}/compliance")
    assert response.status_code == 200
    return {breach["rule"] for breach in response.json()["breaches"]}


def test_a_breach_made_only_of_another_rotas_shifts_is_not_listed(world, february, shifts, sign_in):
    client = sign_in(world.coordinator)
    assert "max-consecutive-nights" in rules_broken(client, february)
    assert "max-consecutive-nights" not in rules_broken(client, world.rota)


def test_a_breach_across_two_rotas_is_listed_on_both(world, february, shifts, sign_in):
    client = sign_in(world.coordinator)
    assert "rest-after-nights" in rules_broken(client, world.rota)
    assert "rest-after-nights" in rules_broken(client, february)


def test_the_compliance_page_lists_only_this_rotas_breaches(world, february, shifts, sign_in):
    text = page_text(sign_in(world.coordinator).get(f"/rotas/{world.rota.pk}/compliance/"))
    assert "Rest after nights" in text
    assert "Consecutive nights" not in text
    assert "works 5 nights in a row" not in text


def test_the_grid_counts_only_this_rotas_breaches(world, february, shifts, sign_in):
    text = page_text(sign_in(world.coordinator).get(f"/rotas/{world.rota.pk}/?from=2027-01-25"))
    assert "Check compliance: 1 breach for 1 doctor" in text
