"""Merge shim, deleted at merge: tests/unit/solver/test_repair_command.py imports this old
name until the lead rewrites it to ``rotaplan.cli.repair``."""

from rotaplan.cli.repair import run_repair

__all__ = ["run_repair"]
