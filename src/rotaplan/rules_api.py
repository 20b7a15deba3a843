"""Merge shim, deleted at merge: rotas/compliance_api imports the report schema by this old
name; see the layout report for where ``ReportOut`` should live so no app imports rotaplan.api."""

from rotaplan.api.rules import ReportOut

__all__ = ["ReportOut"]
