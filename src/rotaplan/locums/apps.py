from django.apps import AppConfig


class LocumsConfig(AppConfig):
    name = "rotaplan.locums"
    verbose_name = "Locums"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Supplier)
        auditlog.register(models.RateCard)
        auditlog.register(models.LocumBooking)
        auditlog.register(models.LocumInduction)
        auditlog.register(models.InductionStep)
