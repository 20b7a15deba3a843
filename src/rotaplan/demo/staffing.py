"""How many doctors of which kind work where: the demo's establishment, from one number.

The split follows the shape of an acute trust's medical workforce: about a fifth
consultants, a few SAS doctors, and the rest doctors in training. Departments share each
group by weight, largest remainder first, so the numbers always add up to what was asked.
Acute medicine always has enough doctors in training for one on every line of the junior
rota pattern and enough consultants for an on-call rota, so the smallest demo still shows
both rotas.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .pattern import LINES
from .trust import ACUTE_MEDICINE, DEPARTMENTS

CONSULTANT_SHARE = 0.20
SAS_SHARE = 0.08
LTFT_SHARE = 0.15  # less than full time, as about one doctor in seven is
OPTED_OUT_SHARE = 0.10  # signed out of the 48-hour average

# A junior rota needs one doctor on each line of the pattern to staff every night and long
# day; a consultant on-call rota of fewer than 4 is more often on call than is sustainable.
MIN_TRAINEES_FOR_ROTA = LINES
MIN_CONSULTANTS_FOR_ON_CALL = 4

# Enough for acute medicine's minimums, every training grade and both SAS grades.
MIN_DOCTORS = 30


@dataclass(frozen=True)
class Establishment:
    trainees: int
    sas: int
    consultants: int

    @property
    def has_junior_rota(self) -> bool:
        return self.trainees >= MIN_TRAINEES_FOR_ROTA

    @property
    def has_on_call_rota(self) -> bool:
        return self.consultants >= MIN_CONSULTANTS_FOR_ON_CALL


def apportion(total: int, weights: list[float], minimums: list[int]) -> list[int]:
    """Split ``total`` into whole shares: each its minimum, then the rest by weight, the
    largest fractional remainders (earliest first, on ties) taking the odd units."""
    rest = total - sum(minimums)
    if rest < 0:
        raise ValueError(f"{total} cannot cover the minimums {minimums}")
    quotas = [rest * w / sum(weights) for w in weights]
    shares = [math.floor(q) for q in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - quotas[i], i))
    for i in by_remainder[: rest - sum(shares)]:
        shares[i] += 1
    return [m + s for m, s in zip(minimums, shares, strict=True)]


def plan_establishment(doctors: int) -> dict[str, Establishment]:
    """Doctors in training, SAS doctors and consultants for each department, by code."""
    if doctors < MIN_DOCTORS:
        raise ValueError(f"the demo needs at least {MIN_DOCTORS} doctors")
    consultants = round(doctors * CONSULTANT_SHARE)
    sas = round(doctors * SAS_SHARE)
    trainees = doctors - consultants - sas
    weights = [spec.weight for spec in DEPARTMENTS]
    acute = [spec.code == ACUTE_MEDICINE for spec in DEPARTMENTS]
    split_trainees = apportion(
        trainees, weights, [MIN_TRAINEES_FOR_ROTA if a else 0 for a in acute]
    )
    split_consultants = apportion(
        consultants, weights, [MIN_CONSULTANTS_FOR_ON_CALL if a else 0 for a in acute]
    )
    split_sas = apportion(sas, weights, [0] * len(weights))
    return {
        spec.code: Establishment(t, s, c)
        for spec, t, s, c in zip(
            DEPARTMENTS, split_trainees, split_sas, split_consultants, strict=True
        )
    }
