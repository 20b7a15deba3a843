from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "rotaplan.clinics"
    verbose_name = "Clinics"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from rotaplan.leave.away import AWAY_HOOKS
        from rotaplan.leave.impact import IMPACT_HOOKS

        from . import models, services

        auditlog.register(models.ClinicTemplate)
        auditlog.register(models.TemplateSlot)
        auditlog.register(models.ClinicSession)
        auditlog.register(models.SessionChange)
        auditlog.register(models.ClinicPolicy)
        auditlog.register(models.Appointment)
        auditlog.register(models.RebookingEntry)
        # The leave decision page lists the clinics a request would affect; approved
        # leave or a recorded absence marks them "clinician away" for the coordinator.
        if services.impact_lines not in IMPACT_HOOKS:
            IMPACT_HOOKS.append(services.impact_lines)
        if services.sessions_mark_away not in AWAY_HOOKS:
            AWAY_HOOKS.append(services.sessions_mark_away)
