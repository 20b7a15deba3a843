"""The demo trust: believable, the same for the same seed, and its rotas within the 2016 contract.

The rotas are judged by the rules engine, on the assignments as built (read by the same
adapter as the compliance page), not taken on trust from the pattern's docstring; a breach
fails a test with the engine's own message.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from django.db import transaction

from rotaplan.demo import command
from rotaplan.demo.command import run_demo
from rotaplan.demo.dates import (
    CHANGEOVER,
    PREVIOUS_CHANGEOVER,
    PUBLISHED_AT,
    ROTA_END,
    ROTA_START,
    ROTA_WEEKS,
    TRAINING_POST_END,
)
from rotaplan.demo.doctors import SUPERVISING_GRADES, draw_doctors
from rotaplan.demo.pattern import LINES, planned_shift
from rotaplan.demo.rotas import Bounds, junior_assignments
from rotaplan.demo.shift_types import DEPARTMENT_SHIFTS, rostered_shift
from rotaplan.demo.staffing import MIN_DOCTORS, plan_establishment
from rotaplan.demo.users import DEMO_PASSWORD, USERNAMES
from rotaplan.engine.breaches import ComplianceReport
from rotaplan.engine.clock import hours_between, is_bank_holiday, shift_bounds, to_london
from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts, RuleSetName, Shift
from rotaplan.engine.rules import check_rota
from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.organisation.models import Department, Site, Trust
from rotaplan.people.grades import TRAINING_GRADES, Grade, contract_for_grade
from rotaplan.people.models import Doctor, Role, User
from rotaplan.rotas.models import Assignment, Rota, RotaStatus, ShiftKind, ShiftType
from rotaplan.rotas.rules_adapter import engine_rota
from tests.factories.organisation import TrustFactory
from tests.factories.people import PASSWORD, UserFactory

from .conftest import built_once

pytestmark = pytest.mark.django_db

DOCTORS = 40  # small, so each build takes a fraction of a second
TREATMENT_FUNCTION_CODES = {
    "acute-medicine": "326",
    "emergency-medicine": "180",
    "cardiology": "320",
    "respiratory-medicine": "340",
    "gastroenterology": "301",
    "geriatric-medicine": "430",
    "general-surgery": "100",
    "trauma-orthopaedics": "110",
    "anaesthetics": "190",
    "paediatrics": "420",
    "obstetrics": "501",
}
SIGN_IN_LINE = (
    "Open http://127.0.0.1:8000 and sign in as coordinator / rotaplan-demo-2026 "
    "(also: admin, staffing, manager, booking, director, doctor, consultant)"
)


class Output:
    """Stands in for ``typer.echo``."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.errors: list[str] = []

    def __call__(self, message: str, *, err: bool = False) -> None:
        (self.errors if err else self.lines).append(message)


def build(
    seed: int = 1, doctors: int = DOCTORS, if_empty: bool = False, **where: str
) -> tuple[int, Output]:
    out = Output()
    return run_demo(seed=seed, doctors=doctors, if_empty=if_empty, echo=out, **where), out


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[Output]:
    """The default demo, built once for the tests that only read it (conftest.py)."""

    def built() -> Output:
        code, out = build()
        assert code == 0, out.errors
        return out

    with built_once(django_db_blocker, built) as out:
        yield out


# Judging a rota by the rules engine -------------------------------------------------------
# The engine judges; these only hand it the demo's shifts, for one doctor in training over
# the rota period, as it would read them from a rota file.

TRAINEE = DoctorTerms(id="1", name="Dr Demo Trainee", rule_set=RuleSetName.TCS2016)


def judged(shifts: Iterable[Shift], *, opted_out: bool = False) -> ComplianceReport:
    rota = RotaShifts(
        period=Period(ROTA_START, ROTA_END),
        doctors=(replace(TRAINEE, opted_out=opted_out),),
        shifts=tuple(shifts),
    )
    return check_rota(rota)


def breaches(shifts: Iterable[Shift], *, opted_out: bool = False) -> list[str]:
    """The engine's messages, so a failing assertion says what was broken and when."""
    return [b.message for b in judged(shifts, opted_out=opted_out).breaches]


def rules_broken(shifts: Iterable[Shift], *, opted_out: bool = False) -> set[str]:
    return {b.rule for b in judged(shifts, opted_out=opted_out).breaches}


def shift(day: date, start: datetime, end: datetime) -> Shift:
    return Shift(doctor=TRAINEE.id, start=start, end=end, source=f"{day:%a %-d %b %Y}")


def planned(day: date, code: str) -> Shift:
    spec = rostered_shift(code, day)
    return shift(day, *shift_bounds(day, spec.start, spec.end))


def line_shifts(line: int) -> list[tuple[str, Shift]]:
    """The full pattern for one line over the rota period, with nothing taken away: each
    shift with the code it is rostered as (a night across the clock change is an NC)."""
    found: list[tuple[str, Shift]] = []
    for i in range(ROTA_WEEKS * 7):
        day = ROTA_START + timedelta(days=i)
        code = planned_shift(line, i // 7, day.weekday())
        if code is not None:
            found.append((rostered_shift(code, day).code, planned(day, code)))
    return found


def _bounds(day: date, start_hour: int, end_hour: int) -> tuple[datetime, datetime]:
    return shift_bounds(day, time(start_hour), time(end_hour))


def test_the_engine_finds_breaches_in_the_demos_shifts():
    """The checks below that find nothing would find these: the demo's own shifts, handed to
    the engine as the tests hand them, break each limit."""
    monday = date(2026, 9, 7)
    nights = [planned(monday + timedelta(days=i), "N") for i in range(5)]
    assert "max-consecutive-nights" in rules_broken(nights)
    back_to_days = [*nights[:2], planned(monday + timedelta(days=3), "D")]
    assert "rest-after-nights" in rules_broken(back_to_days)
    five_long = [planned(monday + timedelta(days=i), "LD") for i in range(5)]
    assert "max-consecutive-long-shifts" in rules_broken(five_long)
    eight_days = [planned(monday + timedelta(days=i), "D") for i in range(8)]
    assert "max-consecutive-shifts" in rules_broken(eight_days)
    late_then_early = [planned(monday, "LD"), shift(monday, *_bounds(monday, 21, 7))]
    assert "min-rest-between-shifts" in rules_broken(late_then_early)
    six_long = [planned(monday + timedelta(days=i), "LD") for i in (0, 1, 2, 3)]
    six_long += [planned(monday + timedelta(days=i), "N") for i in (5, 6)]
    # 75 hours of shifts, spanning 168.5 hours from first start to last end: at most 74.5
    # of them fit in any 168.
    assert judged(six_long).doctors[TRAINEE.id].max_hours_in_168h == 74.5
    assert "max-72h-in-168h" in rules_broken(six_long)
    every_day = [planned(ROTA_START + timedelta(days=i), "D") for i in range(ROTA_WEEKS * 7)]
    assert "weekend-frequency" in rules_broken(every_day)
    assert judged(every_day).doctors[TRAINEE.id].average_weekly_hours == 56.0
    assert "avg-weekly-hours" in rules_broken(every_day)
    assert "avg-weekly-hours" not in rules_broken(every_day, opted_out=True)
    friday_night = [planned(date(2026, 9, 11), "N")]  # into Saturday
    assert judged(friday_night).doctors[TRAINEE.id].weekends_worked == 1
    thursday_night = [planned(date(2026, 9, 10), "N")]
    assert judged(thursday_night).doctors[TRAINEE.id].weekends_worked == 0


@pytest.mark.parametrize("line", range(LINES))
def test_every_line_of_the_pattern_obeys_the_2016_limits(line):
    assert breaches(s for _, s in line_shifts(line)) == []


def test_the_pattern_staffs_nights_and_long_days_every_day_of_the_week():
    for week in range(LINES):
        for weekday in range(7):
            codes = [planned_shift(line, week, weekday) for line in range(LINES)]
            assert codes.count("N") == 1
            assert codes.count("LD") == 1


def test_the_night_the_clocks_go_back_is_rostered_as_13_hours_not_13_and_a_half():
    nights = [
        (code, s) for line in range(LINES) for code, s in line_shifts(line) if code in {"N", "NC"}
    ]
    assert {(code, s.hours) for code, s in nights} == {("N", 12.5), ("NC", 13.0)}
    assert {s.day for code, s in nights if code == "NC"} == {date(2026, 10, 24)}
    as_planned = shift_bounds(date(2026, 10, 24), time(20), time(8, 30))
    assert hours_between(*as_planned) == 13.5


def test_leave_that_breaks_a_run_of_nights_drops_the_nights_owed_rest():
    """Leave on the Tuesday of a Monday-to-Thursday run of nights: the Monday night is then a
    run of its own, owed 46 hours' rest, so the Wednesday night goes too; Thursday stays."""
    doctor = Doctor(pk=1, wte=Decimal("1.00"), post_start=PREVIOUS_CHANGEOVER)
    shifts = {
        spec.code: ShiftType(pk=n, code=spec.code, start=spec.start, end=spec.end)
        for n, spec in enumerate(DEPARTMENT_SHIFTS, start=1)
    }
    tuesday = ROTA_START + timedelta(days=1)
    made = list(
        junior_assignments(Rota(pk=1), [doctor], shifts, {1: {tuesday}}, random.Random(0), Bounds())
    )
    code_of = {shift.pk: code for code, shift in shifts.items()}
    first_week = [
        (a.date, code_of[a.shift_type_id]) for a in made if a.date < ROTA_START + timedelta(days=7)
    ]
    assert first_week == [(ROTA_START, "N"), (ROTA_START + timedelta(days=3), "N")]
    assert breaches(shift(a.date, a.start, a.end) for a in made) == []


# The trust --------------------------------------------------------------------------------


def test_summary_says_what_was_built_and_how_to_sign_in(demo):
    assert demo.errors == []
    assert demo.lines[0].startswith(
        "Created Casterbridge and Melchester Hospitals NHS Foundation Trust: 3 sites, "
        "11 departments, 40 doctors, 2 published rotas, "
    )
    assert f"{Assignment.objects.count():,} assignments" in demo.lines[0]
    assert f"{LeaveRecord.objects.count():,} leave records" in demo.lines[0]
    assert SIGN_IN_LINE in demo.lines


def test_trust_sites_and_departments_are_valid(demo):
    trust = Trust.objects.get()
    assert trust.name.endswith("NHS Foundation Trust")
    assert Site.objects.filter(trust=trust).count() == 3
    for record in [trust, *Site.objects.all(), *Department.objects.all()]:
        record.full_clean()
    assert dict(Department.objects.values_list("code", "treatment_function_code")) == (
        TREATMENT_FUNCTION_CODES
    )


def test_doctors_at_every_grade_with_valid_unique_gmc_numbers(demo):
    doctors = list(Doctor.objects.all())
    assert len(doctors) == DOCTORS
    assert {d.grade for d in doctors} == set(Grade.values)
    for doctor in doctors:
        doctor.full_clean()
        assert doctor.contract == contract_for_grade(doctor.grade)
        assert doctor.email.endswith("@nhs.example")
    assert len({d.gmc_number for d in doctors}) == DOCTORS
    assert all(re.fullmatch(r"\d{7}", d.gmc_number) for d in doctors)


def test_some_doctors_work_less_than_full_time_and_some_opted_out(demo):
    ltft = Doctor.objects.filter(wte__lt=1)
    assert ltft.count() == round(DOCTORS * 0.15)
    assert set(ltft.values_list("wte", flat=True)) <= {
        Decimal("0.50"),
        Decimal("0.60"),
        Decimal("0.80"),
    }
    assert Doctor.objects.filter(opted_out=True).count() == round(DOCTORS * 0.10)


def test_posts_follow_the_august_changeover(demo):
    for doctor in Doctor.objects.all():
        if doctor.grade in TRAINING_GRADES:
            assert doctor.post_start in {CHANGEOVER, PREVIOUS_CHANGEOVER}
            assert doctor.post_end == TRAINING_POST_END
        else:
            assert doctor.post_start < ROTA_START
            assert doctor.post_end is None
    assert date(2026, 8, 5) == CHANGEOVER  # the first Wednesday in August


def test_competencies_follow_grade_and_department(demo):
    for doctor in Doctor.objects.prefetch_related("competencies").select_related("department"):
        codes = {c.code for c in doctor.competencies.all()}
        assert ("can-supervise" in codes) == (doctor.grade in SUPERVISING_GRADES)
        if doctor.grade != Grade.FY1:
            assert "als" in codes
        if doctor.grade in {Grade.FY1, Grade.FY2}:
            assert "airway" not in codes
        if doctor.department.code in {"paediatrics", "obstetrics"}:
            assert "newborn-resus" in codes
        else:
            assert "newborn-resus" not in codes


def test_demo_users_sign_in_with_their_roles(demo, client):
    for username in USERNAMES:
        client.logout()
        response = client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username

    def roles(username: str) -> set[tuple[str, str | None]]:
        return set(
            User.objects.get(username=username).role_assignments.values_list(
                "role", "department__code"
            )
        )

    admin = User.objects.get(username="admin")
    assert admin.is_staff
    assert admin.is_superuser
    assert roles("admin") == {(Role.ADMINISTRATOR, None)}
    assert roles("staffing") == {(Role.MEDICAL_STAFFING, None)}
    assert roles("coordinator") == {(Role.ROTA_COORDINATOR, "acute-medicine")}
    assert roles("manager") == {
        (Role.SERVICE_MANAGER, "acute-medicine"),
        (Role.SERVICE_MANAGER, "emergency-medicine"),
    }
    assert roles("booking") == {
        (Role.BOOKING_COORDINATOR, "acute-medicine"),
        (Role.BOOKING_COORDINATOR, "cardiology"),
    }
    assert roles("director") == {(Role.CLINICAL_DIRECTOR, "acute-medicine")}
    consultant = User.objects.get(username="consultant").doctor
    assert consultant is not None
    assert consultant.department.code == "acute-medicine"
    assert consultant.grade == Grade.CONSULTANT
    doctor = User.objects.get(username="doctor").doctor
    assert doctor is not None
    assert doctor.department.code == "acute-medicine"
    assert doctor.grade in TRAINING_GRADES
    assert doctor.assignments.filter(rota__name="Acute medicine junior doctors").exists()


def test_an_existing_user_is_left_as_it_is():
    UserFactory(username="admin")
    code, out = build()
    assert code == 0
    assert "These users already existed and were left as they were: admin." in out.lines
    admin = User.objects.get(username="admin")
    assert admin.check_password(PASSWORD)
    assert not admin.role_assignments.exists()


# Rotas ------------------------------------------------------------------------------------


def test_acute_medicine_rotas_are_published_for_26_weeks(demo):
    rotas = Rota.objects.order_by("name")
    assert [r.name for r in rotas] == [
        "Acute medicine consultants on call",
        "Acute medicine junior doctors",
    ]
    for rota in rotas:
        assert rota.status == RotaStatus.PUBLISHED
        assert (rota.period_start, rota.period_end) == (date(2026, 8, 3), date(2027, 1, 31))
        assert rota.published_at == PUBLISHED_AT
        assert rota.period_start - rota.published_at.date() >= timedelta(weeks=6)


def junior_rota() -> Rota:
    return Rota.objects.get(name="Acute medicine junior doctors")


def test_junior_rota_obeys_the_2016_limits_as_built(demo):
    """Judged as the compliance page judges it: the rota read from the database by the
    rules adapter, each doctor on their own terms (hours, opt-out), by the rules engine."""
    rota = junior_rota()
    juniors = Doctor.objects.filter(assignments__rota=rota).distinct()
    assert juniors.count() == plan_establishment(DOCTORS)["acute-medicine"].trainees
    assert {doctor.contract for doctor in juniors} == {"tcs2016"}
    as_built = engine_rota(rota)
    assert {terms.id for terms in as_built.doctors} == {str(doctor.pk) for doctor in juniors}
    assert {terms.rule_set for terms in as_built.doctors} == {RuleSetName.TCS2016}
    assert len(as_built.shifts) == rota.assignments.count()
    assert [b.message for b in check_rota(as_built).breaches] == []


def approved_leave() -> dict[int, set[date]]:
    away: dict[int, set[date]] = defaultdict(set)
    for record in LeaveRecord.objects.filter(status=LeaveStatus.APPROVED):
        away[record.doctor_id] |= {record.start + timedelta(days=i) for i in range(record.days)}
    return away


def test_junior_rota_staffs_nights_and_long_days_every_day(demo):
    """From the changeover on, each night and long day is worked, unless no doctor whose
    line has it that day could work it: they are on approved leave, or (leave having broken
    their run of nights) working it would breach the rest owed after nights."""
    juniors = list(
        Doctor.objects.filter(department__code="acute-medicine", contract="tcs2016").order_by("pk")
    )
    rota = junior_rota()
    worked_on = {
        (day, "N" if code == "NC" else code)
        for day, code in rota.assignments.values_list("date", "shift_type__code")
    }
    away = approved_leave()
    as_built = engine_rota(rota)
    terms = {t.id: t for t in as_built.doctors}

    def could_work(doctor: Doctor, day: date, code: str) -> bool:
        if day in away[doctor.pk]:
            return False
        mine = terms[str(doctor.pk)]
        extra = replace(planned(day, code), doctor=mine.id)
        with_it = replace(as_built, doctors=(mine,), shifts=(*as_built.shifts_of(mine.id), extra))
        return check_rota(with_it).breaches == ()

    day = CHANGEOVER
    while day <= ROTA_END:
        week = (day - ROTA_START).days // 7
        for code in ("N", "LD"):
            rostered = [
                d
                for i, d in enumerate(juniors)
                if planned_shift(i % LINES, week, day.weekday()) == code
            ]
            assert rostered, (day, code)
            if (day, code) not in worked_on:
                assert not any(could_work(d, day, code) for d in rostered), (day, code)
        day += timedelta(days=1)


def test_nobody_works_a_day_of_approved_leave(demo):
    away = approved_leave()
    assert away
    clashes = [
        (doctor_id, day)
        for doctor_id, day in Assignment.objects.values_list("doctor_id", "date")
        if day in away[doctor_id]
    ]
    assert clashes == []


def test_leave_is_annual_study_and_sick_mostly_approved(demo):
    counts = Counter(LeaveRecord.objects.values_list("leave_type", "status"))
    types = {leave_type for leave_type, _ in counts}
    assert types == {LeaveType.ANNUAL, LeaveType.STUDY, LeaveType.SICK}
    approved = sum(n for (_, status), n in counts.items() if status == LeaveStatus.APPROVED)
    requested = sum(n for (_, status), n in counts.items() if status == LeaveStatus.REQUESTED)
    assert requested > 0
    assert approved > 3 * requested
    assert (LeaveType.SICK, LeaveStatus.REQUESTED) not in counts
    for record in LeaveRecord.objects.all():
        assert ROTA_START <= record.start <= record.end <= ROTA_END


def test_consultants_are_on_call_1_in_n(demo):
    rota = Rota.objects.get(name="Acute medicine consultants on call")
    on_call = list(rota.assignments.select_related("shift_type").order_by("start"))
    consultants = Doctor.objects.filter(department__code="acute-medicine", grade=Grade.CONSULTANT)
    assert {a.doctor_id for a in on_call} == {c.pk for c in consultants}
    by_day = {a.date: a for a in on_call}
    assert len(by_day) == len(on_call) == ROTA_WEEKS * 7  # one consultant every day
    for a in on_call:
        assert a.shift_type.kind == ShiftKind.ON_CALL
        start, end = to_london(a.start), to_london(a.end)
        whole_day = a.date.weekday() >= 5 or is_bank_holiday(a.date)
        assert start.date() == a.date
        assert end.date() == a.date + timedelta(days=1)
        assert (start.time(), end.time()) == (
            (time(9), time(9)) if whole_day else (time(17), time(9))
        )
    for before, after in pairwise(on_call):
        if before.date.weekday() == 5:
            assert after.doctor_id == before.doctor_id  # the whole weekend
        else:
            assert after.doctor_id != before.doctor_id
    # 1 in N: each consultant takes their share of the periods on call, give or take a fifth.
    periods = Counter(a.doctor_id for a in on_call if a.date.weekday() != 6)
    share = sum(periods.values()) / consultants.count()
    assert all(abs(n - share) <= share / 5 for n in periods.values()), periods


def test_bank_holidays_have_no_ordinary_day_shifts(demo):
    days = Assignment.objects.filter(shift_type__code="D").values_list("date", flat=True)
    assert not any(is_bank_holiday(day) for day in days)
    assert Assignment.objects.filter(date=date(2026, 12, 25), shift_type__code="N").exists()


def test_departments_big_enough_get_their_own_rotas():
    small = plan_establishment(120)
    assert 28 <= small["acute-medicine"].trainees <= 32
    assert [code for code, e in small.items() if e.has_junior_rota] == ["acute-medicine"]
    large = plan_establishment(1000)
    assert sum(e.trainees + e.sas + e.consultants for e in large.values()) == 1000
    assert all(e.has_junior_rota and e.has_on_call_rota for e in large.values())


# Running the command ----------------------------------------------------------------------


def fingerprint() -> str:
    """Everything a seed decides, without the database's own ids."""
    rows: list[Iterable[object]] = [
        sorted(
            Doctor.objects.values_list(
                "gmc_number",
                "first_name",
                "last_name",
                "email",
                "grade",
                "contract",
                "wte",
                "opted_out",
                "department__code",
                "post_start",
                "post_end",
            )
        ),
        sorted(
            Doctor.competencies.through.objects.values_list(
                "doctor__gmc_number", "competency__code"
            )
        ),
        sorted(
            Assignment.objects.values_list(
                "doctor__gmc_number", "start", "rota__name", "shift_type__code", "date", "end"
            )
        ),
        sorted(
            LeaveRecord.objects.values_list(
                "doctor__gmc_number", "start", "end", "leave_type", "status", "note"
            )
        ),
        sorted(User.objects.values_list("username", "doctor__gmc_number")),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def build_and_fingerprint(seed: int) -> str:
    with transaction.atomic():
        code, out = build(seed=seed)
        assert code == 0, out.errors
        found = fingerprint()
        transaction.set_rollback(True)  # flush, ready for the next build
    assert not Trust.objects.exists()
    return found


def test_same_seed_builds_the_same_trust():
    assert build_and_fingerprint(7) == build_and_fingerprint(7)


def test_another_seed_draws_other_doctors():
    assert draw_doctors(7, DOCTORS) != draw_doctors(8, DOCTORS)
    assert draw_doctors(7, DOCTORS) == draw_doctors(7, DOCTORS)


def test_if_empty_leaves_an_existing_trust_alone():
    TrustFactory()
    code, out = build(if_empty=True)
    assert code == 0
    assert out.lines[0] == "The database already holds a trust; leaving it as it is."
    assert "sign in" in out.lines[1]
    assert not Doctor.objects.exists()


def test_the_sign_in_line_names_the_address_the_server_listens_on():
    """``make run PORT=8100`` serves on 8100, so the line it prints must say 8100."""
    TrustFactory()
    code, out = build(if_empty=True, sign_in_url="http://127.0.0.1:8100")
    assert code == 0
    assert out.lines[1].startswith("Open http://127.0.0.1:8100 and sign in")


def test_an_existing_trust_is_an_error_without_if_empty():
    TrustFactory()
    code, out = build()
    assert code == 1
    assert "already holds a trust" in out.errors[0]
    assert Trust.objects.count() == 1
    assert not Doctor.objects.exists()


def test_too_few_doctors_is_an_error():
    code, out = build(doctors=MIN_DOCTORS - 1)
    assert code == 1
    assert f"at least {MIN_DOCTORS}" in out.errors[0]
    assert not Trust.objects.exists()


def test_a_failure_part_way_leaves_nothing_behind(monkeypatch):
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(command, "create_users", fail)
    with pytest.raises(RuntimeError):
        build()
    for model in (Trust, Doctor, Rota, Assignment, LeaveRecord):
        assert not model.objects.exists(), model


def test_junior_rotas_have_cover_and_the_clocks_back_night_is_nc():
    from rotaplan.rotas.models import CoverRequirement, RotaRequest

    code, out = build()
    assert code == 0, out.errors
    acute = CoverRequirement.objects.filter(department__code="acute-medicine")
    weekly = {(r.shift_type.code, r.weekday): (r.minimum, r.ideal) for r in acute if r.date is None}
    assert all(weekly[("N", d)] == (1, 1) and weekly[("LD", d)] == (1, 1) for d in range(7))
    assert ("D", 5) not in weekly
    assert weekly[("D", 0)][0] >= 1
    clocks_back = {
        r.shift_type.code: (r.minimum, r.ideal) for r in acute.filter(date=date(2026, 10, 24))
    }
    assert clocks_back == {"N": (0, 0), "NC": (1, 1)}
    requests = RotaRequest.objects.all()
    assert requests.count() == 4
    assert requests.filter(doctor__user__username="doctor", weight=3).exists()


def test_the_next_rotas_fixed_line_keeps_the_contract_beside_the_rota_before():
    """The demo's fixed rota line reaches the next rota's problem, and its shifts with the
    published rota before them break no rule, so the next rota can be generated: the
    trust as ``make run`` builds it (120 doctors, seed 1)."""
    code, out = build(doctors=120)
    assert code == 0, out.errors
    from rotaplan.demo.cover import NEXT_ROTA_START
    from rotaplan.engine.solver.generate import fixed_shift_breaches
    from rotaplan.rotas.generation.problem import problem_from_department

    acute = Department.objects.get(code="acute-medicine")
    problem = problem_from_department(
        acute, NEXT_ROTA_START, NEXT_ROTA_START + timedelta(weeks=26, days=-1)
    )

    assert {f.shift for f in problem.local.fixed} == {"D"}
    assert all(f.day.weekday() == 1 for f in problem.local.fixed)  # Tuesdays
    assert [b.message for b in fixed_shift_breaches(problem)] == []
