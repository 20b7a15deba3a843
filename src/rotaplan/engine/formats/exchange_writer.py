"""Writing a rota back as an exchange JSON document (docs/exchange-format.md), so that a
generated or repaired rota can be checked, compared or read again by ``read_exchange``."""

from __future__ import annotations

from rotaplan.engine.rota import DoctorTerms, RotaShifts

from .london_time import exchange_time


def write_exchange(rota: RotaShifts) -> dict[str, object]:
    """The exchange JSON document for a rota; ``read_exchange`` reads it back unchanged."""
    return {
        "period": {"start": rota.period.start.isoformat(), "end": rota.period.end.isoformat()},
        "doctors": [_doctor_json(d) for d in rota.doctors],
        "shifts": [
            {
                "doctor": s.doctor,
                "start": exchange_time(s.start),
                "end": exchange_time(s.end),
                "kind": s.kind.value,
            }
            for s in rota.shifts
        ],
    }


def _doctor_json(doctor: DoctorTerms) -> dict[str, object]:
    item: dict[str, object] = {"id": doctor.id}
    if doctor.name:
        item["name"] = doctor.name
    item.update(rule_set=doctor.rule_set.value, wte=doctor.wte, opted_out=doctor.opted_out)
    if doctor.grade:
        item["grade"] = doctor.grade
    return item
