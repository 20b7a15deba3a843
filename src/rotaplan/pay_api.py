"""Merge shim, deleted at merge: rotas/work_schedule_views imports the work schedule's schema
by this old name; see the layout report for where it should live so no app imports
rotaplan.api."""

from rotaplan.api.pay import WorkScheduleOut

__all__ = ["WorkScheduleOut"]
