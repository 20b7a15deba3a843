from django.apps import AppConfig


class RotasConfig(AppConfig):
    name = "rotaplan.rotas"
    verbose_name = "Rotas"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.ShiftType,
            models.Rota,
            models.Assignment,
            models.ComplianceOverride,
        ):
            auditlog.register(model)
