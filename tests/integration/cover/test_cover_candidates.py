"""Who could cover a shift: every doctor who may take it and stay within every rule, judged
by the rules engine on their whole rota, fairest first."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from rotaplan.cover.candidates import cover_candidates, cover_refusals
from rotaplan.cover.models import GapStatus
from rotaplan.people.grades import Contract, Grade
from rotaplan.rotas.models import DepartmentLocalRules, DoctorPair
from tests.factories.cover import GapFactory
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import CompetencyFactory, DoctorFactory
from tests.factories.rotas import AssignmentFactory, CoverMixFactory, ShiftTypeFactory

pytestmark = pytest.mark.django_db

MON, TUE, WED, THU = date(2026, 8, 10), date(2026, 8, 11), date(2026, 8, 12), date(2026, 8, 13)


@pytest.fixture
def cai(world):
    return DoctorFactory(first_name="Cai", last_name="Evans", department=world.acute)


@pytest.fixture
def day_shift(world):
    return ShiftTypeFactory(
        department=world.acute, code="D", name="Day", start=time(9), end=time(17)
    )


@pytest.fixture
def early(world):
    return ShiftTypeFactory(
        department=world.acute, code="E", name="Early", start=time(7), end=time(15)
    )


def names(candidates) -> list[str]:
    return [c.doctor.first_name for c in candidates]


def test_every_doctor_free_and_within_the_rules_is_a_candidate(world, night, cai):
    found = cover_candidates(shift_type=night, day=WED)
    assert set(names(found)) == {"Ada", "Bea", "Cai"}
    assert all(c.extra_shifts_per_wte == 0 for c in found)
    assert all(c.why.startswith("No extra shifts this rota") for c in found)


def test_a_doctor_on_leave_is_never_a_candidate(world, night, cai):
    LeaveRecordFactory(doctor=world.ada, start=WED, end=WED)
    assert "Ada" not in names(cover_candidates(shift_type=night, day=WED))
    (reason,) = cover_refusals(doctor=world.ada, shift_type=night, day=WED, rota=world.rota)
    assert reason == "Dr Ada Patel is away: annual leave from Wed 12 Aug 2026 to Wed 12 Aug 2026"


def test_leave_the_morning_after_a_night_rules_the_night_out(world, night, cai):
    """The night starting Wednesday is worked into Thursday."""
    LeaveRecordFactory(doctor=world.ada, start=THU, end=THU)
    assert "Ada" not in names(cover_candidates(shift_type=night, day=WED))


def test_leave_asked_for_but_not_approved_does_not_count(world, night, cai):
    LeaveRecordFactory(doctor=world.ada, start=WED, end=WED, status="requested")
    assert "Ada" in names(cover_candidates(shift_type=night, day=WED))


def test_a_doctor_already_working_then_is_not_a_candidate(world, night, long_day, cai):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=long_day, date=WED)
    assert "Ada" not in names(cover_candidates(shift_type=night, day=WED))
    (reason,) = cover_refusals(doctor=world.ada, shift_type=night, day=WED, rota=world.rota)
    assert "overlaps" in reason


def test_less_than_11_hours_between_shifts_rules_a_doctor_out(world, long_day, early, cai):
    """A long day ending at 21:00 and an early at 07:00 the next day: 10 hours."""
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=long_day, date=WED)
    assert "Ada" not in names(cover_candidates(shift_type=early, day=THU))
    (reason,) = cover_refusals(doctor=world.ada, shift_type=early, day=THU, rota=world.rota)
    assert "10 hours of rest" in reason
    assert "11 hours" in reason


def test_less_than_46_hours_after_nights_rules_a_doctor_out(world, night, day_shift, cai):
    """Nights on Monday and Tuesday end at 08:30 on Wednesday; a day on Thursday at 09:00
    leaves 24.5 hours, well over 11 but short of the 46 after nights."""
    for day in (MON, TUE):
        AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=day)
    found = cover_candidates(shift_type=day_shift, day=THU)
    assert "Ada" not in names(found)
    reasons = cover_refusals(doctor=world.ada, shift_type=day_shift, day=THU, rota=world.rota)
    assert any("46" in r for r in reasons), reasons


def test_a_shift_on_another_departments_published_rota_counts(world, night, cai):
    """Rest is judged on the doctor's whole working life, not this rota alone."""
    other_night = ShiftTypeFactory(
        department=world.cardiology, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    AssignmentFactory(
        rota=world.cardiology_rota, doctor=world.ada, shift_type=other_night, date=TUE
    )
    assert "Ada" in names(cover_candidates(shift_type=night, day=WED))
    AssignmentFactory(
        rota=world.cardiology_rota,
        doctor=world.ada,
        shift_type=other_night,
        date=date(2026, 8, 8),
    )
    # Three nights, the third on this rota, then a day off and another night elsewhere:
    # judged together, as one rota.
    assert cover_refusals(doctor=world.ada, shift_type=night, day=WED, rota=world.rota) == []


def test_a_local_rule_the_shift_would_break_rules_a_doctor_out(world, night, cai):
    DepartmentLocalRules.objects.create(department=world.acute, max_nights_in_a_row=2)
    for day in (MON, TUE):
        AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=day)
    assert "Ada" not in names(cover_candidates(shift_type=night, day=WED))
    (reason,) = cover_refusals(doctor=world.ada, shift_type=night, day=WED, rota=world.rota)
    assert "3 nights in a row" in reason
    assert "local rule is at most 2" in reason


def test_a_doctor_kept_apart_from_one_on_the_shift_is_not_a_candidate(world, night, cai):
    DoctorPair.objects.create(department=world.acute, first=world.ada, second=cai, together=False)
    AssignmentFactory(rota=world.rota, doctor=cai, shift_type=night, date=WED)
    assert "Ada" not in names(cover_candidates(shift_type=night, day=WED))


def test_only_the_grades_that_work_the_shift_on_its_rota(world, night, cai):
    AssignmentFactory(rota=world.rota, doctor=cai, shift_type=night, date=MON)
    found = names(cover_candidates(shift_type=night, day=WED))
    assert "Bea" not in found  # an FY1 on a registrars' night
    reasons = cover_refusals(doctor=world.bea, shift_type=night, day=WED, rota=world.rota)
    assert reasons == ["Dr Bea Okafor is an FY1: Night on this rota is worked by ST3"]


def test_a_cover_mix_not_yet_met_needs_a_doctor_who_meets_it(world, night, cai):
    als = CompetencyFactory(code="als", name="ALS")
    cai.competencies.add(als)
    mix = CoverMixFactory(shift_type=night, at_least=1, grades=[])
    mix.competencies.add(als)
    assert names(cover_candidates(shift_type=night, day=WED)) == ["Cai"]
    # Once someone with ALS is on, any registrar will do (Bea is a foundation doctor).
    AssignmentFactory(rota=world.rota, doctor=cai, shift_type=night, date=WED)
    assert names(cover_candidates(shift_type=night, day=WED)) == ["Ada"]


def test_doctors_out_of_post_or_of_another_department_are_not_candidates(world, night):
    DoctorFactory(first_name="Gone", department=world.acute, post_end=date(2026, 8, 11))
    DoctorFactory(first_name="Later", department=world.acute, post_start=date(2026, 8, 13))
    found = names(cover_candidates(shift_type=night, day=WED))
    assert "Gone" not in found
    assert "Later" not in found
    assert "Carys" not in found


def test_fewest_extra_shifts_per_wte_first_so_part_timers_are_not_overworked(
    world, night, long_day, cai
):
    """Bea (0.6 WTE) filled one gap, Ada (full time) one: Bea has done 1.67 shifts of a
    full-timer's, Ada 1. Cai has done none."""
    for doctor, day in ((world.ada, date(2026, 8, 20)), (world.bea, date(2026, 8, 21))):
        GapFactory(
            rota=world.rota,
            shift_type=long_day,
            date=day,
            status=GapStatus.FILLED_INTERNALLY,
            filled_by=doctor,
        )
    found = cover_candidates(shift_type=night, day=WED)
    assert names(found) == ["Cai", "Ada", "Bea"]
    assert [c.extra_shifts_per_wte for c in found] == [0, 1.0, 1.67]
    assert found[2].why.startswith("1 extra shift this rota at 0.6 WTE (1.67 full-time)")


def test_then_most_rest_around_the_shift_first(world, night, cai):
    """Ada's night ended 3.5 days before the gap, Cai's 10.5; Dee has worked none."""
    dee = DoctorFactory(first_name="Dee", last_name="Ward", department=world.acute)
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=MON)
    AssignmentFactory(rota=world.rota, doctor=cai, shift_type=night, date=date(2026, 8, 3))
    found = cover_candidates(shift_type=night, day=date(2026, 8, 14))
    assert names(found) == ["Dee", "Cai", "Ada"]  # Bea, an FY1, works no registrar nights
    ada = found[2]
    assert ada.rest_before_hours == pytest.approx(83.5)
    assert ada.rest_after_hours is None
    assert ada.why == "No extra shifts this rota; 83.5 hours rest before, no shift after"
    assert dee.pk == found[0].doctor.pk


def test_a_consultant_is_judged_by_the_working_time_regulations(world, long_day, early):
    """The 11 hours between shifts is the training contract's; a consultant's daily rest
    is the Working Time Regulations', judged by the engine."""
    consultant = DoctorFactory(
        first_name="Con",
        grade=Grade.CONSULTANT,
        contract=Contract.CONSULTANT_2003,
        department=world.acute,
    )
    AssignmentFactory(rota=world.rota, doctor=consultant, shift_type=long_day, date=WED)
    assert "Con" not in names(cover_candidates(shift_type=early, day=THU))
    reasons = cover_refusals(doctor=consultant, shift_type=early, day=THU, rota=world.rota)
    assert reasons
    assert all("overlaps" not in r for r in reasons)
    assert "Con" in names(cover_candidates(shift_type=early, day=date(2026, 8, 14)))


def test_excluded_doctors_and_a_limit(world, night, cai):
    found = cover_candidates(shift_type=night, day=WED, exclude_doctor_ids={world.ada.pk}, limit=1)
    assert len(found) == 1
    assert found[0].doctor != world.ada


def test_no_published_rota_no_candidates(world, night):
    world.rota.status = "draft"
    world.rota.save()
    assert cover_candidates(shift_type=night, day=WED) == []


def test_the_wte_of_a_doctor_is_read_as_a_fraction(world):
    assert world.bea.wte == Decimal("0.60")
