"""Merge shim, deleted at merge: rotas/ imports this old name until the lead rewrites it to
``rotaplan.imports.command``."""

from rotaplan.imports.command import (
    BAD_DATA,
    COULD_NOT_RUN,
    IMPORTED,
    Echo,
    active_user,
    read_table,
    report_actor,
    report_problems,
)

__all__ = [
    "BAD_DATA",
    "COULD_NOT_RUN",
    "IMPORTED",
    "Echo",
    "active_user",
    "read_table",
    "report_actor",
    "report_problems",
]
