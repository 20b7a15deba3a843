"""Merge shim, deleted at merge: rotas/ imports this old name until the lead rewrites it to
``rotaplan.imports.presenters``."""

from rotaplan.imports.presenters import column_rows, problem_rows, problems_not_shown

__all__ = ["column_rows", "problem_rows", "problems_not_shown"]
