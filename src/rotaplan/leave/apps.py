from django.apps import AppConfig


class LeaveConfig(AppConfig):
    name = "rotaplan.leave"
    verbose_name = "Leave"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.LeaveRecord)
        auditlog.register(models.LeavePolicy)
        auditlog.register(models.MinimumStaffing)
        auditlog.register(models.LeaveEntitlement)
