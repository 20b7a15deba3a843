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
            models.CoverRequirement,
            models.RotaRequest,
            models.RotaPolicy,
            models.DepartmentLocalRules,
            models.DoctorPair,
            models.FixedRotaLine,
            models.RotaChange,
        ):
            auditlog.register(model)
        auditlog.register(models.CoverMix, m2m_fields={"competencies"})
        auditlog.register(models.NeverAloneRule, m2m_fields={"shift_types"})
        # A run's result and progress are the solver's output, not anyone's change: the
        # audit log keeps who started, cancelled and how it ended, not every figure.
        auditlog.register(
            models.GenerationRun,
            exclude_fields=[
                "result",
                "seconds",
                "objective",
                "bound",
                "solutions",
                "progress_updated",
            ],
        )
