from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "rotaplan.people"
    verbose_name = "People"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Doctor, m2m_fields={"competencies"})
        auditlog.register(models.Competency)
        auditlog.register(models.RoleAssignment)
        auditlog.register(models.User, exclude_fields=["password", "last_login"])
