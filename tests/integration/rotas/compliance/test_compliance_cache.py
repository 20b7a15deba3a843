"""A rota's compliance report is kept in the cache under a digest of all its input: asked
again, it is not worked out again; after any change that could alter it (a shift on this
rota or on another the window reaches, a doctor's terms, the rota's period) it is."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from rotaplan.people.models import Doctor
from rotaplan.rotas.compliance import rota_compliance
from rotaplan.rotas.compliance import selectors as compliance_selectors
from rotaplan.rotas.local_rules.services import local_limits_set
from rotaplan.rotas.models import Rota
from tests.factories.rotas import AssignmentFactory, RotaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def checks(monkeypatch):
    """Counts the rules engine's runs."""
    runs: list[object] = []
    real = compliance_selectors.check_rota

    def counting(rota):
        runs.append(rota)
        return real(rota)

    monkeypatch.setattr(compliance_selectors, "check_rota", counting)
    return runs


def nights(rota, doctor, night, first: date, count: int) -> None:
    for offset in range(count):
        AssignmentFactory(
            rota=rota, doctor=doctor, shift_type=night, date=first + timedelta(offset)
        )


def rules(rota) -> set[str]:
    return {row.rule for row in rota_compliance(rota).breaches}


def test_asked_again_the_report_is_not_worked_out_again(world, night, checks):
    nights(world.rota, world.ada, night, date(2026, 8, 3), 5)
    first = rota_compliance(world.rota)
    again = rota_compliance(world.rota)
    assert again == first
    assert len(checks) == 1


def test_a_shift_added_to_this_rota_changes_the_report(world, night, checks):
    nights(world.rota, world.ada, night, date(2026, 8, 3), 4)
    assert "max-consecutive-nights" not in rules(world.rota)
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 7))
    assert "max-consecutive-nights" in rules(world.rota)
    assert len(checks) == 2


def test_a_shift_moved_on_this_rota_changes_the_report(world, night, checks):
    nights(world.rota, world.ada, night, date(2026, 8, 3), 4)
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 9))
    assert "max-consecutive-nights" not in rules(world.rota)
    moved = world.rota.assignments.get(date=date(2026, 8, 9))
    moved.start -= timedelta(days=2)
    moved.end -= timedelta(days=2)
    moved.date = date(2026, 8, 7)
    moved.save()
    assert "max-consecutive-nights" in rules(world.rota)


def test_a_shift_on_another_rota_in_the_window_changes_the_report(world, night, checks):
    """Four nights to the end of the August rota, then a fifth on February's."""
    nights(world.rota, world.ada, night, date(2027, 1, 28), 4)
    assert "max-consecutive-nights" not in rules(world.rota)
    february = RotaFactory(
        department=world.acute, period_start=date(2027, 2, 1), period_end=date(2027, 4, 25)
    )
    AssignmentFactory(rota=february, doctor=world.ada, shift_type=night, date=date(2027, 2, 1))
    assert "max-consecutive-nights" in rules(world.rota)


def test_another_rota_published_changes_the_report(world, night, checks):
    """A draft's shifts are a proposal, and count once it is published."""
    nights(world.rota, world.ada, night, date(2027, 1, 28), 4)
    february = RotaFactory(
        department=world.acute,
        period_start=date(2027, 2, 1),
        period_end=date(2027, 4, 25),
        status="draft",
    )
    AssignmentFactory(rota=february, doctor=world.ada, shift_type=night, date=date(2027, 2, 1))
    assert "max-consecutive-nights" not in rules(world.rota)
    Rota.objects.filter(pk=february.pk).update(status="published")
    assert "max-consecutive-nights" in rules(world.rota)


def test_a_doctors_opt_out_changes_the_report(world, long_day, checks):
    """Four long days a week, 50 hours: over the 48-hour average unless opted out."""
    rota = world.cardiology_rota
    for week in range(4):
        for weekday in range(4):
            AssignmentFactory(
                rota=rota,
                doctor=world.carys,
                shift_type=long_day,
                date=date(2026, 8, 3) + timedelta(weeks=week, days=weekday),
            )
    assert "avg-weekly-hours" in rules(rota)
    Doctor.objects.filter(pk=world.carys.pk).update(opted_out=True)
    assert "avg-weekly-hours" not in rules(rota)


def test_a_doctors_name_changes_the_report(world, night, checks):
    nights(world.rota, world.ada, night, date(2026, 8, 3), 5)
    messages = [row.message for row in rota_compliance(world.rota).breaches]
    assert any("Dr Ada Patel works 5 nights" in message for message in messages)
    Doctor.objects.filter(pk=world.ada.pk).update(last_name="Shah")
    messages = [row.message for row in rota_compliance(world.rota).breaches]
    assert any("Dr Ada Shah works 5 nights" in message for message in messages)


@pytest.mark.parametrize(
    "change",
    [
        {"wte": Decimal("0.60")},
        {"grade": "fy1"},
        {"contract": "consultant_2003"},
    ],
)
def test_a_doctors_terms_are_part_of_what_is_kept(world, night, checks, change):
    """The rules read each doctor's contract, WTE, opt-out and grade: a change to any of
    them is judged afresh, never answered from before."""
    nights(world.rota, world.ada, night, date(2026, 8, 3), 2)
    rota_compliance(world.rota)
    Doctor.objects.filter(pk=world.ada.pk).update(**change)
    rota_compliance(world.rota)
    assert len(checks) == 2


def test_the_rotas_period_is_part_of_what_is_kept(world, night, checks):
    nights(world.rota, world.ada, night, date(2026, 8, 3), 2)
    rota_compliance(world.rota)
    Rota.objects.filter(pk=world.rota.pk).update(period_end=date(2026, 12, 31))
    world.rota.refresh_from_db()
    rota_compliance(world.rota)
    assert len(checks) == 2


def test_with_no_cache_the_report_is_the_same(world, night, settings):
    nights(world.rota, world.ada, night, date(2026, 8, 3), 5)
    kept = rules(world.rota)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert rules(world.rota) == kept


def test_a_cache_that_fails_is_worked_around(world, night, settings):
    nights(world.rota, world.ada, night, date(2026, 8, 3), 5)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "no_such_table",
        }
    }
    assert "max-consecutive-nights" in rules(world.rota)


def test_a_change_to_the_departments_local_rules_is_a_new_report(world, night, checks):
    nights(world.rota, world.ada, night, date(2026, 8, 3), 3)
    assert rota_compliance(world.rota).local == ()

    local_limits_set(
        actor=world.coordinator,
        department=world.acute,
        max_nights_in_a_row=2,
        max_weekends_in_a_row=None,
        whole_weekends=False,
    )
    report = rota_compliance(world.rota)

    assert len(checks) == 2
    assert report.compliant  # three nights keep the contract
    (row,) = report.local
    assert row.rule_name == "Nights in a row (local rule)"
    assert row.message.endswith("this rota's local rule is at most 2")
