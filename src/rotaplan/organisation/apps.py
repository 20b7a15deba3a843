from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "rotaplan.organisation"
    verbose_name = "Organisation"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        for model in (models.Trust, models.Site, models.Department):
            auditlog.register(model)
