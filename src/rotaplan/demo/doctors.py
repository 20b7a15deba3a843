"""The demo's doctors: names, GMC numbers, grades, contracts, hours, posts and skills.

Every training grade and both SAS grades appear at least once, whatever the size; the rest
are drawn with the weights of a typical acute trust (more foundation and core doctors than
senior registrars). Contracts follow from the grade, as they do in practice. Doctors in
training hold one-year posts from the August changeover (some, in longer placements, from
the changeover before); foundation doctors' four-month rotations are simplified to the year.
Consultants and SAS doctors hold substantive posts with no end date.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from faker import Faker

from rotaplan.organisation.models import Department
from rotaplan.people.grades import TRAINING_GRADES, Grade, contract_for_grade
from rotaplan.people.models import Competency, Doctor

from .dates import CHANGEOVER, PREVIOUS_CHANGEOVER, ROTA_START, TRAINING_POST_END
from .seeding import faker_for, rng_for
from .staffing import LTFT_SHARE, OPTED_OUT_SHARE, plan_establishment
from .trust import DEPARTMENTS

# Reserved for documentation (RFC 2606), so a demo can never email a real person.
EMAIL_DOMAIN = "nhs.example"

TRAINING_GRADE_WEIGHTS: dict[str, int] = {
    Grade.FY1: 5,
    Grade.FY2: 4,
    Grade.CT1: 3,
    Grade.CT2: 3,
    Grade.CT3: 1,
    Grade.ST1: 2,
    Grade.ST2: 2,
    Grade.ST3: 2,
    Grade.ST4: 2,
    Grade.ST5: 2,
    Grade.ST6: 1,
    Grade.ST7: 1,
    Grade.ST8: 1,
}
SAS_GRADE_WEIGHTS: dict[str, int] = {Grade.SPECIALTY_DOCTOR: 3, Grade.SPECIALIST: 1}

# Less than full time doctors work 80 %, 60 % or 50 %, the first most often.
LTFT_WTES = (Decimal("0.80"), Decimal("0.80"), Decimal("0.60"), Decimal("0.60"), Decimal("0.50"))
# Doctors in these grades may be a year into a two-year placement.
CONTINUING_GRADES = frozenset(
    {Grade.CT2, Grade.CT3, Grade.ST2, Grade.ST4, Grade.ST5, Grade.ST6, Grade.ST7, Grade.ST8}
)

COMPETENCIES: tuple[tuple[str, str], ...] = (
    ("als", "Advanced life support (ALS)"),
    ("airway", "Advanced airway management"),
    ("paediatric-resus", "Paediatric resuscitation (APLS)"),
    ("newborn-resus", "Newborn life support (NLS)"),
    ("can-supervise", "Can supervise doctors in training"),
)
REGISTRAR_GRADES = frozenset({Grade.ST3, Grade.ST4, Grade.ST5, Grade.ST6, Grade.ST7, Grade.ST8})
SUPERVISING_GRADES = REGISTRAR_GRADES | {
    Grade.SPECIALTY_DOCTOR,
    Grade.SPECIALIST,
    Grade.CONSULTANT,
}
FOUNDATION_GRADES = frozenset({Grade.FY1, Grade.FY2})


@dataclass
class DemoDoctor:
    """A doctor as the demo draws it, before it is a row."""

    department: str
    grade: str
    first_name: str = ""
    last_name: str = ""
    gmc_number: str = ""
    email: str = ""
    wte: Decimal = Decimal("1.00")
    opted_out: bool = False
    post_start: date = CHANGEOVER
    post_end: date | None = TRAINING_POST_END
    competencies: set[str] = field(default_factory=set)


def competencies_for(grade: str, department: str, rng: random.Random) -> set[str]:
    """The skills a doctor of this grade in this department would hold.

    Life support is taught in the foundation year, so about half of FY1s have it and
    everyone else does. Airway, paediatric and newborn skills follow the departments that
    need them; doctors in training from ST3, SAS doctors and consultants can supervise.
    """
    found: set[str] = set()
    senior = grade in SUPERVISING_GRADES
    if grade != Grade.FY1 or rng.random() < 0.5:
        found.add("als")
    if senior:
        found.add("can-supervise")
    if grade not in FOUNDATION_GRADES and (
        department == "anaesthetics" or (department == "emergency-medicine" and senior)
    ):
        found.add("airway")
    if grade != Grade.FY1 and (
        department in {"paediatrics", "emergency-medicine"}
        or (department == "anaesthetics" and senior)
    ):
        found.add("paediatric-resus")
    if department in {"paediatrics", "obstetrics"}:
        found.add("newborn-resus")
    return found


def draw_grades(count: int, weights: dict[str, int], rng: random.Random) -> list[str]:
    """``count`` grades, each of ``weights`` at least once, in a random order."""
    grades = list(weights)[:count]
    grades += rng.choices(list(weights), weights=list(weights.values()), k=count - len(grades))
    rng.shuffle(grades)
    return grades


def draw_doctors(seed: int, total: int) -> list[DemoDoctor]:
    """Every demo doctor, department by department, deterministically from the seed."""
    rng = rng_for(seed, "doctors")
    establishment = plan_establishment(total)
    trainee_grades = draw_grades(
        sum(e.trainees for e in establishment.values()), TRAINING_GRADE_WEIGHTS, rng
    )
    sas_grades = draw_grades(sum(e.sas for e in establishment.values()), SAS_GRADE_WEIGHTS, rng)
    drawn: list[DemoDoctor] = []
    for spec in DEPARTMENTS:
        staff = establishment[spec.code]
        grades = [trainee_grades.pop() for _ in range(staff.trainees)]
        grades += [sas_grades.pop() for _ in range(staff.sas)]
        grades += [Grade.CONSULTANT] * staff.consultants
        drawn += [DemoDoctor(department=spec.code, grade=grade) for grade in grades]

    name_doctors(drawn, faker_for(seed))
    number_doctors(drawn, rng)
    for doctor in drawn:
        if doctor.grade in TRAINING_GRADES:
            if doctor.grade in CONTINUING_GRADES and rng.random() < 0.3:
                doctor.post_start = PREVIOUS_CHANGEOVER
        else:
            first_year = 2005 if doctor.grade == Grade.CONSULTANT else 2012
            doctor.post_start = date(
                rng.randint(first_year, ROTA_START.year - 1), rng.randint(1, 12), 1
            )
            doctor.post_end = None
        doctor.competencies = competencies_for(doctor.grade, doctor.department, rng)
    for doctor in rng.sample(drawn, round(total * LTFT_SHARE)):
        doctor.wte = rng.choice(LTFT_WTES)
    for doctor in rng.sample(drawn, round(total * OPTED_OUT_SHARE)):
        doctor.opted_out = True
    return drawn


def ascii_word(text: str) -> str:
    """ "Siân O'Neill" as an email address writes it: "sian", "oneill"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum() or c == "-")


def name_doctors(doctors: list[DemoDoctor], fake: Faker) -> None:
    seen: dict[str, int] = {}
    for doctor in doctors:
        doctor.first_name = fake.first_name()
        doctor.last_name = fake.last_name()
        local = f"{ascii_word(doctor.first_name)}.{ascii_word(doctor.last_name)}"
        seen[local] = seen.get(local, 0) + 1
        suffix = str(seen[local]) if seen[local] > 1 else ""
        doctor.email = f"{local}{suffix}@{EMAIL_DOMAIN}"


def number_doctors(doctors: list[DemoDoctor], rng: random.Random) -> None:
    """Unique 7-digit GMC numbers: the 7 million series for doctors who registered
    recently, older numbers for consultants and SAS doctors."""
    used: set[str] = set()
    for doctor in doctors:
        low, high = (
            (7_100_000, 7_999_999) if doctor.grade in TRAINING_GRADES else (3_000_000, 7_099_999)
        )
        number = str(rng.randint(low, high))
        while number in used:
            number = str(rng.randint(low, high))
        used.add(number)
        doctor.gmc_number = number


def create_competencies() -> dict[str, Competency]:
    """The demo's competencies by code; any that already exist are used as they are."""
    existing = {c.code: c for c in Competency.objects.filter(code__in=dict(COMPETENCIES))}
    Competency.objects.bulk_create(
        [Competency(code=code, name=name) for code, name in COMPETENCIES if code not in existing]
    )
    return {c.code: c for c in Competency.objects.filter(code__in=dict(COMPETENCIES))}


def create_doctors(drawn: Iterable[DemoDoctor], departments: dict[str, Department]) -> list[Doctor]:
    """Rows for the drawn doctors, with their competencies, in the order drawn."""
    drawn = list(drawn)
    competencies = create_competencies()
    doctors = Doctor.objects.bulk_create(
        [
            Doctor(
                first_name=d.first_name,
                last_name=d.last_name,
                gmc_number=d.gmc_number,
                email=d.email,
                phone=f"Bleep {4000 + number}",
                grade=d.grade,
                contract=contract_for_grade(d.grade),
                wte=d.wte,
                opted_out=d.opted_out,
                department=departments[d.department],
                post_start=d.post_start,
                post_end=d.post_end,
            )
            for number, d in enumerate(drawn)
        ],
        batch_size=500,
    )
    through = Doctor.competencies.through
    through.objects.bulk_create(
        [
            through(doctor_id=doctor.pk, competency_id=competencies[code].pk)
            for doctor, d in zip(doctors, drawn, strict=True)
            for code in sorted(d.competencies)
        ],
        batch_size=2000,
    )
    return doctors
