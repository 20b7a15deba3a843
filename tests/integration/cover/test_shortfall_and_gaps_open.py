"""Shifts below their minimum on the published rotas, and the gap register opened from
them: one gap a missing doctor, none twice, closed when the shift is covered again."""

from __future__ import annotations

from datetime import date

import pytest

from rotaplan.cover.models import Gap, GapCause, GapStatus
from rotaplan.cover.services import gaps_open
from rotaplan.cover.shortfall import below_minimum, left_below_minimum
from rotaplan.rotas.models import RotaStatus
from tests.factories.rotas import AssignmentFactory, CoverRequirementFactory, RotaFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 8, 3)


@pytest.fixture
def nights(world, night):
    """Two doctors needed on every Monday night; Ada alone on the first."""
    CoverRequirementFactory(shift_type=night, weekday=0, minimum=2, ideal=2)
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=MONDAY)
    return night


def test_a_shift_with_fewer_doctors_than_its_minimum_is_short(world, nights):
    shorts = below_minimum(world.acute.pk, MONDAY, MONDAY + date.resolution * 7)
    assert [(s.code, s.date, s.on, s.missing) for s in shorts] == [
        ("N", MONDAY, 1, 1),
        ("N", date(2026, 8, 10), 0, 2),
    ]


def test_draft_rotas_do_not_count(world, nights):
    draft = RotaFactory(department=world.acute, status=RotaStatus.DRAFT)
    AssignmentFactory(rota=draft, doctor=world.bea, shift_type=nights, date=MONDAY)
    assert below_minimum(world.acute.pk, MONDAY, MONDAY)[0].on == 1


def test_a_doctor_away_leaves_their_shift_short(world, nights):
    AssignmentFactory(rota=world.rota, doctor=world.bea, shift_type=nights, date=MONDAY)
    assert below_minimum(world.acute.pk, MONDAY, MONDAY) == []
    left = left_below_minimum(world.ada.pk, MONDAY, MONDAY)
    assert [(s.code, s.on, s.minimum) for s in left] == [("N", 1, 2)]


def test_a_doctor_with_no_shifts_leaves_nothing_short(world, nights):
    assert left_below_minimum(world.carys.pk, MONDAY, MONDAY) == []


def test_gaps_open_one_a_missing_doctor_and_not_twice(world, nights):
    opened = gaps_open(
        made_by=world.coordinator,
        department_id=world.acute.pk,
        start=MONDAY,
        end=MONDAY,
        cause=GapCause.SICKNESS,
        reason="Dr Bea Okafor off sick",
    )
    assert [(g.date, g.cause, g.status) for g in opened] == [(MONDAY, "sickness", "open")]
    again = gaps_open(
        made_by=world.coordinator,
        department_id=world.acute.pk,
        start=MONDAY,
        end=MONDAY,
        cause=GapCause.SICKNESS,
        reason="again",
    )
    assert again == []


def test_a_gap_booked_through_the_bank_still_counts_as_a_missing_doctor(world, nights):
    (gap,) = gaps_open(
        made_by=None,
        department_id=world.acute.pk,
        start=MONDAY,
        end=MONDAY,
        cause=GapCause.SHORTFALL,
        reason="",
    )
    Gap.objects.filter(pk=gap.pk).update(status=GapStatus.BANK)
    assert (
        gaps_open(
            made_by=None,
            department_id=world.acute.pk,
            start=MONDAY,
            end=MONDAY,
            cause=GapCause.SHORTFALL,
            reason="",
        )
        == []
    )


def test_an_open_gap_closes_when_the_shift_is_covered_again(world, nights):
    (gap,) = gaps_open(
        made_by=world.coordinator,
        department_id=world.acute.pk,
        start=MONDAY,
        end=MONDAY,
        cause=GapCause.LEAVE,
        reason="",
    )
    AssignmentFactory(rota=world.rota, doctor=world.bea, shift_type=nights, date=MONDAY)
    gaps_open(
        made_by=world.coordinator,
        department_id=world.acute.pk,
        start=MONDAY,
        end=MONDAY,
        cause=GapCause.LEAVE,
        reason="",
    )
    gap.refresh_from_db()
    assert gap.status == GapStatus.CANCELLED
    assert gap.dealt_with_by == world.coordinator


def test_a_shift_short_already_is_not_blamed_on_the_absence(world, nights, long_day):
    CoverRequirementFactory(shift_type=long_day, weekday=0, minimum=1, ideal=1)
    opened = gaps_open(
        made_by=world.coordinator,
        department_id=world.acute.pk,
        start=MONDAY,
        end=MONDAY,
        cause=GapCause.LEAVE,
        reason="Dr Ada Patel on annual leave",
        touched={(nights.pk, MONDAY)},
    )
    assert sorted((g.shift_type.code, g.cause, g.reason) for g in opened) == [
        ("LD", "shortfall", "Below its minimum on the published rota"),
        ("N", "leave", "Dr Ada Patel on annual leave"),
    ]
