from django.apps import AppConfig


class JobPlansConfig(AppConfig):
    name = "rotaplan.jobplans"
    verbose_name = "Job plans"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.JobPlan)
        auditlog.register(models.Activity)
        auditlog.register(models.OnCallCommitment)
        auditlog.register(models.JobPlanEvent)
        auditlog.register(models.JobPlanPolicy)
