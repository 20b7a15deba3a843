from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rotaplan.audit"
    verbose_name = "Audit"
