from django.apps import AppConfig


class CoverConfig(AppConfig):
    name = "rotaplan.cover"
    verbose_name = "Cover"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Gap)
        auditlog.register(models.CoverOffer)
        auditlog.register(models.RepairRun)
