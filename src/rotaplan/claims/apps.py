from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "rotaplan.claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Claim)
