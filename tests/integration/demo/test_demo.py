"""The demo trust: believable, the same for the same seed, and its rotas within the 2016 contract.

The contract limits are measured here with our own small checks on the assignments as
built (real elapsed hours through ``hours_between``, so a night across the October clock
change counts an hour longer), not taken on trust from the pattern's docstring.
"""

from __future__ import annotations

import hashlib
import random
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
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
from rotaplan.demo.shifts import DEPARTMENT_SHIFTS, rostered_shift
from rotaplan.demo.staffing import MIN_DOCTORS, plan_establishment
from rotaplan.demo.users import DEMO_PASSWORD
from rotaplan.engine.clock import (
    hours_between,
    is_bank_holiday,
    local_datetime,
    monday_of,
    shift_bounds,
    to_london,
)
from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.organisation.models import Department, Site, Trust
from rotaplan.people.grades import TRAINING_GRADES, Grade, contract_for_grade
from rotaplan.people.models import Doctor, Role, User
from rotaplan.rotas.models import Assignment, Rota, RotaStatus, ShiftKind, ShiftType
from tests.factories.organisation import TrustFactory
from tests.factories.people import PASSWORD, UserFactory

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
    "(also: admin, staffing, manager, booking, doctor)"
)


class Output:
    """Stands in for ``typer.echo``."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.errors: list[str] = []

    def __call__(self, message: str, *, err: bool = False) -> None:
        (self.errors if err else self.lines).append(message)


def build(seed: int = 1, doctors: int = DOCTORS, if_empty: bool = False) -> tuple[int, Output]:
    out = Output()
    return run_demo(seed=seed, doctors=doctors, if_empty=if_empty, echo=out), out


@pytest.fixture
def demo() -> Output:
    code, out = build()
    assert code == 0, out.errors
    return out


# Measuring a rota against the 2016 terms and conditions ------------------------------------

# Every moment becomes real elapsed hours since one fixed instant, through hours_between.
EPOCH = local_datetime(ROTA_START - timedelta(days=7), time(0, 0))


@cache
def at(day: date, clock: time) -> float:
    return hours_between(EPOCH, local_datetime(day, clock))


@dataclass(frozen=True)
class Worked:
    day: date
    code: str
    start: float
    end: float

    @property
    def hours(self) -> float:
        return self.end - self.start

    @property
    def long(self) -> bool:
        return self.hours > 10


def worked(day: date, code: str, start: datetime, end: datetime) -> Worked:
    return Worked(day, code, hours_between(EPOCH, start), hours_between(EPOCH, end))


def overlap(start: float, end: float, window_start: float, window_end: float) -> float:
    return max(0.0, min(end, window_end) - max(start, window_start))


def is_night(shift: Worked) -> bool:
    """At least 3 hours of the shift fall between 23:00 and 06:00."""
    return (
        sum(
            overlap(shift.start, shift.end, at(d, time(23)), at(d + timedelta(days=1), time(6)))
            for d in (shift.day - timedelta(days=1), shift.day)
        )
        >= 3
    )


def runs(shifts: list[Worked], keep: Callable[[Worked], bool]) -> list[list[Worked]]:
    """Runs of kept shifts on consecutive calendar days."""
    found: list[list[Worked]] = []
    for shift in (s for s in shifts if keep(s)):
        if found and found[-1][-1].day + timedelta(days=1) == shift.day:
            found[-1].append(shift)
        else:
            found.append([shift])
    return found


def rest_after(run: list[Worked], shifts: list[Worked]) -> float:
    later = [s.start for s in shifts if s.start > run[-1].start]
    return min(later) - run[-1].end if later else float("inf")


def most_hours_in_168(shifts: list[Worked]) -> float:
    """The most work in any 168 hours. The sum is piecewise linear in the window's start,
    so its maximum is where the window starts or ends at a shift's start or end."""
    ordered = sorted(shifts, key=lambda s: s.start)
    ends = [s.end for s in ordered]
    candidates = {t + lag for s in ordered for t in (s.start, s.end) for lag in (0, -168)}
    best = 0.0
    for t in candidates:
        total = 0.0
        for s in ordered[bisect_right(ends, t) :]:
            if s.start >= t + 168:
                break
            total += overlap(s.start, s.end, t, t + 168)
        best = max(best, total)
    return best


def weekends_worked(shifts: list[Worked]) -> int:
    """Weekends with any work between 00:01 on Saturday and 23:59 on Sunday; only a shift
    on the Friday, Saturday or Sunday of a week can touch its weekend."""
    by_week: dict[date, list[Worked]] = defaultdict(list)
    for s in shifts:
        by_week[monday_of(s.day)].append(s)
    worked_weekends = 0
    for monday, week in by_week.items():
        saturday = monday + timedelta(days=5)
        start, end = at(saturday, time(0, 1)), at(saturday + timedelta(days=1), time(23, 59))
        worked_weekends += any(overlap(s.start, s.end, start, end) for s in week)
    return worked_weekends


def breaches(shifts: list[Worked], *, opted_out: bool = False) -> list[str]:
    """Every breach of the 2016 TCS limits a rota of ordinary work shifts can show."""
    shifts = sorted(shifts, key=lambda s: s.start)
    found: list[str] = []
    found += [f"max-shift-length {s}" for s in shifts if s.hours > 13]
    found += [
        f"min-rest-between-shifts {a} {b}" for a, b in pairwise(shifts) if b.start - a.end < 11
    ]
    for run in runs(shifts, is_night):
        if len(run) > 4:
            found.append(f"max-consecutive-nights {run[0]}")
        if rest_after(run, shifts) < 46:
            found.append(f"rest-after-nights {run[-1]}")
    for run in runs(shifts, lambda s: True):
        if len(run) > 7 or (len(run) == 7 and rest_after(run, shifts) < 48):
            found.append(f"max-consecutive-shifts {run[0]}")
    for run in runs(shifts, lambda s: s.long):
        if len(run) > 4 or (len(run) == 4 and rest_after(run, shifts) < 48):
            found.append(f"max-consecutive-long-shifts {run[0]}")
    if (most := most_hours_in_168(shifts)) > 72:
        found.append(f"max-72h-in-168h {most}")
    if (average := sum(s.hours for s in shifts) / ROTA_WEEKS) > (56 if opted_out else 48):
        found.append(f"avg-weekly-hours {average}")
    if weekends_worked(shifts) > ROTA_WEEKS / 2:
        found.append("weekend-frequency")
    return found


def planned(day: date, code: str) -> Worked:
    spec = rostered_shift(code, day)
    start, end = shift_bounds(day, spec.start, spec.end)
    return worked(day, spec.code, start, end)


def line_shifts(line: int) -> list[Worked]:
    """The full pattern for one line over the rota period, with nothing taken away."""
    days = [ROTA_START + timedelta(days=i) for i in range(ROTA_WEEKS * 7)]
    return [
        planned(day, code)
        for i, day in enumerate(days)
        if (code := planned_shift(line, i // 7, day.weekday())) is not None
    ]


def _bounds(day: date, start_hour: int, end_hour: int) -> tuple[datetime, datetime]:
    return shift_bounds(day, time(start_hour), time(end_hour))


def test_the_measures_find_breaches():
    monday = date(2026, 9, 7)
    nights = [planned(monday + timedelta(days=i), "N") for i in range(5)]
    assert any(b.startswith("max-consecutive-nights") for b in breaches(nights))
    back_to_days = [*nights[:2], planned(monday + timedelta(days=3), "D")]
    assert any(b.startswith("rest-after-nights") for b in breaches(back_to_days))
    five_long = [planned(monday + timedelta(days=i), "LD") for i in range(5)]
    assert any(b.startswith("max-consecutive-long-shifts") for b in breaches(five_long))
    eight_days = [planned(monday + timedelta(days=i), "D") for i in range(8)]
    assert any(b.startswith("max-consecutive-shifts") for b in breaches(eight_days))
    late_then_early = [planned(monday, "LD"), worked(monday, "X", *_bounds(monday, 21, 7))]
    assert any(b.startswith("min-rest-between-shifts") for b in breaches(late_then_early))
    six_long = [planned(monday + timedelta(days=i), "LD") for i in (0, 1, 2, 3)]
    six_long += [planned(monday + timedelta(days=i), "N") for i in (5, 6)]
    # 75 hours of shifts, spanning 168.5 hours from first start to last end: at most 74.5
    # of them fit in any 168.
    assert most_hours_in_168(six_long) == 74.5
    assert any(b.startswith("max-72h-in-168h") for b in breaches(six_long))
    every_day = [planned(ROTA_START + timedelta(days=i), "D") for i in range(ROTA_WEEKS * 7)]
    assert "weekend-frequency" in breaches(every_day)
    assert any(b.startswith("avg-weekly-hours 56.0") for b in breaches(every_day))
    assert not any(b.startswith("avg-weekly-hours") for b in breaches(every_day, opted_out=True))
    assert weekends_worked([planned(date(2026, 9, 11), "N")]) == 1  # Friday night into Saturday
    assert weekends_worked([planned(date(2026, 9, 10), "N")]) == 0  # Thursday night


@pytest.mark.parametrize("line", range(LINES))
def test_every_line_of_the_pattern_obeys_the_2016_limits(line):
    assert breaches(line_shifts(line)) == []


def test_the_pattern_staffs_nights_and_long_days_every_day_of_the_week():
    for week in range(LINES):
        for weekday in range(7):
            codes = [planned_shift(line, week, weekday) for line in range(LINES)]
            assert codes.count("N") == 1
            assert codes.count("LD") == 1


def test_the_night_the_clocks_go_back_is_rostered_as_13_hours_not_13_and_a_half():
    nights = [s for line in range(LINES) for s in line_shifts(line) if s.code in {"N", "NC"}]
    assert {(s.code, s.hours) for s in nights} == {("N", 12.5), ("NC", 13.0)}
    assert {s.day for s in nights if s.code == "NC"} == {date(2026, 10, 24)}
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
    as_worked = [worked(a.date, code_of[a.shift_type_id], a.start, a.end) for a in made]
    assert breaches(as_worked) == []


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
    for username in ("admin", "staffing", "coordinator", "manager", "booking", "doctor"):
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
    assert roles("booking") == {(Role.BOOKING_COORDINATOR, "cardiology")}
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


def junior_shifts() -> dict[Doctor, list[Worked]]:
    by_doctor: dict[Doctor, list[Worked]] = defaultdict(list)
    for a in Assignment.objects.filter(rota__name="Acute medicine junior doctors").select_related(
        "doctor", "shift_type"
    ):
        by_doctor[a.doctor].append(worked(a.date, a.shift_type.code, a.start, a.end))
    return by_doctor


def test_junior_rota_obeys_the_2016_limits_as_built(demo):
    by_doctor = junior_shifts()
    assert len(by_doctor) == plan_establishment(DOCTORS)["acute-medicine"].trainees
    for doctor, shifts in by_doctor.items():
        assert doctor.contract == "tcs2016"
        assert breaches(shifts, opted_out=doctor.opted_out) == [], doctor


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
    shifts = junior_shifts()
    worked_on = {(s.day, "N" if s.code == "NC" else s.code) for v in shifts.values() for s in v}
    away = approved_leave()

    def could_work(doctor: Doctor, day: date, code: str) -> bool:
        if day in away[doctor.pk]:
            return False
        return breaches([*shifts[doctor], planned(day, code)], opted_out=doctor.opted_out) == []

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
