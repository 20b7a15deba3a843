from datetime import date, time, timedelta

import pytest

from rotaplan.engine.clock import shift_bounds
from rotaplan.engine.rota import RuleSetName, ShiftKind
from rotaplan.engine.rules import check_rota
from rotaplan.people.grades import Contract, Grade
from rotaplan.rotas.models import ShiftKind as StoredKind
from rotaplan.rotas.rules_adapter import PlannedShift, engine_rota
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import DoctorFactory
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def acute():
    department = DepartmentFactory(name="Acute medicine")
    rota = RotaFactory(department=department)
    night = ShiftTypeFactory(department=department, code="N", start=time(20), end=time(8, 30))
    return rota, night


def nights(rota, doctor, night, first: date, count: int):
    for offset in range(count):
        AssignmentFactory(
            rota=rota, doctor=doctor, shift_type=night, date=first + timedelta(offset)
        )


def test_five_nights_in_a_row_on_a_stored_rota_is_a_breach(acute):
    rota, night = acute
    ada = DoctorFactory(first_name="Ada", last_name="Patel", department=rota.department)
    nights(rota, ada, night, date(2026, 8, 3), 5)
    report = check_rota(engine_rota(rota))
    assert "max-consecutive-nights" in {b.rule for b in report.breaches}
    assert any("Dr Ada Patel" in b.message for b in report.breaches)


def test_a_night_on_another_rota_counts_towards_the_run(acute):
    rota, night = acute
    ada = DoctorFactory(department=rota.department)
    nights(rota, ada, night, date(2026, 8, 3), 4)
    other = RotaFactory(department=DepartmentFactory(name="Cardiology"))
    their_night = ShiftTypeFactory(
        department=other.department, code="N", start=time(20), end=time(8)
    )
    AssignmentFactory(rota=other, doctor=ada, shift_type=their_night, date=date(2026, 8, 7))
    rules = {b.rule for b in check_rota(engine_rota(rota)).breaches}
    assert "max-consecutive-nights" in rules


def test_an_edit_is_checked_before_it_is_saved(acute):
    rota, night = acute
    ada = DoctorFactory(department=rota.department)
    nights(rota, ada, night, date(2026, 8, 3), 4)
    fifth = night_on(ada.pk, date(2026, 8, 7))
    assert check_rota(engine_rota(rota)).compliant
    planned = engine_rota(rota, added=[fifth])
    assert "max-consecutive-nights" in {b.rule for b in check_rota(planned).breaches}


def test_removing_an_assignment_takes_it_out_of_the_check(acute):
    rota, night = acute
    ada = DoctorFactory(department=rota.department)
    nights(rota, ada, night, date(2026, 8, 3), 5)
    last = rota.assignments.order_by("-start").first()
    assert check_rota(engine_rota(rota, removed=[last.pk])).compliant


def test_consultants_are_judged_by_the_working_time_regulations(acute):
    rota, night = acute
    consultant = DoctorFactory(
        grade=Grade.CONSULTANT, contract=Contract.CONSULTANT_2003, department=rota.department
    )
    trainee = DoctorFactory(department=rota.department)
    nights(rota, consultant, night, date(2026, 8, 3), 1)
    nights(rota, trainee, night, date(2026, 8, 10), 1)
    terms = {d.id: d for d in engine_rota(rota).doctors}
    assert terms[str(consultant.pk)].rule_set == RuleSetName.WTR
    assert terms[str(trainee.pk)].rule_set == RuleSetName.TCS2016


def night_on(doctor_id: int, day: date) -> PlannedShift:
    start, end = shift_bounds(day, time(20), time(8, 30))
    return PlannedShift(doctor_id=doctor_id, start=start, end=end, kind=StoredKind.WORK)


def test_on_call_kind_carries_through(acute):
    rota, _ = acute
    on_call = ShiftTypeFactory(
        department=rota.department, code="OC", start=time(9), end=time(9), kind=StoredKind.ON_CALL
    )
    AssignmentFactory(rota=rota, shift_type=on_call, date=date(2026, 8, 8))
    (shift,) = engine_rota(rota).shifts
    assert shift.kind == ShiftKind.ON_CALL
    assert shift.hours == 24
