"""Merge shim, deleted at merge: tests/unit/pay/test_tables.py imports ``format_statement``
by this old name; it lives in ``rotaplan.engine.pay.text``."""

from rotaplan.engine.pay.text import format_statement

__all__ = ["format_statement"]
