"""The hospital derogation of the Working Time Regulations, as Rotaplan applies it.

WTR reg. 21(c)(i) disapplies the daily rest (reg. 10(1)), weekly rest (reg. 11(1), (2))
and night-work limits (reg. 6(1), (2)) where a worker's activities need continuity of
service, as in hospitals; reg. 24 then asks the employer to allow an equivalent period of
compensatory rest wherever possible, or otherwise appropriate protection.

What a trust needs, and what Rotaplan does (docs/contract-rules.md, "The hospital
derogation"):

- **Doctors in training (`tcs2016`)**: a shortfall in WTR daily or weekly rest is not a
  breach but **compensatory rest due**, with the hours owed. The TCS gives these doctors
  rest rules of their own that are stricter than the WTR's (11 h between shifts, 46 h
  after nights, 48 h after the longest runs, at most 1 weekend in 2), which stay
  breaches, and exception reporting records rest missed. A night-work average over 8 h
  in 24 is likewise not a breach: the TCS limits on nights apply instead, and the trust
  owes the night worker a free health assessment (reg. 7, which no derogation lifts).
- **Other doctors (`wtr`)**: the WTR rest and night limits stay **breaches**. The
  consultant and SAS contracts hold no rest rules to stand in for them, so a rota that
  leans on the derogation should do so knowingly: the coordinator records a reason for
  the breach (ADR 0012). This is stricter than the law, never looser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from ..breaches import Breach
from ..rota import RuleSetName
from .facts import duration_text

REST_RULES = frozenset({"wtr-daily-rest", "wtr-weekly-rest"})
NIGHT_RULES = frozenset({"wtr-night-average"})

#: The rule ids the hospital derogation turns from breaches into what is owed, by rule set.
HOSPITAL_DEROGATION: Mapping[RuleSetName, frozenset[str]] = MappingProxyType(
    {
        RuleSetName.TCS2016: REST_RULES | NIGHT_RULES,
        RuleSetName.WTR: frozenset(),
    }
)


def is_derogated(rule_set: RuleSetName, rule: str) -> bool:
    return rule in HOSPITAL_DEROGATION[rule_set]


def what_is_owed(breach: Breach) -> Breach:
    """The finding as what the trust owes instead of a breach: the message says so."""
    if breach.rule in REST_RULES:
        short = max(breach.limit - breach.value, 0.0)
        owed = (
            f"Not a breach for a doctor in training in a hospital (Working Time Regulations, "
            f"reg. 21): {duration_text(round(short * 3600))} of compensatory rest is due "
            f"(reg. 24)"
        )
    else:
        owed = (
            "Not a breach for a doctor in training in a hospital (Working Time Regulations, "
            "reg. 21): the contract's limits on nights apply instead, and a night worker is "
            "offered a free health assessment (reg. 7)"
        )
    return replace(breach, message=f"{breach.message}. {owed}")
