from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "rotaplan.clinics"
    verbose_name = "Clinics"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.ClinicTemplate)
        auditlog.register(models.TemplateSlot)
        auditlog.register(models.ClinicSession)
        auditlog.register(models.SessionChange)
        auditlog.register(models.ClinicPolicy)
        auditlog.register(models.Appointment)
        auditlog.register(models.RebookingEntry)
