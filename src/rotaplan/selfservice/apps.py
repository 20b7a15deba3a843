from django.apps import AppConfig


class SelfServiceConfig(AppConfig):
    name = "rotaplan.selfservice"
    label = "selfservice"
    verbose_name = "Doctor self-service"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.ShiftSwap)
        # The token's hash is a secret: the audit log records that a feed was made or
        # revoked, never the hash itself.
        auditlog.register(models.CalendarFeed, exclude_fields=["token_hash"])
