"""Pay for doctors in training under the 2016 TCS, from a rota: every line explained.

``pay_for(rota, doctor_id, nodal_point, pay_year, premium=None)`` returns a
``PayStatement``; the figures come from versioned tables (``tables/*.json``) that name
their sources and say which figures were not verified.
"""

from .data import (
    FlexiblePayPremium,
    PayError,
    UnknownPayYear,
    UnknownPremium,
    known_pay_years,
    load_table,
    pay_year_for,
)
from .pay_line import PayLine
from .statement import (
    ROUNDING_RULE,
    BadNodalPoint,
    PayStatement,
    UnknownDoctor,
    nodal_point_for_grade,
    pay_for,
)

__all__ = [
    "ROUNDING_RULE",
    "BadNodalPoint",
    "FlexiblePayPremium",
    "PayError",
    "PayLine",
    "PayStatement",
    "UnknownDoctor",
    "UnknownPayYear",
    "UnknownPremium",
    "known_pay_years",
    "load_table",
    "nodal_point_for_grade",
    "pay_for",
    "pay_year_for",
]
