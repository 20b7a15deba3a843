"""Two or more rotas of one department side by side: their cover against the department's
cover requirements, their breaches of the rules (the compliance page's own check) and each
doctor's share of nights, weekends and long days, raw and per whole-time equivalent."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rotaplan.people.models import Doctor

from ..compliance import RotaCompliance, rota_compliance
from ..models import Assignment, Rota, RotaStatus
from .problem import cover_by_day


@dataclass(frozen=True)
class CoverGap:
    day: date
    shift: str
    needed: int
    rostered: int
    below: str  # "minimum" or "ideal"


@dataclass(frozen=True)
class ComparedRota:
    rota: Rota
    status: str
    shifts: int
    compliance: RotaCompliance
    gaps: tuple[CoverGap, ...]

    @property
    def below_minimum(self) -> int:
        return sum(g.needed - g.rostered for g in self.gaps if g.below == "minimum")

    @property
    def below_ideal(self) -> int:
        return sum(1 for g in self.gaps if g.below == "ideal")


@dataclass(frozen=True)
class FigureTable:
    """One figure (nights per WTE...) for each doctor in each rota, and its spread."""

    title: str
    rows: list[tuple[str, list[str]]]  # doctor name, the figure in each rota ("" if absent)
    spread: list[str]


FIGURES = (
    ("Nights per WTE", "nights"),
    ("Weekends worked per WTE", "weekends"),
    ("Long days per WTE", "long_days"),
    ("Average weekly hours", "hours"),
)


@dataclass(frozen=True)
class Comparison:
    rotas: list[ComparedRota]
    tables: list[FigureTable]


def cover_gaps(rota: Rota) -> tuple[CoverGap, ...]:
    """Each day and shift where the rota has fewer doctors than the cover requirements ask,
    for the shifts this rota rosters. A department runs several rotas over the same weeks
    (the juniors' rota, the consultants' on call), each covering its own shifts: judging
    the consultant on-call rota against the juniors' nights would show every night as a
    gap. A rota with no shifts yet is judged against all of the department's cover."""
    counts = Counter(Assignment.objects.filter(rota=rota).values_list("date", "shift_type__code"))
    rostered_codes = {code for _, code in counts}
    gaps = []
    for demand in cover_by_day(rota.department, rota.period_start, rota.period_end):
        if rostered_codes and demand.shift not in rostered_codes:
            continue
        rostered = counts[(demand.day, demand.shift)]
        if rostered < demand.minimum:
            gaps.append(CoverGap(demand.day, demand.shift, demand.minimum, rostered, "minimum"))
        elif rostered < demand.ideal:
            gaps.append(CoverGap(demand.day, demand.shift, demand.ideal, rostered, "ideal"))
    return tuple(gaps)


def per_wte(figures: dict[str, float], wte: float) -> dict[str, float]:
    return {
        "nights": figures["nights"] / wte,
        "weekends": figures["weekends"] / wte,
        "long_days": figures["long_days"] / wte,
        "hours": figures["hours"],
    }


def compare_rotas(rotas: Sequence[Rota]) -> Comparison:
    compared = []
    values: list[dict[int, dict[str, float]]] = []
    for rota in rotas:
        compliance = rota_compliance(rota)
        compared.append(
            ComparedRota(
                rota=rota,
                status=RotaStatus(rota.status).label,
                shifts=rota.assignments.count(),
                compliance=compliance,
                gaps=cover_gaps(rota),
            )
        )
        on_rota = set(Assignment.objects.filter(rota=rota).values_list("doctor_id", flat=True))
        wte = dict(Doctor.objects.filter(pk__in=on_rota).values_list("pk", "wte"))
        shares: dict[int, dict[str, float]] = {}
        for row in compliance.doctors:
            if row.doctor_id not in on_rota:
                continue
            f = row.figures
            raw = {
                "nights": f.night_shifts,
                "weekends": f.weekends_worked,
                "long_days": max(f.long_shifts - f.night_shifts, 0),
                "hours": f.average_weekly_hours,
            }
            shares[row.doctor_id] = per_wte(raw, float(wte[row.doctor_id]))
        values.append(shares)
    doctor_ids = sorted({pk for shares in values for pk in shares})
    doctors = Doctor.objects.in_bulk(doctor_ids)
    ordered = sorted(doctor_ids, key=lambda pk: (doctors[pk].last_name, doctors[pk].first_name))
    tables = []
    for title, key in FIGURES:
        rows = [
            (
                f"{doctors[pk]} ({doctors[pk].wte} WTE)",
                [f"{shares[pk][key]:.1f}" if pk in shares else "" for shares in values],
            )
            for pk in ordered
        ]
        spread = []
        for shares in values:
            figures = [s[key] for s in shares.values()]
            spread.append(f"{max(figures) - min(figures):.1f}" if len(figures) > 1 else "0.0")
        tables.append(FigureTable(title, rows, spread))
    return Comparison(compared, tables)


def rota_choices(rotas: Sequence[Rota], chosen: Sequence[Rota]) -> list[dict[str, object]]:
    """The rotas as the checkboxes macro's items: name, status and version, ticked if
    chosen."""
    return [
        {
            "value": str(r.pk),
            "text": r.name,
            "hint": {"text": f"{RotaStatus(r.status).label}, version {r.version}"},
            "checked": r in chosen,
        }
        for r in rotas
    ]
