"""The demo trust's locums and claims, made through the services as a coordinator's
weeks would make them, in the demo's story (today is Mon 7 Dec 2026):

- the trust's staff bank and two agencies, each with a rate card from 1 April 2026 for
  every level of doctor and kind of shift. The figures are illustrative, made up for the
  demo, and say so: they are not any trust's or agency's rates;
- locums booked over August to November in acute medicine and emergency medicine, for
  sickness, leave and a vacancy, most worked and one cancelled, so the spend report shows
  months, departments, grades, reasons and both kinds of supplier;
- the latest open gap of the register booked through the bank;
- an agency doctor booked for Thu 10 Dec 2026 whose induction is half done, so the
  coordinator's home shows an induction due;
- claims waiting for acute medicine's coordinator: the demo doctor's extra duty for a
  shift they worked and a colleague's travel expense; and one approved.

Nothing is made when the acute medicine coordinator was left alone (an existing user).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta
from decimal import Decimal

from rotaplan.claims.models import Claim, ClaimKind, ClaimStatus, ExpenseCategory
from rotaplan.cover.models import Gap, GapStatus
from rotaplan.engine.clock import local_datetime, shift_bounds
from rotaplan.locums.models import (
    BookingReason,
    BookingStatus,
    HoursKind,
    InductionCheck,
    InductionStep,
    LocumBooking,
    LocumInduction,
    RateCard,
    RateTier,
    Supplier,
    SupplierKind,
)
from rotaplan.locums.services import booking_make
from rotaplan.organisation.models import Department
from rotaplan.people.models import Doctor, User
from rotaplan.rotas.models import Assignment, RotaStatus, ShiftType

from .leave import STORY_MONDAY

RATES_FROM = date(2026, 4, 1)
SOURCE = "Illustrative demo figures, not a real rate card"

# Pence an hour for a weekday day; a night is 20 % more, a weekend day 10 % more.
DAY_RATES = {
    SupplierKind.BANK: {
        RateTier.FOUNDATION: 3200,
        RateTier.CORE: 4000,
        RateTier.REGISTRAR: 5500,
        RateTier.SAS: 6000,
        RateTier.CONSULTANT: 9500,
    },
    SupplierKind.AGENCY: {
        RateTier.FOUNDATION: 4500,
        RateTier.CORE: 5600,
        RateTier.REGISTRAR: 8000,
        RateTier.SAS: 8500,
        RateTier.CONSULTANT: 13000,
    },
}
UPLIFT = {
    HoursKind.DAY: Decimal(1),
    HoursKind.NIGHT: Decimal("1.2"),
    HoursKind.WEEKEND: Decimal("1.1"),
}

SUPPLIERS = (
    ("Trust staff bank", SupplierKind.BANK, "", "Medical staffing bank office, extension 4410"),
    (
        "Northwest Medical Locums",
        SupplierKind.AGENCY,
        "National locum doctors framework (demo)",
        "Bookings desk 0161 000 0000",
    ),
    (
        "Medics on Call",
        SupplierKind.AGENCY,
        "National locum doctors framework (demo)",
        "[email protected]",
    ),
)

# (days before the story's Monday, shift code, supplier index, locum, GMC, grade, reason,
# worked) for acute medicine.
Planned = tuple[int, str, int, str, str, str, str, bool]
ACUTE_BOOKINGS: tuple[Planned, ...] = (
    (120, "N", 0, "Dr Ravi Menon", "6100001", "CT2", BookingReason.SICKNESS, True),
    (112, "LD", 1, "Dr Laura Finch", "6100002", "ST4", BookingReason.VACANCY, True),
    (98, "LD", 1, "Dr Laura Finch", "6100002", "ST4", BookingReason.VACANCY, True),
    (84, "N", 0, "Dr Ravi Menon", "6100001", "CT2", BookingReason.LEAVE, True),
    (70, "D", 2, "Dr Tomasz Nowak", "6100003", "FY2", BookingReason.SICKNESS, True),
    (56, "N", 1, "Dr Laura Finch", "6100002", "ST4", BookingReason.VACANCY, True),
    (41, "LD", 0, "Dr Helen Brook", "6100004", "ST3", BookingReason.LEAVE, True),
    (27, "D", 0, "Dr Ravi Menon", "6100001", "CT2", BookingReason.EXTRA_DEMAND, True),
    (13, "N", 2, "Dr Tomasz Nowak", "6100003", "FY2", BookingReason.SICKNESS, False),
)
EMERGENCY_BOOKINGS: tuple[Planned, ...] = (
    (105, "N", 1, "Dr Aisha Karim", "6100005", "ST5", BookingReason.VACANCY, True),
    (63, "LD", 0, "Dr Helen Brook", "6100004", "ST3", BookingReason.SICKNESS, True),
    (20, "N", 1, "Dr Aisha Karim", "6100005", "ST5", BookingReason.VACANCY, True),
)
NEW_AGENCY_DOCTOR = ("Dr Owen Price", "6100006", "ST3")
EMERGENCY_MEDICINE = "emergency-medicine"


def create_suppliers() -> list[Supplier]:
    suppliers = [
        Supplier.objects.create(name=name, kind=kind, framework=framework, contact=contact)
        for name, kind, framework, contact in SUPPLIERS
    ]
    rows = []
    for index, supplier in enumerate(suppliers):
        extra = Decimal(1) + Decimal(index - 1) / 20 if index else Decimal(1)  # agencies differ
        for tier, pence in DAY_RATES[SupplierKind(supplier.kind)].items():
            for kind, uplift in UPLIFT.items():
                rows.append(
                    RateCard(
                        supplier=supplier,
                        tier=tier,
                        hours_kind=kind,
                        hourly_rate_pence=int(pence * uplift * extra),
                        effective_from=RATES_FROM,
                        source=f"{SOURCE} ({supplier.name}, 2026/27)",
                    )
                )
    RateCard.objects.bulk_create(rows)
    return suppliers


def _book(
    actor: User,
    department: Department,
    shifts: dict[str, ShiftType],
    supplier: Supplier,
    day: date,
    code: str,
    name: str,
    gmc: str,
    grade: str,
    reason: str,
) -> LocumBooking | None:
    shift = shifts.get(code)
    if shift is None:
        return None
    start, end = shift_bounds(day, shift.start, shift.end)
    return booking_make(
        actor=actor,
        department=department,
        shift_type=shift,
        start=start,
        end=end,
        supplier=supplier,
        locum_name=name,
        gmc_number=gmc,
        grade=grade,
        reason=reason,
    )


def _inducted(gmc: str, checks: Sequence[str], by: User) -> None:
    induction = LocumInduction.objects.filter(gmc_number=gmc).first()
    if induction is None:
        return
    for check in checks:
        InductionStep.objects.get_or_create(
            induction=induction,
            check_done=check,
            defaults={
                "done_by": by,
                "done_at": local_datetime(STORY_MONDAY - timedelta(days=130), time(9)),
            },
        )


def create_locums(
    departments: dict[str, Department],
    acute: Department,
    coordinator: User | None,
    staffing: User | None,
) -> list[LocumBooking]:
    if coordinator is None:
        return []
    suppliers = create_suppliers()
    made: list[LocumBooking] = []
    plan = [(acute, coordinator, ACUTE_BOOKINGS)]
    if EMERGENCY_MEDICINE in departments and staffing is not None:
        plan.append((departments[EMERGENCY_MEDICINE], staffing, EMERGENCY_BOOKINGS))
    for department, actor, bookings in plan:
        shifts = {s.code: s for s in ShiftType.objects.filter(department=department)}
        for days, code, which, name, gmc, grade, reason, worked in bookings:
            booking = _book(
                actor,
                department,
                shifts,
                suppliers[which],
                STORY_MONDAY - timedelta(days=days),
                code,
                name,
                gmc,
                grade,
                reason,
            )
            if booking is None:
                continue
            made.append(booking)
            if booking.supplier.kind == SupplierKind.AGENCY:
                _inducted(gmc, InductionCheck.values, actor)
            if worked:
                LocumBooking.objects.filter(pk=booking.pk).update(
                    status=BookingStatus.WORKED, changed_by=actor, changed_at=booking.end
                )
    # One booked and then cancelled: it is not spend.
    shifts = {s.code: s for s in ShiftType.objects.filter(department=acute)}
    cancelled = _book(
        coordinator,
        acute,
        shifts,
        suppliers[0],
        STORY_MONDAY - timedelta(days=35),
        "LD",
        "Dr Helen Brook",
        "6100004",
        "ST3",
        BookingReason.LEAVE,
    )
    if cancelled is not None:
        LocumBooking.objects.filter(pk=cancelled.pk).update(
            status=BookingStatus.CANCELLED,
            cancel_reason="The doctor's leave was cancelled",
            changed_by=coordinator,
            changed_at=cancelled.start - timedelta(days=3),
        )
    # The latest open gap of the register, booked through the bank.
    gap = (
        Gap.objects.filter(department=acute, status=GapStatus.OPEN)
        .order_by("-start", "-pk")
        .first()
    )
    if gap is not None:
        made.append(
            booking_make(
                actor=coordinator,
                gap=gap,
                supplier=suppliers[0],
                locum_name="Dr Ravi Menon",
                gmc_number="6100001",
                grade="CT2",
                reason=BookingReason.SICKNESS if gap.cause == "sickness" else BookingReason.LEAVE,
            )
        )
    # A new agency doctor this week, half inducted.
    name, gmc, grade = NEW_AGENCY_DOCTOR
    new = _book(
        coordinator,
        acute,
        shifts,
        suppliers[1],
        STORY_MONDAY + timedelta(days=3),
        "N",
        name,
        gmc,
        grade,
        BookingReason.VACANCY,
    )
    if new is not None:
        made.append(new)
        _inducted(gmc, [InductionCheck.IDENTITY, InductionCheck.GMC_REGISTRATION], coordinator)
    return made


def create_claims(
    juniors: Sequence[Doctor], doctor: Doctor, coordinator: User | None
) -> list[Claim]:
    """Claims of acute medicine's doctors: two waiting, one approved."""
    if coordinator is None:
        return []
    shift = (
        Assignment.objects.filter(
            doctor=doctor,
            rota__status=RotaStatus.PUBLISHED,
            date__lt=STORY_MONDAY - timedelta(days=2),
        )
        .order_by("-start")
        .first()
    )
    doctor_user = User.objects.filter(doctor=doctor).first()
    claims: list[Claim] = []
    if shift is not None and doctor_user is not None:
        claims.append(
            Claim.objects.create(
                kind=ClaimKind.EXTRA_DUTY,
                doctor=doctor,
                department_id=shift.rota.department_id,
                assignment=shift,
                hours=Decimal("2.50"),
                description="Stayed on after handover for a sick patient",
                created_by=doctor_user,
                created=shift.end + timedelta(hours=4),
            )
        )
        claims.append(
            Claim.objects.create(
                kind=ClaimKind.EXPENSE,
                doctor=doctor,
                department_id=doctor.department_id,
                expense_date=STORY_MONDAY - timedelta(days=30),
                category=ExpenseCategory.COURSE,
                amount_pence=12000,
                description="ALS recertification course fee",
                status=ClaimStatus.APPROVED,
                created_by=doctor_user,
                created=local_datetime(STORY_MONDAY - timedelta(days=28), time(18)),
                decided_by=coordinator,
                decided_at=local_datetime(STORY_MONDAY - timedelta(days=25), time(10)),
            )
        )
    colleague = next((d for d in juniors if d.pk != doctor.pk), None)
    if colleague is not None:
        claims.append(
            Claim.objects.create(
                kind=ClaimKind.EXPENSE,
                doctor=colleague,
                department_id=colleague.department_id,
                expense_date=STORY_MONDAY - timedelta(days=6),
                category=ExpenseCategory.TRAVEL,
                amount_pence=2460,
                description="Return train fare to the regional teaching day",
                created_by=User.objects.filter(doctor=colleague).first() or coordinator,
                created=local_datetime(STORY_MONDAY - timedelta(days=5), time(19)),
            )
        )
    return claims
